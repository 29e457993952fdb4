import Foundation

/// The result of running a program: exit status and captured output.
package struct CommandResult: Sendable {
    package let status: Int32
    package let stdout: String
    package let stderr: String
}

/// Runs programs for end-to-end tests: the built `posbridge` beside the test bundle, or any tool.
package enum CommandRunner {
    /// The folder SwiftPM built into (the test bundle's folder), where `posbridge` lives too.
    package static var buildFolder: URL {
        if let override = ProcessInfo.processInfo.environment["POSBRIDGE_BUILD_DIR"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("posbridge").path) { return url }
        }
        return Bundle.main.bundleURL.deletingLastPathComponent()
    }

    /// The package's root folder (holds `fixtures/` and `docs/`).
    package static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    /// Runs the built `posbridge` with arguments.
    package static func posbridge(_ arguments: [String], cwd: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> CommandResult {
        let environment = extraEnvironment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 }
        return try run(buildFolder.appendingPathComponent("posbridge").path, arguments, cwd: cwd, environment: environment)
    }

    /// Runs a program (a path, or a name looked up on PATH) with arguments and waits for it.
    package static func run(_ program: String, _ arguments: [String], cwd: URL? = nil, environment: [String: String]? = nil) throws -> CommandResult {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let cwd { process.currentDirectoryURL = cwd }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a chatty program cannot block on a full pipe.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.value, as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
