import Foundation
import PosBridgeCore

/// Typed readings of Lightspeed scalars, which arrive as strings (`"20"`, `"749.99"`, `"true"`); JSON
/// numbers and booleans (accepted in requests, and possible from an emulator) read the same way.
extension JSONValue {
    /// The scalar as text: a string as is, a number's canonical text, `true`/`false`.
    var lsString: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// A whole number (`"33"`, `"-2"`); nil for anything else, including `"1.5"`.
    var lsInt: Int? { lsString.flatMap { Int($0) } }

    /// An exact decimal (`"26.44425"`), never through `Double`; nil for empty or non-numeric text.
    var lsDecimal: CanonicalNumber? {
        guard let text = lsString, !text.isEmpty else { return nil }
        return CanonicalNumber(text)
    }

    /// `"true"`/`"false"` (also `"1"`/`"0"`); nil otherwise.
    var lsBool: Bool? {
        switch lsString {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    /// A foreign key: nil for `"0"` (unset), `""` and null, else the id text.
    var lsForeignKey: String? {
        guard let text = lsString, !text.isEmpty, text != "0" else { return nil }
        return text
    }

    /// A datetime such as `"2021-06-14T16:47:49+00:00"`; nil for empty or unparseable text.
    var lsDate: Date? {
        guard let text = lsString, !text.isEmpty else { return nil }
        return try? Date(text, strategy: .iso8601)
    }
}
