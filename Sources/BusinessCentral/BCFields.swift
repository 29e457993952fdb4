import Foundation
import PosBridgeCore

/// A raw Business Central object as decoded from an API page (`value[]` element), a RapidStart
/// record or an XMLport record mapped to API names.
package typealias BCObject = [String: JSONValue]

/// Reading typed values out of raw BC objects, with the blank conventions of the API (Microsoft, "API (v2.0) for Dynamics 365 Business Central" resource pages):
/// empty text, the blank date `0001-01-01` and the blank GUID all read as nil, so every canonical
/// field that BC leaves blank is `null`.
enum BCFields {
    static let blankGUID = "00000000-0000-0000-0000-000000000000"
    static let blankDate = "0001-01-01"

    /// Non-blank text (numbers are taken as their text, so RapidStart codes like `1000` work).
    static func text(_ object: BCObject, _ name: String) -> String? {
        switch object[name] {
        case .string(let value): return value.trimmingSpaces.isEmpty ? nil : value
        case .number(let value): return value.text
        default: return nil
        }
    }

    /// Text with surrounding white space removed, nil when blank.
    static func trimmed(_ object: BCObject, _ name: String) -> String? {
        text(object, name).map(\.trimmingSpaces)
    }

    /// A GUID, nil when missing or blank; lower-cased so ids compare equal across sources.
    static func guid(_ object: BCObject, _ name: String) -> String? {
        guard let value = trimmed(object, name)?.lowercased(), value != blankGUID else { return nil }
        return value
    }

    /// An exact decimal: JSON numbers as they are; strings (RapidStart, XMLport) parsed exactly.
    static func decimal(_ object: BCObject, _ name: String) -> CanonicalNumber? {
        switch object[name] {
        case .number(let value): return value
        case .string(let value): return CanonicalNumber(value.trimmingSpaces)
        default: return nil
        }
    }

    /// True when the member is present with a value that is not a decimal (for rejects).
    static func hasInvalidDecimal(_ object: BCObject, _ name: String) -> Bool {
        guard let value = object[name], value != .null else { return false }
        if case .string(let text) = value, text.trimmingSpaces.isEmpty { return false }
        return decimal(object, name) == nil
    }

    /// A boolean: JSON booleans; `1`/`0`, `true`/`false`, `yes`/`no` as text or number (RapidStart
    /// writes booleans as integers).
    static func bool(_ object: BCObject, _ name: String) -> Bool? {
        switch object[name] {
        case .bool(let value): return value
        case .number(let value): return value.text == "0" ? false : true
        case .string(let value):
            switch value.trimmingSpaces.lowercased() {
            case "1", "true", "yes": return true
            case "0", "false", "no", "": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A date `YYYY-MM-DD` (a datetime is cut to its date); nil for the blank date.
    static func date(_ object: BCObject, _ name: String) -> String? {
        guard let value = trimmed(object, name) else { return nil }
        let day = String(value.prefix(10))
        guard day != blankDate, isDate(day) else { return nil }
        return day
    }

    /// A UTC datetime as BC sends it (`…Z`), nil when blank or the blank date.
    static func datetime(_ object: BCObject, _ name: String) -> String? {
        guard let value = trimmed(object, name), !value.hasPrefix(blankDate) else { return nil }
        return value
    }

    /// A nested object (v1.0 complex types, expanded navigations).
    static func object(_ object: BCObject, _ name: String) -> BCObject? {
        object[name]?.objectValue
    }

    /// A nested array of objects (expanded collections such as `salesOrderLines`).
    static func objects(_ object: BCObject, _ name: String) -> [BCObject]? {
        guard case .array(let items)? = object[name] else { return nil }
        return items.compactMap(\.objectValue)
    }

    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || byte.isASCIIDigit }
    }

    /// `items(5b1c…)`: the entity set and the best id the object has.
    static func source(_ entitySet: String, _ object: BCObject) -> String {
        let id = text(object, "id") ?? text(object, "number") ?? text(object, "No") ?? "?"
        return "\(entitySet)(\(id))"
    }

    /// The record's etag and last-modified time, the `ref` members every BC record carries.
    static func reference(_ object: BCObject, idName: String = "bcId") -> [String: JSONValue] {
        var ref: [String: JSONValue] = [:]
        if let id = guid(object, "id") { ref[idName] = .string(id) }
        if let etag = text(object, "@odata.etag") { ref["etag"] = .string(etag) }
        if let modified = datetime(object, "lastModifiedDateTime") { ref["lastModified"] = .string(modified) }
        return ref
    }
}
