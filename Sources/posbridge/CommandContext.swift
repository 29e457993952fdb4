import Foundation
import Logging
import PosBridgeCore

/// The effects commands use, made once from the process environment.
enum CommandContext {
    static func make() -> RunContext {
        var logger = Logger(label: "posbridge")
        logger.logLevel = ProcessInfo.processInfo.environment["POSBRIDGE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return RunContext(logger: logger, clock: { Date() })
    }

    /// The time written into outputs (manifests' `createdAt`). `POSBRIDGE_FIXED_TIME` (ISO 8601)
    /// pins it, for reproducible outputs and golden files; the clock that paces requests and
    /// expires tokens is never pinned.
    static func stamp() -> String {
        if let text = ProcessInfo.processInfo.environment["POSBRIDGE_FIXED_TIME"], let date = try? Date(text, strategy: .iso8601) {
            return Timestamp.iso8601(date)
        }
        return Timestamp.iso8601(Date())
    }
}
