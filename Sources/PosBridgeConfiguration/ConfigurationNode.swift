import Foundation
import Yams

/// A YAML node with the dotted key path that leads to it, so every error names file and key:
/// `posbridge.yaml: connections.cronus-online.auth.clientSecret: …`.
package struct ConfigurationNode {
    /// The YAML node.
    package let node: Node
    /// The dotted key path (`connections.x.auth`).
    package let path: String
    /// The configuration file, as given.
    package let file: String

    /// A node at `path` of `file`.
    package init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// An error naming file and key.
    package func error(_ text: String) -> ConfigurationError {
        ConfigurationError(.invalid, "\(file): \(path): \(text)")
    }

    /// The members of a mapping, in file order.
    package func members() throws -> [(key: String, node: ConfigurationNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping, found \(kind)") }
        return try mapping.map { pair in
            guard let key = pair.key.string else { throw error("a key is not a plain text") }
            return (key, ConfigurationNode(node: pair.value, path: "\(path).\(key)", file: file))
        }
    }

    /// A mapping's members by name, refusing keys not in `allowed` (catches typos).
    package func mapping(allowed: Set<String>) throws -> [String: ConfigurationNode] {
        var result: [String: ConfigurationNode] = [:]
        for (key, child) in try members() {
            guard allowed.contains(key) else {
                throw ConfigurationError(.invalid, "\(file): \(child.path): unknown key (expected one of \(allowed.sorted().joined(separator: ", ")))")
            }
            result[key] = child
        }
        return result
    }

    package var kind: String {
        switch node {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    package func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected text, found \(kind)") }
        guard !scalar.string.isEmpty else { throw error("must not be empty") }
        return scalar.string
    }

    package func int(in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar = node, let value = node.int else { throw error("expected a whole number") }
        guard range.contains(value) else { throw error("must be between \(range.lowerBound) and \(range.upperBound)") }
        return value
    }

    package func bool() throws -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("expected true or false") }
        return value
    }

    /// One of a fixed set of words.
    package func choice<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type) throws -> T {
        let text = try string()
        guard let value = T(rawValue: text) else {
            throw error("unknown value '\(text)' (expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    /// An absolute http(s) URL without a trailing slash.
    package func url() throws -> String {
        let text = try string()
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), let host = URLComponents(string: text)?.host, !host.isEmpty else {
            throw error("expected an absolute http or https URL")
        }
        guard URLComponents(string: text)?.user == nil else {
            throw error("must not carry credentials; use auth")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}

extension Dictionary where Key == String, Value == ConfigurationNode {
    /// A required member, or an error naming the missing key under `parent`.
    package func required(_ key: String, in parent: ConfigurationNode) throws -> ConfigurationNode {
        guard let child = self[key] else { throw ConfigurationError(.invalid, "\(parent.file): \(parent.path).\(key): missing") }
        return child
    }
}
