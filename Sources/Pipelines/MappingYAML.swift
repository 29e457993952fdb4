import PosBridgeCore
import Yams

/// Mappings written back as YAML, in the pipeline file's own language (what `pipeline show`
/// prints and `pipeline reset-mapping` leaves behind): one flow-style entry per target field, in
/// the entity's field order.
package enum MappingYAML {
    /// `mapping:` with the given entries; an empty mapping is `mapping: {}`.
    package static func document(_ mapping: [FieldPath: FieldMapping], schema: EntitySchema) throws -> String {
        let root = Node.mapping(Node.Mapping([(scalar("mapping"), node(mapping, schema: schema))], .implicit, .block))
        return try Yams.serialize(node: root, width: -1, allowUnicode: true)
    }

    /// The entries as one block mapping node.
    static func node(_ mapping: [FieldPath: FieldMapping], schema: EntitySchema) -> Node {
        let order = Dictionary(uniqueKeysWithValues: schema.fieldNames.enumerated().map { ($1, $0) })
        let sorted = mapping.sorted { a, b in
            let x = order[a.key.field] ?? Int.max, y = order[b.key.field] ?? Int.max
            return x != y ? x < y : a.key < b.key
        }
        let pairs = sorted.map { (scalar($0.key.description), node($0.value)) }
        return .mapping(Node.Mapping(pairs, .implicit, pairs.isEmpty ? .flow : .block))
    }

    /// One field's mapping: `{ from: price, transform: [...], policy: create-only }`.
    static func node(_ mapping: FieldMapping) -> Node {
        var pairs: [(Node, Node)] = []
        switch mapping.source {
        case .path(let path)?: pairs.append((scalar("from"), scalar(path.description)))
        case .constant(let value)?: pairs.append((scalar("const"), node(value)))
        case .lookup(let lookup)?:
            var members: [(Node, Node)] = [(scalar("table"), scalar(lookup.table)), (scalar("from"), scalar(lookup.from.description))]
            if let fallback = lookup.defaultValue { members.append((scalar("default"), node(fallback))) }
            if let otherwise = lookup.otherwise { members.append((scalar("else"), scalar(otherwise.description))) }
            pairs.append((scalar("lookup"), flow(members)))
        case nil: break
        }
        if let transforms = mapping.transforms, !transforms.isEmpty {
            pairs.append((scalar("transform"), .sequence(Node.Sequence(transforms.map(node), .implicit, .flow))))
        }
        if let policy = mapping.policy { pairs.append((scalar("policy"), scalar(policy.rawValue))) }
        return flow(pairs)
    }

    /// One transform: `trim` or `{ round: 2 }`.
    static func node(_ transform: Transform) -> Node {
        func named(_ name: String, _ argument: Node) -> Node { flow([(scalar(name), argument)]) }
        switch transform {
        case .trim: return scalar("trim")
        case .upper: return scalar("upper")
        case .lower: return scalar("lower")
        case .splitStreetAndNumber(let part): return part.map { named("splitStreetAndNumber", scalar($0.rawValue)) } ?? scalar("splitStreetAndNumber")
        case .joinStreetAndNumber(let path):
            return path.map { named("joinStreetAndNumber", flow([(scalar("houseNumber"), scalar($0.description))])) } ?? scalar("joinStreetAndNumber")
        case .round(let places): return named("round", node(JSONValue.number(CanonicalNumber(places))))
        case .addTax(let rate): return named("addTax", flow([(scalar("rate"), node(JSONValue.number(rate)))]))
        case .removeTax(let rate): return named("removeTax", flow([(scalar("rate"), node(JSONValue.number(rate)))]))
        case .convertTax(let basis, let rate, let flag):
            var members: [(Node, Node)] = [(scalar("to"), scalar(basis.rawValue))]
            if let rate { members.append((scalar("rate"), node(JSONValue.number(rate)))) }
            if flag.description != "priceIncludesTax" { members.append((scalar("flag"), scalar(flag.description))) }
            return named("convertTax", flow(members))
        case .defaultValue(let value): return named("default", node(value))
        case .dateFormat(let from, let to): return named("dateFormat", flow([(scalar("from"), scalar(from)), (scalar("to"), scalar(to))]))
        case .join(let separator): return named("join", node(.string(separator)))
        case .split(let separator): return named("split", node(.string(separator)))
        case .renameKeys(let table, let drop):
            return named("renameKeys", drop ? flow([(scalar("table"), scalar(table)), (scalar("unmapped"), scalar("drop"))]) : scalar(table))
        case .inTable(let table): return named("inTable", scalar(table))
        case .minus(let operand): return named("minus", node(operand))
        case .plus(let operand): return named("plus", node(operand))
        case .atLeast(let bound): return named("atLeast", node(JSONValue.number(bound)))
        }
    }

    private static func node(_ operand: Transform.Operand) -> Node {
        switch operand {
        case .number(let number): node(JSONValue.number(number))
        case .field(let path): scalar(path.description)
        }
    }

    /// A JSON value as YAML; text that would read back as something else is quoted.
    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return .scalar(Node.Scalar("null", .implicit, .plain))
        case .bool(let flag): return .scalar(Node.Scalar(flag ? "true" : "false", .implicit, .plain))
        case .number(let number): return .scalar(Node.Scalar(number.text, .implicit, .plain))
        case .string(let text): return scalar(text)
        case .array(let items): return .sequence(Node.Sequence(items.map(node), .implicit, .flow))
        case .object(let members):
            return flow(members.sorted { $0.key.utf8Precedes($1.key) }.map { (scalar($0.key), node($0.value)) })
        }
    }

    /// Text, double-quoted when plain it would read as null, a boolean or a number.
    static func scalar(_ text: String) -> Node {
        let plainReadsOtherwise = YAMLReader(file: "").value(.scalar(Node.Scalar(text, .implicit, .plain))) != .string(text)
        return .scalar(Node.Scalar(text, .implicit, plainReadsOtherwise ? .doubleQuoted : .any))
    }

    static func flow(_ pairs: [(Node, Node)]) -> Node { .mapping(Node.Mapping(pairs, .implicit, .flow)) }
}
