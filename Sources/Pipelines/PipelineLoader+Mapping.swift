import PosBridgeCore
import Yams

extension PipelineLoader {
    /// The keys of one `mapping` entry.
    static let mappingKeys = ["from", "const", "lookup", "transform", "policy", "reset"]

    /// `mapping:` — target field → `{from | const | lookup, transform, policy, reset}` (or a path alone).
    func mapping(_ node: Node, context: LoadContext) -> (mapping: [FieldPath: FieldMapping], resets: Set<FieldPath>) {
        let reader = context.reader
        var mapping: [FieldPath: FieldMapping] = [:]
        var resets: Set<FieldPath> = []
        for (name, keyNode, value) in reader.pairs(node, at: "mapping") ?? [] {
            let at = "mapping.\(name)"
            let target = context.fieldPath(name, node: keyNode, at: at)
            guard let entry = fieldMapping(value, at: at, context: context) else { continue }
            guard let target else { continue }
            if entry.reset { resets.insert(target) }
            mapping[target] = entry.mapping
        }
        return (mapping, resets)
    }

    private func fieldMapping(_ node: Node, at path: String, context: LoadContext) -> (mapping: FieldMapping, reset: Bool)? {
        let reader = context.reader
        if node.scalar != nil {
            guard let source = context.fieldPath(node, at: path) else { return nil }
            return (FieldMapping(source: .path(source)), false)
        }
        guard let members = reader.members(node, at: path, allowed: Self.mappingKeys) else { return nil }
        var mapping = FieldMapping()
        let sources = ["from", "const", "lookup"].filter { members[$0] != nil }
        if sources.count > 1 {
            reader.problem(members[sources[1]]!.keyNode, .badValue, path, "give one of from, const, lookup (found \(sources.joined(separator: " and ")))")
        }
        if let from = members["from"] {
            if let source = context.fieldPath(from.value, at: "\(path).from") { mapping.source = .path(source) }
        } else if let constant = members["const"] {
            if constant.value.scalar == nil && constant.value.sequence == nil {
                reader.problem(constant.value, .wrongType, "\(path).const", "expected a value or a list, found \(reader.kind(of: constant.value))")
            } else {
                mapping.source = .constant(reader.value(constant.value))
            }
        } else if let lookup = members["lookup"] {
            if let parsed = self.lookup(lookup.value, at: "\(path).lookup", context: context) { mapping.source = .lookup(parsed) }
        }
        if let transform = members["transform"] {
            mapping.transforms = reader.list(transform.value).enumerated().compactMap { index, item in
                self.transform(item, at: "\(path).transform[\(index + 1)]", context: context)
            }
        }
        if let policy = members["policy"] {
            mapping.policy = reader.choice(FieldPolicy.self, policy.value, at: "\(path).policy")
        }
        var reset = false
        if let node = members["reset"] { reset = reader.bool(node.value, at: "\(path).reset") ?? false }
        return (mapping, reset)
    }

    /// `lookup: {table, from, default?, else?}`.
    private func lookup(_ node: Node, at path: String, context: LoadContext) -> FieldMapping.Lookup? {
        let reader = context.reader
        guard let members = reader.members(node, at: path, allowed: ["table", "from", "default", "else"]) else { return nil }
        guard let tableNode = members["table"], let fromNode = members["from"] else {
            reader.problem(node, .missingKey, path, "needs table and from")
            return nil
        }
        let table = context.table(tableNode.value, at: "\(path).table")
        let from = context.fieldPath(fromNode.value, at: "\(path).from")
        let otherwise = members["else"].flatMap { context.fieldPath($0.value, at: "\(path).else") }
        guard let table, let from else { return nil }
        return FieldMapping.Lookup(table: table, from: from, defaultValue: members["default"].map { reader.value($0.value) }, otherwise: otherwise)
    }
}
