import EmulatorCore
import Foundation
import PosBridgeCore

/// One `field=value` condition of a query (Lightspeed Retail API documentation, "Parameters" and "Relations"): `=` by default, or `{op},{value}` with
/// `>`, `>=`, `<`, `<=`, `!=`, `><` (between, inclusive), `~`/`!~` (like, `%` wildcard), `IN,[a,b]`.
struct LSFilter: Sendable {
    /// The comparison.
    package enum Operator: String, Sendable, CaseIterable {
        case between = "><", greaterOrEqual = ">=", lessOrEqual = "<=", notEqual = "!=", notLike = "!~"
        case greater = ">", less = "<", like = "~", equal = "=", within = "IN"
    }

    /// The field compared (top-level field of the record).
    package var field: String
    /// The operator.
    package var op: Operator
    /// The operands (two for between, many for IN, else one).
    var operands: [String]

    /// Parses the decoded value of `field=…`.
    package init(field: String, value: String) throws(LightspeedAPIError) {
        self.field = field
        // Longest operators first so `>=` is not read as `>`.
        for candidate in Operator.allCases where value.hasPrefix(candidate.rawValue + ",") {
            let rest = String(value.dropFirst(candidate.rawValue.count + 1))
            op = candidate
            switch candidate {
            case .between:
                let parts = rest.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else { throw LightspeedAPIError(400, "Between filter on '\(field)' needs two values: ><,low,high.") }
                operands = parts
            case .within:
                var list = rest
                if list.hasPrefix("[") && list.hasSuffix("]") { list = String(list.dropFirst().dropLast()) }
                operands = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                guard operands.count <= 100 else { throw LightspeedAPIError(400, "IN filter on '\(field)' takes at most 100 values.") }
            default:
                operands = [rest]
            }
            return
        }
        op = .equal
        operands = [value]
    }

    /// Whether a record matches.
    package func matches(_ record: [String: JSONValue]) -> Bool {
        let actual = LSWireFormat.text(record[field])
        switch op {
        case .equal: return Self.compare(actual, operands[0], field) == .orderedSame
        case .notEqual: return Self.compare(actual, operands[0], field) != .orderedSame
        case .greater: return Self.compare(actual, operands[0], field) == .orderedDescending
        case .greaterOrEqual: return Self.compare(actual, operands[0], field) != .orderedAscending
        case .less: return Self.compare(actual, operands[0], field) == .orderedAscending
        case .lessOrEqual: return Self.compare(actual, operands[0], field) != .orderedDescending
        case .between:
            return Self.compare(actual, operands[0], field) != .orderedAscending && Self.compare(actual, operands[1], field) != .orderedDescending
        case .within: return operands.contains { Self.compare(actual, $0, field) == .orderedSame }
        case .like: return Self.like(actual, operands[0])
        case .notLike: return !Self.like(actual, operands[0])
        }
    }

    /// Datetimes by instant (offsets honoured), numbers numerically, text case-insensitively (the real API runs
    /// on MySQL with case-insensitive collations — an assumption, the reference does not say).
    static func compare(_ actual: String, _ operand: String, _ field: String) -> ComparisonResult {
        if let a = ISODateTime.parse(actual, .lenient), let b = ISODateTime.parse(operand, .lenient) {
            return a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
        }
        if let a = Double(actual), let b = Double(operand), !actual.isEmpty, !operand.isEmpty {
            return a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
        }
        return actual.lowercased().compare(operand.lowercased())
    }

    /// SQL LIKE with `%` (any run) and `_` (one character), case-insensitive.
    static func like(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text.lowercased()), p = Array(pattern.lowercased())
        var memo: [Int: Bool] = [:]
        func go(_ i: Int, _ j: Int) -> Bool {
            let key = i * (p.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if j == p.count { result = i == t.count }
            else if p[j] == "%" { result = go(i, j + 1) || (i < t.count && go(i + 1, j)) }
            else { result = i < t.count && (p[j] == "_" || p[j] == t[i]) && go(i + 1, j + 1) }
            memo[key] = result
            return result
        }
        return go(0, 0)
    }
}
