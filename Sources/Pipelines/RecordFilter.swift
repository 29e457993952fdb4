import Foundation
import PosBridgeCore

/// Which source records take part ("custom filters"): conditions on fields, combined with `all`,
/// `any` and `not`. Evaluated on the source record before it is mapped.
package indirect enum RecordFilter: Sendable, Equatable {
    case all([RecordFilter])
    case any([RecordFilter])
    case not(RecordFilter)
    case condition(FieldPath, Condition)

    /// A test on one field's value.
    package enum Condition: Sendable, Equatable {
        /// The value equals this one (numbers exactly, and text against a number or boolean by its text).
        case equals(JSONValue)
        case notEquals(JSONValue)
        case isIn([JSONValue])
        case notIn([JSONValue])
        /// Whether the field is present and not null.
        case exists(Bool)
        /// Text matched by a regular expression (anywhere in it; anchor with `^…$`).
        case matches(Pattern)
        case startsWith(String)
        /// Numbers only; a non-number never matches.
        case greaterThan(CanonicalNumber)
        case lessThan(CanonicalNumber)
    }

    /// A regular expression, compiled once when the pipeline is loaded.
    package struct Pattern: @unchecked Sendable, Equatable {
        package let text: String
        let expression: NSRegularExpression

        /// Compiles `text`, or throws the reason it is not a valid expression.
        package init(_ text: String) throws {
            self.text = text
            expression = try NSRegularExpression(pattern: text)
        }

        package static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.text == rhs.text }

        func matches(_ value: String) -> Bool {
            expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        }
    }

    /// Whether a record with these fields takes part.
    package func accepts(_ fields: [String: JSONValue]) -> Bool {
        switch self {
        case .all(let filters): filters.allSatisfy { $0.accepts(fields) }
        case .any(let filters): filters.contains { $0.accepts(fields) }
        case .not(let filter): !filter.accepts(fields)
        case .condition(let path, let condition): condition.holds(for: path.value(in: fields))
        }
    }

    /// Every field path the filter reads.
    package var paths: [FieldPath] {
        switch self {
        case .all(let filters), .any(let filters): filters.flatMap(\.paths)
        case .not(let filter): filter.paths
        case .condition(let path, _): [path]
        }
    }
}

extension RecordFilter.Condition {
    func holds(for value: JSONValue?) -> Bool {
        let value = value ?? .null
        switch self {
        case .equals(let expected): return Self.same(value, expected)
        case .notEquals(let expected): return !Self.same(value, expected)
        case .isIn(let list): return list.contains { Self.same(value, $0) }
        case .notIn(let list): return !list.contains { Self.same(value, $0) }
        case .exists(let wanted): return (value != .null) == wanted
        case .matches(let pattern):
            guard case .string(let text) = value else { return false }
            return pattern.matches(text)
        case .startsWith(let prefix):
            guard case .string(let text) = value else { return false }
            return text.hasPrefix(prefix)
        case .greaterThan(let bound):
            guard case .number(let number) = value else { return false }
            return ExactDecimal.less(bound, number)
        case .lessThan(let bound):
            guard case .number(let number) = value else { return false }
            return ExactDecimal.less(number, bound)
        }
    }

    /// Equality as a person writing YAML means it: `equals: 100` matches the code `"100"`.
    static func same(_ value: JSONValue, _ expected: JSONValue) -> Bool {
        if value == expected { return true }
        switch (value, expected) {
        case (.string(let text), .number(let number)), (.number(let number), .string(let text)):
            return text == number.text
        case (.string(let text), .bool(let flag)), (.bool(let flag), .string(let text)):
            return text == (flag ? "true" : "false")
        default: return false
        }
    }
}
