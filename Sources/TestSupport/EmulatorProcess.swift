import Foundation

/// A running `posbridge-emulator` for end-to-end tests: started with its arguments, its base URL read
/// from the first line it prints, and stopped with SIGTERM when the test lets go of it.
package final class EmulatorProcess: @unchecked Sendable {
    /// The emulator exited (or closed its output) before it printed its URL.
    package struct StartFailure: Error, CustomStringConvertible {
        /// The arguments it was started with.
        package let arguments: [String]
        /// Its exit status (nil when it had not exited yet).
        package let status: Int32?
        /// What it wrote to stderr.
        package let stderr: String

        package var description: String {
            "posbridge-emulator \(arguments.joined(separator: " ")) ended before printing its URL"
                + (status.map { " (exit \($0))" } ?? "") + ": " + stderr
        }
    }

    /// The process.
    package let process: Process
    /// The base URL the emulator printed, e.g. `http://127.0.0.1:39115`.
    package let baseURL: String
    /// Where its stderr goes: a file, not a pipe, so a chatty emulator never blocks on a full pipe.
    private let stderrFile: URL

    /// Starts `posbridge-emulator` with `arguments` (e.g. `["bc", "--port", "0", …]`); throws `StartFailure`,
    /// with the emulator's stderr, when it exits before printing its URL.
    package init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge-emulator")
        process.arguments = arguments
        stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID().uuidString).stderr")
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        var line = Data()
        var ended = false
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { ended = true; break }
            if byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard !ended, !line.isEmpty else {
            process.waitUntilExit()
            let text = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: stderrFile)
            throw StartFailure(arguments: arguments, status: process.terminationStatus,
                               stderr: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        baseURL = String(decoding: line, as: UTF8.self)
    }

    deinit {
        if process.isRunning { _ = stop() }
        try? FileManager.default.removeItem(at: stderrFile)
    }

    /// Sends SIGTERM and waits; returns how it ended and its status.
    @discardableResult
    package func stop() -> (Process.TerminationReason, Int32) {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus)
    }

    /// What the emulator has written to stderr so far.
    package var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
}
