import Foundation
import Yams

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
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw BCError(.configuration, "\(path): cannot be read", underlying: error)
        }
        return try parse(text, path: path, environment: environment)
    }

    /// Checks configuration text; `path` names it in errors.
    package static func parse(_ yaml: String, path: String, environment: [String: String]) throws -> ConnectionConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw BCError(.configuration, "\(path): not valid YAML", underlying: error)
        }
        guard let root else { throw BCError(.configuration, "\(path): connections: missing (the file is empty)") }
        let top = ConnectionConfigurationNode(node: root, path: "(top level)", file: path)
        guard let connectionsNode = try top.members().first(where: { $0.key == "connections" })?.node else {
            throw BCError(.configuration, "\(path): connections: missing")
        }
        let connections = ConnectionConfigurationNode(node: connectionsNode.node, path: "connections", file: path)
        var pending: [String: PendingConnection] = [:]
        for (name, node) in try connections.members() {
            let keys = try node.members()
            let system = try keys.first(where: { $0.key == "system" })?.node.string() ?? "bc"
            guard system == "bc" else { continue }
            pending[name] = try PendingConnection(name: name, node: node)
        }
        return ConnectionConfiguration(path: path, pending: pending, environment: environment)
    }

    /// The settings of one connection, secrets read now.
    package func connection(_ name: String) throws -> BCConnectionSettings {
        guard let entry = pending[name] else {
            let known = connectionNames.isEmpty ? "none" : connectionNames.joined(separator: ", ")
            throw BCError(.configuration, "\(path): connections.\(name): no such Business Central connection (known: \(known))")
        }
        return try entry.resolve(environment: environment)
    }
}

/// Where a secret comes from, with the key that named it (for errors).
struct SecretReference: Sendable {
    enum Source: Sendable { case environment(String), file(String) }
    let source: Source
    let key: String
    let file: String

    init(_ node: ConnectionConfigurationNode) throws {
        key = node.path
        file = node.file
        guard node.node.mapping != nil else {
            throw node.error("a literal secret is not allowed; use { env: NAME } or { file: PATH }")
        }
        let members = try node.mapping(allowed: ["env", "file"])
        switch (members["env"], members["file"]) {
        case (let env?, nil): source = .environment(try env.string())
        case (nil, let path?): source = .file(try path.string())
        default: throw node.error("give exactly one of env or file")
        }
    }

    /// Reads the secret: an environment variable, or a file readable by its owner only.
    func resolve(environment: [String: String]) throws -> BCSecret {
        switch source {
        case .environment(let variable):
            guard let value = environment[variable], !value.isEmpty else {
                throw BCError(.configuration, "\(file): \(key): environment variable \(variable) is not set")
            }
            return BCSecret(value)
        case .file(let secretPath):
            let attributes: [FileAttributeKey: Any]
            do {
                attributes = try FileManager.default.attributesOfItem(atPath: secretPath)
            } catch {
                throw BCError(.configuration, "\(file): \(key): secret file \(secretPath) cannot be read", underlying: error)
            }
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
            guard mode & 0o077 == 0 else {
                throw BCError(.configuration, "\(file): \(key): secret file \(secretPath) is readable by group or others (mode \(String(mode, radix: 8))); chmod 600 it")
            }
            guard let data = FileManager.default.contents(atPath: secretPath),
                  let text = String(data: data, encoding: .utf8) else {
                throw BCError(.configuration, "\(file): \(key): secret file \(secretPath) cannot be read as UTF-8 text")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw BCError(.configuration, "\(file): \(key): secret file \(secretPath) is empty") }
            return BCSecret(value)
        }
    }
}
