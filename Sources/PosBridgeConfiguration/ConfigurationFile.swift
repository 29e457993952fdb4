import Foundation
import Yams

/// A configuration file (`posbridge.yaml`): its `connections`, each with the `system` it belongs to
/// (`bc` when not given), for the connectors to check key by key.
package struct ConfigurationFile {
    /// One entry under `connections`.
    package struct Connection {
        /// Its name (the key under `connections`).
        package let name: String
        /// `system:` (default `bc`).
        package let system: String
        /// The entry itself.
        package let node: ConfigurationNode
    }

    /// The file, as given.
    package let path: String
    /// The entries under `connections`, in file order.
    package let connections: [Connection]

    /// Reads a file.
    package static func load(path: String) throws -> ConfigurationFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(.invalid, "\(path): cannot be read", underlying: error)
        }
        return try parse(text, path: path)
    }

    /// Checks configuration text; `path` names it in errors. No error quotes the text: a YAML
    /// syntax error gives file, line and column (`posbridge.yaml:3:14: not valid YAML: …`).
    package static func parse(_ yaml: String, path: String) throws -> ConfigurationFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            // Never the parser's own error as the cause: its text quotes the file's lines.
            let problem = YAMLSyntaxProblem(error, yaml: yaml)
            throw ConfigurationError(.invalid, "\(problem.location(in: path)): not valid YAML: \(problem.problem)", underlying: problem)
        }
        guard let root else { throw ConfigurationError(.invalid, "\(path): connections: missing (the file is empty)") }
        let top = ConfigurationNode(node: root, path: "(top level)", file: path)
        guard let connectionsNode = try top.members().first(where: { $0.key == "connections" })?.node else {
            throw ConfigurationError(.invalid, "\(path): connections: missing")
        }
        let connections = ConfigurationNode(node: connectionsNode.node, path: "connections", file: path)
        var entries: [Connection] = []
        for (name, node) in try connections.members() {
            let system = try node.members().first(where: { $0.key == "system" })?.node.string() ?? "bc"
            entries.append(Connection(name: name, system: system, node: node))
        }
        return ConfigurationFile(path: path, connections: entries)
    }

    /// The entries of one system.
    package func connections(of system: String) -> [Connection] { connections.filter { $0.system == system } }

    /// Checks that `name` is a connection of `system`, else throws an error that says what it is
    /// instead (`… is a Lightspeed connection (system: lightspeed)`) or that it is missing, and lists
    /// the connections of `system`.
    package func requireConnection(_ name: String, of system: String) throws {
        let found = connections.first { $0.name == name }
        if found?.system == system { return }
        let names = connections(of: system).map(\.name).sorted()
        let known = names.isEmpty ? "none in this file" : names.joined(separator: ", ")
        let wanted = Self.systemName(system)
        if let found {
            throw ConfigurationError(.invalid, "\(path): connections.\(name): is a \(Self.systemName(found.system)) connection (system: \(found.system)), not a \(wanted) one (\(wanted) connections: \(known))")
        }
        throw ConfigurationError(.invalid, "\(path): connections.\(name): no such connection (\(wanted) connections: \(known))")
    }

    /// The name of a `system:` value for messages: `Business Central`, `Lightspeed`, else the value.
    package static func systemName(_ system: String) -> String {
        switch system {
        case "bc": "Business Central"
        case "lightspeed": "Lightspeed"
        default: "'\(system)'"
        }
    }
}
