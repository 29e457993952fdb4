/// One connector's reading of its entries under `connections`, checked key by key; secrets stay
/// references (`{ env: NAME }` or `{ file: PATH }`) until `resolve` reads them.
package protocol ConnectionEntry: Sendable {
    /// What the connector's client needs, with the secrets read.
    associatedtype Settings

    /// The `system:` value of the connector's entries (`bc`, `lightspeed`).
    static var system: String { get }
    /// Checks the entry `name` at `node`; every error names file and key.
    init(name: String, node: ConfigurationNode) throws
    /// The settings with the secrets read now from `environment` or their files.
    func resolve(environment: [String: String]) throws -> Settings
}

/// The connections of one system in a configuration file (`posbridge.yaml`). Entries of other
/// systems are left to their own connectors; every entry of this one is checked when the file is
/// loaded, its secrets only when `connection(_:)` asks for it.
package struct ConfiguredConnections<Entry: ConnectionEntry>: Sendable {
    /// The file the connections came from, as given.
    package let path: String
    private let entries: [String: Entry]
    private let environment: [String: String]

    /// The names of the connections, sorted.
    package var connectionNames: [String] { entries.keys.sorted() }

    /// Reads and checks a configuration file. `environment` is where `{ env: NAME }` secrets come
    /// from (the process environment in the CLI, a dictionary in tests).
    package static func load(path: String, environment: [String: String]) throws -> Self {
        try Self(ConfigurationFile.load(path: path), environment: environment)
    }

    /// Checks configuration text; `path` names it in errors.
    package static func parse(_ yaml: String, path: String, environment: [String: String]) throws -> Self {
        try Self(ConfigurationFile.parse(yaml, path: path), environment: environment)
    }

    private init(_ file: ConfigurationFile, environment: [String: String]) throws {
        var entries: [String: Entry] = [:]
        for connection in file.connections(of: Entry.system) {
            entries[connection.name] = try Entry(name: connection.name, node: connection.node)
        }
        self.path = file.path
        self.entries = entries
        self.environment = environment
    }

    /// The settings of one connection, secrets read now.
    package func connection(_ name: String) throws -> Entry.Settings {
        guard let entry = entries[name] else {
            let known = connectionNames.isEmpty ? "none" : connectionNames.joined(separator: ", ")
            throw ConfigurationError(
                .invalid, "\(path): connections.\(name): no such \(ConfigurationFile.systemName(Entry.system)) connection (known: \(known))")
        }
        return try entry.resolve(environment: environment)
    }
}
