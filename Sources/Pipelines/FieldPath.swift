import PosBridgeCore

/// A dotted path into a record's fields: `name`, `attributes.Material`, `billingAddress.city`,
/// `categoryPath.0` (a list element by index). A `.` or `\` inside a name is written `\.` or `\\`,
/// as in the diff's rules.
package struct FieldPath: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The member names, outermost first.
    package let parts: [String]

    package init(parts: [String]) { self.parts = parts }

    /// Parses dotted text, or nil when a part is empty or an escape is incomplete.
    package init?(_ text: String) {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case ".":
                guard !current.isEmpty else { return nil }
                parts.append(current); current = ""
            default: current.append(character)
            }
        }
        guard !escaped, !current.isEmpty else { return nil }
        parts.append(current)
        self.parts = parts
    }

    /// The dotted text.
    package var description: String {
        parts.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ".", with: "\\.") }
            .joined(separator: ".")
    }

    /// The top-level field.
    package var field: String { parts[0] }

    /// The value at this path in a record's fields; nil when some part is absent (which mappings
    /// treat like null).
    package func value(in fields: [String: JSONValue]) -> JSONValue? {
        var current: JSONValue = .object(fields)
        for part in parts {
            switch current {
            case .object(let members):
                guard let next = members[part] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(part), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    /// Sets the value at this path, making objects on the way (a non-object on the way is replaced).
    package func set(_ value: JSONValue, in fields: inout [String: JSONValue]) {
        Self.set(value, parts: parts[...], in: &fields)
    }

    private static func set(_ value: JSONValue, parts: ArraySlice<String>, in members: inout [String: JSONValue]) {
        guard let first = parts.first else { return }
        if parts.count == 1 { members[first] = value; return }
        var inner = members[first]?.objectValue ?? [:]
        set(value, parts: parts.dropFirst(), in: &inner)
        members[first] = .object(inner)
    }

    /// Shallower paths first, then by text: the order mapping entries are applied in, so that
    /// `attributes.Material` refines what `attributes` wrote.
    package static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        if lhs.parts.count != rhs.parts.count { return lhs.parts.count < rhs.parts.count }
        return lhs.description.utf8Precedes(rhs.description)
    }
}
