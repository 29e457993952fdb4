import Foundation
import PosBridgeCore

/// Turns stored records (natural JSON) into Lightspeed's wire form (date-times: `ISODateTime`).
/// The quirks (Lightspeed Retail API documentation, "Introduction" and "Relations"): every scalar a string (`"true"`, numbers without trailing zeros), unset values
/// `""`, a collection of one an object, an empty collection `""` — also for a wrapper whose only member is an
/// empty list (`"Phones":""` rather than `{"ContactPhone":""}`).
enum LSWireFormat {
    /// The wire form of one stored value.
    package static func wire(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: return .string("")
        case .bool(let flag): return .string(flag ? "true" : "false")
        case .number(let number): return .string(number.text)
        case .string: return value
        case .array(let elements):
            switch elements.count {
            case 0: return .string("")
            case 1: return wire(elements[0])
            default: return .array(elements.map(wire))
            }
        case .object(let members):
            if members.count == 1, case .array(let only)? = members.values.first, only.isEmpty { return .string("") }
            return .object(members.mapValues(wire))
        }
    }

    /// A bucket level or rate as the headers print it: no trailing zeros, at most 4 decimals.
    package static func decimal(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The text a scalar compares by in filters: numbers canonical, booleans `true`/`false`, null empty.
    package static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .number(let number)?: number.text
        case .bool(let flag)?: flag ? "true" : "false"
        default: ""
        }
    }

    /// A list as the one-or-many rule delivers it in requests: an array stays, an object or scalar becomes one element, `""` none.
    static func oneOrMany(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case .array(let items)?: items
        case .string("")?, .null?, nil: []
        case let other?: [other]
        }
    }
}
