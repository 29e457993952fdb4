import Foundation
import PosBridgeCore

/// A Lightspeed R-Series entity as the wire layer hands it over (or as the CSV adapter builds it):
/// the decoded JSON object of one `Item`, `Customer`, `Sale`, ….
package typealias LSObject = [String: JSONValue]

/// Tolerant readers for R-Series objects (Lightspeed Retail API documentation, "Introduction" and "Relations"): every scalar may be a JSON string
/// (`"12.5"`, `"true"`, `"0"` for an unset foreign key) or a native value; a collection may be an
/// array, a single object (the one-vs-many quirk), `""` (empty) or missing. The translators read
/// only through these, so they accept both the raw wire shape and the client's normalised one.
package enum LSFields {
    /// The elements of a wrapped collection `object[container][element]` (`ItemShops.ItemShop`),
    /// whatever shape it arrived in: array, single object, `""`, null or missing → `[]`. A
    /// container that is itself an array (already unwrapped by a client) is taken as the elements.
    package static func list(_ object: LSObject, _ container: String, _ element: String) -> [LSObject] {
        switch object[container] {
        case .object(let wrapper)?: return elements(wrapper[element])
        case .array(let values)?:
            // Already unwrapped (`[{…}]`), or the wrapper itself put in an array (`[{"ItemShop": …}]`).
            return values.compactMap(\.objectValue).flatMap { value in
                value.count == 1 && value[element] != nil ? elements(value[element]) : [value]
            }
        default: return []
        }
    }

    /// The objects of a value that is an array, a single object or blank.
    package static func elements(_ value: JSONValue?) -> [LSObject] {
        switch value {
        case .array(let items)?: return items.compactMap(\.objectValue)
        case .object(let single)?: return [single]
        default: return []
        }
    }

    /// A nested single object (`Category`, `Contact`, `ItemECommerce`); nil for `""`, null or missing.
    package static func object(_ object: LSObject, _ name: String) -> LSObject? {
        object[name]?.objectValue
    }

    /// Text, nil when blank. Numbers and booleans read as their text.
    package static func text(_ object: LSObject, _ name: String) -> String? {
        switch object[name] {
        case .string(let value):
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : value
        case .number(let value): return value.text
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    /// Text without surrounding white space, nil when blank.
    package static func trimmed(_ object: LSObject, _ name: String) -> String? {
        text(object, name)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An id (`itemID`, `customerID`); nil when blank or `"0"` (the wire's unset foreign key).
    package static func id(_ object: LSObject, _ name: String) -> String? {
        guard let value = trimmed(object, name), value != "0" else { return nil }
        return value
    }

    /// An exact decimal from a string or number (`"26.44425"`), nil when blank or not a number.
    package static func decimal(_ object: LSObject, _ name: String) -> CanonicalNumber? {
        switch object[name] {
        case .number(let value): return value
        case .string(let value): return CanonicalNumber(value.trimmingCharacters(in: .whitespacesAndNewlines))
        default: return nil
        }
    }

    /// True when the member holds something that is not blank and not a decimal (for rejects).
    package static func hasInvalidDecimal(_ object: LSObject, _ name: String) -> Bool {
        guard text(object, name) != nil else { return false }
        return decimal(object, name) == nil
    }

    /// A boolean: `true`/`false` as JSON or text, `1`/`0`, `yes`/`no`; nil when blank or other.
    package static func bool(_ object: LSObject, _ name: String) -> Bool? {
        switch object[name] {
        case .bool(let value): return value
        case .number(let value): return value.text != "0"
        case .string(let value):
            switch value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            case "1", "true", "yes": return true
            case "0", "false", "no": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// The date part `YYYY-MM-DD` of a wire datetime (`2021-06-14T16:47:49+00:00`), as sent.
    package static func date(_ object: LSObject, _ name: String) -> String? {
        guard let value = trimmed(object, name), value.count >= 10 else { return nil }
        let day = String(value.prefix(10))
        let bytes = Array(day.utf8)
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || $0.element.isASCIIDigit }) else { return nil }
        return day
    }

    /// `Item(20)`: the entity name and its id, for reject sources.
    package static func source(_ entity: String, _ object: LSObject, idName: String) -> String {
        "\(entity)(\(trimmed(object, idName) ?? "?"))"
    }
}
