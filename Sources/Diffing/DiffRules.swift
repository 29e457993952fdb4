import Foundation
import PosBridgeCore

/// The per-field comparison rules of a diff: a default rule and rules by dotted path into the
/// fields (`attributes.colour`; a `.` or `\` inside a name is written `\.` or `\\`). The most
/// specific path wins option by option.
package struct DiffRules: Sendable, Equatable {
    package var defaults: FieldRule
    package var fields: [String: FieldRule]

    /// No rules: only byte-equal values (after canonical form) are equal.
    package static let none = DiffRules(defaults: FieldRule(), fields: [:])

    package init(defaults: FieldRule, fields: [String: FieldRule]) {
        self.defaults = defaults
        self.fields = fields
    }

    /// Whether there is nothing beyond exact comparison.
    package var isEmpty: Bool { defaults == FieldRule() && fields.isEmpty }

    /// The effective rule of a path given as its parts.
    package func rule(for path: [String]) -> FieldRule {
        var rule = defaults
        guard !fields.isEmpty else { return rule }
        var prefix = ""
        for (index, part) in path.enumerated() {
            prefix += (index == 0 ? "" : ".") + Self.escape(part)
            if let specific = fields[prefix] { rule = rule.overlaid(with: specific) }
        }
        return rule
    }

    /// A field name as it is written in a dotted path.
    package static func escape(_ name: String) -> String {
        guard name.contains(".") || name.contains("\\") else { return name }
        return name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ".", with: "\\.")
    }

    /// The dotted path of a list of names.
    package static func path(_ parts: [String]) -> String {
        parts.map(escape).joined(separator: ".")
    }

    /// The rules as written in `summary.json`.
    package var json: JSONValue {
        .object(["default": defaults.json, "fields": .object(fields.mapValues(\.json))])
    }
}
