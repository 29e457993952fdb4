import Foundation

/// A running `posbridge-emulator` for end-to-end tests: started with its arguments, its base URL read
/// from the first line it prints, and stopped with SIGTERM when the test lets go of it.
package final class EmulatorProcess: @unchecked Sendable {
    /// The process.
    package let process: Process
    /// The base URL the emulator printed, e.g. `http://127.0.0.1:39115`.
    package let baseURL: String

    /// Starts `posbridge-emulator` with `arguments` (e.g. `["bc", "--port", "0", …]`).
    package init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge-emulator")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        baseURL = String(decoding: line, as: UTF8.self)
    }

    deinit { if process.isRunning { _ = stop() } }

    /// Sends SIGTERM and waits; returns how it ended and its status.
    @discardableResult
    package func stop() -> (Process.TerminationReason, Int32) {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus)
    }
}
