import Logging

/// An emulator that answers requests without a network: `BCEmulator`, `LSEmulator`.
package protocol HTTPEmulator: Sendable {
    /// The answer to one request.
    func respond(_ request: EmulatorRequest) async -> EmulatorResponse
    /// The logger label of a server for this emulator (`posbridge-emulator.bc`, …).
    static var name: String { get }
}

extension HTTPEmulator {
    /// The logger of a server for this emulator, `posbridge-emulator.<name>`: warnings and worse only, so
    /// a test run or the demo is not flooded with a line per request.
    static var serverLogger: Logger {
        var logger = Logger(label: "posbridge-emulator.\(name)")
        logger.logLevel = .warning
        return logger
    }
}
