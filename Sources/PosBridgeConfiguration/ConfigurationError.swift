import PosBridgeCore

/// Why a configuration file cannot be used; the message names the file and the key.
package typealias ConfigurationError = CodedError<ConfigurationErrorKind>

/// The kinds of `ConfigurationError`.
package enum ConfigurationErrorKind: String, ErrorKind {
    /// The file cannot be read, is not YAML, or a key is missing, unknown or has a wrong value.
    case invalid = "config.invalid"
}
