import PosBridgeCore
import Yams

extension PipelineLoader {
    /// One item of a `transform` list: a name (`trim`) or a one-key mapping (`{round: 2}`).
    func transform(_ node: Node, at path: String, context: LoadContext) -> Transform? {
        let reader = context.reader
        let name: String, argument: Node?, nameNode: Node
        if case .scalar(let scalar) = node {
            (name, argument, nameNode) = (scalar.string, nil, node)
        } else if let pairs = reader.pairs(node, at: path) {
            guard pairs.count == 1 else {
                reader.problem(node, .badValue, path, "a transform is one name, or a mapping with one key (the name) and its argument")
                return nil
            }
            (name, argument, nameNode) = (pairs[0].key, pairs[0].value, pairs[0].keyNode)
        } else {
            return nil
        }
        let at = "\(path) \(name)"
        func need() -> Node? {
            if argument == nil { reader.problem(nameNode, .missingKey, at, "needs an argument, e.g. \(Self.transformExample[name] ?? name)") }
            return argument
        }
        switch name {
        case "trim", "upper", "lower":
            if let argument { reader.problem(argument, .badValue, at, "takes no argument") }
            return name == "trim" ? .trim : name == "upper" ? .upper : .lower
        case "splitStreetAndNumber":
            guard let argument else { return .splitStreetAndNumber(nil) }
            return reader.choice(Transform.AddressPart.self, argument, at: at).map { .splitStreetAndNumber($0) }
        case "joinStreetAndNumber":
            guard let argument else { return .joinStreetAndNumber(houseNumber: nil) }
            guard let members = reader.members(argument, at: at, allowed: ["houseNumber"]), let number = members["houseNumber"] else { return nil }
            return context.fieldPath(number.value, at: "\(at).houseNumber").map { .joinStreetAndNumber(houseNumber: $0) }
        case "round":
            return need().flatMap { reader.integer($0, at: at, in: 0...10) }.map { .round($0) }
        case "addTax", "removeTax":
            guard let argument = need() else { return nil }
            var rateNode = argument
            if argument.mapping != nil {
                guard let members = reader.members(argument, at: at, allowed: ["rate"]), let rate = members["rate"] else {
                    reader.problem(argument, .missingKey, "\(at).rate", "missing")
                    return nil
                }
                rateNode = rate.value
            }
            guard let rate = reader.number(rateNode, at: "\(at).rate", nonNegative: true) else { return nil }
            return name == "addTax" ? .addTax(rate: rate) : .removeTax(rate: rate)
        case "convertTax":
            guard let argument = need(), let members = reader.members(argument, at: at, allowed: ["to", "rate", "flag"]) else { return nil }
            guard let toNode = members["to"] else { reader.problem(argument, .missingKey, "\(at).to", "missing (included or excluded)"); return nil }
            let basis = reader.choice(Transform.TaxBasis.self, toNode.value, at: "\(at).to")
            let rate = members["rate"].flatMap { reader.number($0.value, at: "\(at).rate", nonNegative: true) }
            let flag = members["flag"].map { context.fieldPath($0.value, at: "\(at).flag") } ?? FieldPath("priceIncludesTax")
            guard let basis, let flag else { return nil }
            return .convertTax(to: basis, rate: rate, flag: flag)
        case "default":
            return need().map { .defaultValue(reader.value($0)) }
        case "dateFormat":
            guard let argument = need(), let members = reader.members(argument, at: at, allowed: ["from", "to"]) else { return nil }
            guard let from = members["from"], let to = members["to"] else {
                reader.problem(argument, .missingKey, at, "needs from and to (date patterns such as dd.MM.yyyy, or iso8601, date)")
                return nil
            }
            guard let fromText = reader.string(from.value, at: "\(at).from"), let toText = reader.string(to.value, at: "\(at).to") else { return nil }
            return .dateFormat(from: fromText, to: toText)
        case "join", "split":
            guard let argument = need(), case .scalar(let scalar) = argument, !scalar.string.isEmpty else {
                if let argument { reader.problem(argument, .wrongType, at, "expected the separator text") }
                return nil
            }
            return name == "join" ? .join(scalar.string) : .split(scalar.string)
        case "renameKeys":
            guard let argument = need() else { return nil }
            if argument.scalar != nil { return context.table(argument, at: at).map { .renameKeys(table: $0, dropUnmapped: false) } }
            guard let members = reader.members(argument, at: at, allowed: ["table", "unmapped"]), let table = members["table"] else { return nil }
            let drop = members["unmapped"].map { reader.choice(Unmapped.self, $0.value, at: "\(at).unmapped") == .drop } ?? false
            return context.table(table.value, at: "\(at).table").map { .renameKeys(table: $0, dropUnmapped: drop) }
        case "inTable":
            return need().flatMap { context.table($0, at: at) }.map { .inTable($0) }
        case "minus", "plus":
            guard let argument = need() else { return nil }
            let operand: Transform.Operand
            switch reader.value(argument) {
            case .number(let number): operand = .number(number)
            case .string:
                guard let path = context.fieldPath(argument, at: at) else { return nil }
                operand = .field(path)
            default:
                reader.problem(argument, .wrongType, at, "expected a number or a field path, found \(reader.describe(argument))")
                return nil
            }
            return name == "minus" ? .minus(operand) : .plus(operand)
        case "atLeast":
            return need().flatMap { reader.number($0, at: at) }.map { .atLeast($0) }
        default:
            let hint = EntitySchema.closest(to: name, in: Transform.names).map { "did you mean \"\($0)\"? " } ?? ""
            reader.problem(nameNode, .unknownTransform, path, "unknown transform \"\(name)\" (\(hint)known: \(Transform.names.joined(separator: ", ")))")
            return nil
        }
    }

    enum Unmapped: String, CaseIterable { case keep, drop }

    static let transformExample: [String: String] = [
        "round": "{ round: 2 }", "addTax": "{ addTax: { rate: 0.081 } }", "removeTax": "{ removeTax: { rate: 0.081 } }",
        "convertTax": "{ convertTax: { to: included, rate: 0.081 } }", "default": "{ default: n/a }",
        "dateFormat": "{ dateFormat: { from: dd.MM.yyyy, to: date } }", "join": "{ join: / }", "split": "{ split: / }",
        "renameKeys": "{ renameKeys: attributes }", "inTable": "{ inTable: locations }", "minus": "{ minus: reserved }",
        "plus": "{ plus: 1 }", "atLeast": "{ atLeast: 0 }",
    ]
}
