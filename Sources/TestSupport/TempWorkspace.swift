import Foundation

/// A fresh folder under the system temp directory for one test, removed when the value is released.
package final class TempWorkspace: Sendable {
    package let url: URL

    package init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("posbridge-\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of a file or folder inside the workspace.
    package func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes bytes to a file inside the workspace (creating folders) and returns its path.
    @discardableResult
    package func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target.path
    }

    /// Writes text (UTF-8) to a file inside the workspace and returns its path.
    @discardableResult
    package func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    /// The bytes of a file inside the workspace.
    package func read(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(relative)))
    }

    /// The UTF-8 text of a file inside the workspace.
    package func readText(_ relative: String) throws -> String {
        String(decoding: try read(relative), as: UTF8.self)
    }

    /// Whether a file or folder exists inside the workspace.
    package func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }
}
