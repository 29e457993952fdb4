import Foundation
import PosBridgeCore

/// Turns stored records (natural JSON) into Lightspeed's wire form, and parses its datetimes.
/// The quirks (reference §2): every scalar a string (`"true"`, numbers without trailing zeros), unset values
/// `""`, a collection of one an object, an empty collection `""` — also for a wrapper whose only member is an
/// empty list (`"Phones":""` rather than `{"ContactPhone":""}`).
package enum LSWireFormat {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

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

    /// `2026-11-29T02:40:00+00:00`: UTC, whole seconds, as Lightspeed prints `timeStamp`.
    package static func dateTime(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+00:00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Seconds since 1970 of `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM]`, or nil. A date without time is
    /// midnight UTC (the real API uses the shop's midnight; the emulator has no shop time zone for filters).
    package static func parseDateTime(_ text: String) -> Double? {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for c in chars[from..<(from + count)] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let year = number(0, 4), chars.count >= 10, chars[4] == 45, let month = number(5, 2), chars[7] == 45, let day = number(8, 2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var index = 10
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: "T") || chars[index] == UInt8(ascii: " ") {
            guard let h = number(11, 2), chars.count > 13, chars[13] == 58, let m = number(14, 2) else { return nil }
            hour = h
            minute = m
            index = 16
            if index < chars.count, chars[index] == 58 {
                guard let s = number(17, 2) else { return nil }
                second = s
                index = 19
                if index < chars.count, chars[index] == UInt8(ascii: ".") {
                    var digits = "0."
                    index += 1
                    while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                        digits.append(Character(UnicodeScalar(chars[index])))
                        index += 1
                    }
                    fraction = Double(digits) ?? 0
                }
            }
        }
        var offset = 0
        if index < chars.count {
            let sign = chars[index]
            if sign == UInt8(ascii: "Z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") || sign == UInt8(ascii: " ") {
                // A `+` that arrived unencoded in a query may have become a space in some clients.
                guard let h = number(index + 1, 2) else { return nil }
                var m = 0
                if let colonless = number(index + 3, 2), index + 5 == chars.count { m = colonless } else if index + 3 < chars.count {
                    guard chars[index + 3] == 58, let mm = number(index + 4, 2) else { return nil }
                    m = mm
                }
                offset = (h * 60 + m) * 60 * (sign == UInt8(ascii: "-") ? -1 : 1)
                index = chars.count
            } else {
                return nil
            }
        }
        guard index == chars.count else { return nil }
        guard let date = utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)) else { return nil }
        return date.timeIntervalSince1970 + fraction - Double(offset)
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
    package static func oneOrMany(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case .array(let items)?: items
        case .string("")?, .null?, nil: []
        case let other?: [other]
        }
    }
}
