import Foundation
import Logging
import PosBridgeCore

/// Results on stdout: one JSON object with `--json`, else a short line for a person.
enum Output {
    static func result(_ object: [String: JSONValue], json: Bool, text: String) {
        if json {
            print(CanonicalJSON.string(.object(object)))
        } else {
            print(text)
        }
    }
}

/// The effects commands use, made once from the process environment.
enum CommandContext {
    static func make() -> RunContext {
        var logger = Logger(label: "posbridge")
        logger.logLevel = ProcessInfo.processInfo.environment["POSBRIDGE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return RunContext(logger: logger, clock: clockFromEnvironment())
    }

    /// `POSBRIDGE_FIXED_TIME` (ISO 8601) pins the clock, for reproducible outputs and golden files.
    private static func clockFromEnvironment() -> @Sendable () -> Date {
        if let text = ProcessInfo.processInfo.environment["POSBRIDGE_FIXED_TIME"],
           let date = try? Date(text, strategy: .iso8601) {
            return { date }
        }
        return { Date() }
    }
}
