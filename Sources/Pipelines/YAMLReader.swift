import PosBridgeCore
import Yams

/// Reads YAML nodes of one pipeline file and collects every problem with its line and column,
/// instead of stopping at the first, so that `pipeline validate` lists them all.
final class YAMLReader {
    let file: String
    private(set) var problems: [PipelineProblem] = []

    init(file: String) { self.file = file }

    /// Records a problem at a node's place: `path: message`.
    func problem(_ node: Node?, _ kind: PipelineProblem.Kind, _ path: String, _ message: String) {
        let mark = node?.mark
        problems.append(PipelineProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, kind: kind,
                                        message: path.isEmpty ? message : "\(path): \(message)"))
    }

    func kind(of node: Node) -> String {
        switch node {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The pairs of a mapping in file order, or nil (and a problem) when the node is no mapping.
    func pairs(_ node: Node, at path: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            problem(node, .wrongType, path, "expected a mapping, found \(kind(of: node))")
            return nil
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !scalar.string.isEmpty else {
                problem(key, .wrongType, path, "a key must be plain text")
                continue
            }
            result.append((scalar.string, key, value))
        }
        return result
    }

    /// A mapping's members by name; keys not in `allowed` are problems (with a guess at the typo).
    func members(_ node: Node, at path: String, allowed: [String]) -> [String: (keyNode: Node, value: Node)]? {
        guard let pairs = pairs(node, at: path) else { return nil }
        var result: [String: (keyNode: Node, value: Node)] = [:]
        for pair in pairs {
            guard allowed.contains(pair.key) else {
                let hint = EntitySchema.closest(to: pair.key, in: allowed).map { "did you mean \"\($0)\"? " } ?? ""
                problem(pair.keyNode, .unknownKey, join(path, pair.key), "unknown key (\(hint)expected one of \(allowed.joined(separator: ", ")))")
                continue
            }
            result[pair.key] = (pair.keyNode, pair.value)
        }
        return result
    }

    /// Non-empty text.
    func string(_ node: Node, at path: String) -> String? {
        guard case .scalar(let scalar) = node, value(node) != .null else {
            problem(node, .wrongType, path, "expected text, found \(node.scalar == nil ? kind(of: node) : "nothing")")
            return nil
        }
        guard !scalar.string.isEmpty else { problem(node, .badValue, path, "must not be empty"); return nil }
        return scalar.string
    }

    func bool(_ node: Node, at path: String) -> Bool? {
        guard case .bool(let flag) = value(node), node.scalar != nil else {
            problem(node, .wrongType, path, "expected true or false, found \(describe(node))")
            return nil
        }
        return flag
    }

    func number(_ node: Node, at path: String, nonNegative: Bool = false) -> CanonicalNumber? {
        guard case .number(let number) = value(node) else {
            problem(node, .wrongType, path, "expected a number, found \(describe(node))")
            return nil
        }
        if nonNegative, number.text.hasPrefix("-") { problem(node, .badValue, path, "must not be negative"); return nil }
        return number
    }

    func integer(_ node: Node, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .number(let number) = value(node), let integer = Int(number.text) else {
            problem(node, .wrongType, path, "expected a whole number, found \(describe(node))")
            return nil
        }
        guard range.contains(integer) else {
            problem(node, .badValue, path, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return integer
    }

    /// One of a fixed set of words.
    func choice<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type, _ node: Node, at path: String) -> T? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = T(rawValue: text) else {
            problem(node, .badValue, path, "unknown value \"\(text)\" (expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return value
    }

    /// The items of a list; a single item stands for a list of one.
    func list(_ node: Node) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        return [node]
    }

    /// A node as a JSON value, read the YAML 1.2 core way: quoted text stays text; plain `null`,
    /// `~` and nothing are null, `true`/`false` booleans, numbers exact decimals.
    func value(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
            switch scalar.string {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default:
                if let number = CanonicalNumber(scalar.string) { return .number(number) }
                return .string(scalar.string)
            }
        case .sequence(let sequence): return .array(sequence.map(value))
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, member) in mapping { members[key.string ?? ""] = value(member) }
            return .object(members)
        case .alias: return .null
        }
    }

    func describe(_ node: Node) -> String {
        guard node.scalar != nil else { return kind(of: node) }
        let value = value(node)
        return value == .null ? "nothing" : value.typeName == "string" ? "text" : value.typeName
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
