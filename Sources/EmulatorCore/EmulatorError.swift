import PosBridgeCore

/// The kinds of emulator failures that stop the emulator itself (not the API errors it serves).
package enum EmulatorErrorKind: String, ErrorKind {
    /// The state file could not be opened, migrated, read or written.
    case state = "emulator.state"
    /// The seed folder is missing, unreadable or holds malformed JSON.
    case seed = "emulator.seed"
    /// The server could not bind or run.
    case server = "emulator.server"
    /// A command-line value is malformed (e.g. `--rate-limit`).
    case argument = "emulator.argument"
}

/// The emulator module's one error type.
package typealias EmulatorError = CodedError<EmulatorErrorKind>
