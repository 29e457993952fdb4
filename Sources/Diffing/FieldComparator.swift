import Foundation
import PosBridgeCore

/// Compares the decoded fields of two records under the diff rules and lists what changed, leaf by
/// leaf for nested objects (arrays change as a whole), as `path → {"old":…,"new":…}` where a side
/// that is absent is left out.
package final class FieldComparator {
    private let rules: DiffRules
    private var cache: [[String]: FieldRule] = [:]

    package init(rules: DiffRules) {
        self.rules = rules
    }

    /// The changes from `old` to `new`; empty when the rules make them equal.
    package func changes(old: [String: JSONValue], new: [String: JSONValue]) -> [String: JSONValue] {
        var changes: [String: JSONValue] = [:]
        var path: [String] = []
        collect(old: old, new: new, path: &path, into: &changes)
        return changes
    }

    private func rule(_ path: [String]) -> FieldRule {
        if rules.isEmpty { return rules.defaults }
        if let cached = cache[path] { return cached }
        let rule = rules.rule(for: path)
        cache[path] = rule
        return rule
    }

    private func collect(old: [String: JSONValue], new: [String: JSONValue], path: inout [String], into changes: inout [String: JSONValue]) {
        for name in Set(old.keys).union(new.keys) {
            path.append(name)
            defer { path.removeLast() }
            let before = old[name], after = new[name]
            if case .object(let oldMembers)? = before, case .object(let newMembers)? = after, rule(path).ignore != true {
                collect(old: oldMembers, new: newMembers, path: &path, into: &changes)
            } else if !equal(before, after, path: &path) {
                var change: [String: JSONValue] = [:]
                if let before { change["old"] = before }
                if let after { change["new"] = after }
                changes[DiffRules.path(path)] = .object(change)
            }
        }
    }

    /// Whether two values (either may be absent) count as equal at `path`.
    private func equal(_ old: JSONValue?, _ new: JSONValue?, path: inout [String]) -> Bool {
        let rule = rule(path)
        if rule.ignore == true { return true }
        guard let old, let new else {
            if old == nil, new == nil { return true }
            return rule.absentEqualsNull == true && (old ?? new) == .null
        }
        switch (old, new) {
        case (.number(let a), .number(let b)):
            return a == b || withinTolerance(a, b, rule)
        case (.string(let a), .string(let b)):
            return a == b || fold(a, rule) == fold(b, rule)
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { equal($0, $1, path: &path) }
        case (.object(let a), .object(let b)):
            for name in Set(a.keys).union(b.keys) {
                path.append(name)
                defer { path.removeLast() }
                if !equal(a[name], b[name], path: &path) { return false }
            }
            return true
        default:
            return old == new
        }
    }

    private func withinTolerance(_ a: CanonicalNumber, _ b: CanonicalNumber, _ rule: FieldRule) -> Bool {
        guard rule.absoluteTolerance != nil || rule.relativeTolerance != nil,
              let x = Decimal(string: a.text), let y = Decimal(string: b.text) else { return false }
        let difference = abs(x - y)
        if let absolute = rule.absoluteTolerance, difference <= absolute { return true }
        if let relative = rule.relativeTolerance, difference <= relative * max(abs(x), abs(y)) { return true }
        return false
    }

    private func fold(_ text: String, _ rule: FieldRule) -> String {
        var text = text
        switch rule.whitespace ?? .exact {
        case .exact: break
        case .trim: text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .collapse:
            text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        // Upper then lower case approximates full case folding: "Größe" and "GRÖSSE" both become "grösse".
        if rule.caseInsensitive == true { text = text.uppercased().lowercased() }
        return text
    }
}
