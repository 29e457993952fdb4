import PosBridgeCore
import Yams

extension PipelineLoader {
    /// The operators of a filter condition.
    static let filterOperators = ["equals", "notEquals", "in", "notIn", "exists", "matches", "startsWith", "greaterThan", "lessThan"]

    /// `filter:` — `{all: [...]}`, `{any: [...]}`, `{not: …}` or a condition `{field, <operator>: value}`.
    func filter(_ node: Node, at path: String, context: LoadContext) -> RecordFilter? {
        let reader = context.reader
        guard let pairs = reader.pairs(node, at: path) else { return nil }
        let keys = pairs.map(\.key)
        if let combinator = ["all", "any", "not"].first(where: keys.contains) {
            guard pairs.count == 1, let value = pairs.first?.value else {
                reader.problem(node, .badFilter, path, "\(combinator) stands alone; put further conditions inside it")
                return nil
            }
            let at = "\(path).\(combinator)"
            if combinator == "not" { return filter(value, at: at, context: context).map { .not($0) } }
            guard case .sequence(let items) = value, !items.isEmpty else {
                reader.problem(value, .badFilter, at, "expected a list of conditions")
                return nil
            }
            let parts = items.enumerated().compactMap { filter($1, at: "\(at)[\($0 + 1)]", context: context) }
            guard parts.count == items.count else { return nil }
            return combinator == "all" ? .all(parts) : .any(parts)
        }
        guard let members = reader.members(node, at: path, allowed: ["field"] + Self.filterOperators) else { return nil }
        guard let fieldNode = members["field"] else {
            reader.problem(node, .badFilter, path, "a condition needs field and one of \(Self.filterOperators.joined(separator: ", ")) (or use all, any, not)")
            return nil
        }
        let field = context.fieldPath(fieldNode.value, at: "\(path).field")
        let operators = Self.filterOperators.filter { members[$0] != nil }
        guard operators.count == 1, let name = operators.first, let argument = members[name]?.value else {
            reader.problem(node, .badFilter, path, operators.isEmpty
                ? "a condition needs one of \(Self.filterOperators.joined(separator: ", "))"
                : "a condition has one operator (found \(operators.joined(separator: ", ")); combine with all or any)")
            return nil
        }
        let at = "\(path).\(name)"
        let condition: RecordFilter.Condition?
        switch name {
        case "equals", "notEquals":
            guard argument.scalar != nil else {
                reader.problem(argument, .badFilter, at, "expected one value, found \(reader.kind(of: argument)) (use in / notIn for a list)")
                return nil
            }
            condition = name == "equals" ? .equals(reader.value(argument)) : .notEquals(reader.value(argument))
        case "in", "notIn":
            guard case .sequence(let items) = argument else {
                reader.problem(argument, .badFilter, at, "expected a list of values")
                return nil
            }
            let values = items.map { reader.value($0) }
            condition = name == "in" ? .isIn(values) : .notIn(values)
        case "exists":
            condition = reader.bool(argument, at: at).map { .exists($0) }
        case "matches":
            guard let text = reader.string(argument, at: at) else { return nil }
            do { condition = .matches(try RecordFilter.Pattern(text)) } catch {
                reader.problem(argument, .badFilter, at, "not a valid regular expression")
                return nil
            }
        case "startsWith":
            condition = reader.string(argument, at: at).map { .startsWith($0) }
        default:
            let bound = reader.number(argument, at: at)
            condition = bound.map { name == "greaterThan" ? .greaterThan($0) : .lessThan($0) }
        }
        guard let field, let condition else { return nil }
        return .condition(field, condition)
    }
}
