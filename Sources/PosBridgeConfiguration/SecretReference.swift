import Foundation

/// Where a secret comes from, with the key that named it (for errors).
package struct SecretReference: Sendable {
    package enum Source: Sendable { case environment(String), file(String) }
    package let source: Source
    package let key: String
    package let file: String

    /// Reads `{ env: NAME }` or `{ file: PATH }` at `node`; a literal secret is refused.
    package init(_ node: ConfigurationNode) throws {
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
    package func resolve(environment: [String: String]) throws -> Secret {
        switch source {
        case .environment(let variable):
            guard let value = environment[variable], !value.isEmpty else {
                throw ConfigurationError(.invalid, "\(file): \(key): environment variable \(variable) is not set")
            }
            return Secret(value)
        case .file(let secretPath):
            let attributes: [FileAttributeKey: Any]
            do {
                attributes = try FileManager.default.attributesOfItem(atPath: secretPath)
            } catch {
                throw ConfigurationError(.invalid, "\(file): \(key): secret file \(secretPath) cannot be read", underlying: error)
            }
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
            guard mode & 0o077 == 0 else {
                throw ConfigurationError(.invalid, "\(file): \(key): secret file \(secretPath) is readable by group or others (mode \(String(mode, radix: 8))); chmod 600 it")
            }
            guard let data = FileManager.default.contents(atPath: secretPath),
                  let text = String(data: data, encoding: .utf8) else {
                throw ConfigurationError(.invalid, "\(file): \(key): secret file \(secretPath) cannot be read as UTF-8 text")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw ConfigurationError(.invalid, "\(file): \(key): secret file \(secretPath) is empty") }
            return Secret(value)
        }
    }
}
