import PosBridgeConfiguration
import Foundation

/// The Business Central connections of a configuration file (`posbridge.yaml`), checked key by key.
/// Connections of other systems (`system: lightspeed`) are left to their own connectors. Secrets are
/// only named here (`{ env: NAME }` or `{ file: PATH }`) and read by `connection(_:)`; a literal
/// secret in the file is refused. `docs/configuration.md` documents every key.
package struct ConnectionConfiguration: Sendable {
    /// The file the connections came from, as given.
    package let path: String
    private let pending: [String: PendingConnection]
    private let environment: [String: String]

    /// The names of the Business Central connections, sorted.
    package var connectionNames: [String] { pending.keys.sorted() }

    /// Reads and checks a configuration file. `environment` is where `{ env: NAME }` secrets come
    /// from (the process environment in the CLI, a dictionary in tests).
    package static func load(path: String, environment: [String: String]) throws -> ConnectionConfiguration {
        try make(ConfigurationFile.load(path: path), environment: environment)
    }

    /// Checks configuration text; `path` names it in errors.
    package static func parse(_ yaml: String, path: String, environment: [String: String]) throws -> ConnectionConfiguration {
        try make(ConfigurationFile.parse(yaml, path: path), environment: environment)
    }

    private static func make(_ file: ConfigurationFile, environment: [String: String]) throws -> ConnectionConfiguration {
        var pending: [String: PendingConnection] = [:]
        for entry in file.connections(of: "bc") {
            pending[entry.name] = try PendingConnection(name: entry.name, node: entry.node)
        }
        return ConnectionConfiguration(path: file.path, pending: pending, environment: environment)
    }

    /// The settings of one connection, secrets read now.
    package func connection(_ name: String) throws -> BCConnectionSettings {
        guard let entry = pending[name] else {
            let known = connectionNames.isEmpty ? "none" : connectionNames.joined(separator: ", ")
            throw ConfigurationError(.invalid, "\(path): connections.\(name): no such Business Central connection (known: \(known))")
        }
        return try entry.resolve(environment: environment)
    }
}
