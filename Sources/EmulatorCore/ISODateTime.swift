import Foundation

/// ISO 8601 date-times as the emulated APIs write and read them, in UTC (`Calendar.gmt` is missing from
/// swift-corelibs-foundation, so the calendar is built here).
package enum ISODateTime {
    /// How much of the form a reader insists on.
    package struct Grammar: Sendable, Equatable {
        /// `YYYY-MM-DDTHH:MM:SS[.f…](Z|±hh:mm)`, `T` and `Z` in either case: OData datetime literals and
        /// BC's timestamps.
        package static let complete = Grammar(strict: true)
        /// The time, its seconds and the zone optional; `T` or a space before the time; `Z`, `±HH:MM`,
        /// `±HHMM` or `±HH`, and a space for a `+` that a client sent unencoded: Lightspeed's filters.
        package static let lenient = Grammar(strict: false)

        let strict: Bool
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static let dash = UInt8(ascii: "-"), colon = UInt8(ascii: ":"), dot = UInt8(ascii: "."), plus = UInt8(ascii: "+")
    private static let space = UInt8(ascii: " ")

    /// `2026-11-29T01:20:19.347Z`: milliseconds with trailing zeros trimmed (none when whole).
    package static func milliseconds(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis.quotientAndRemainder(dividingBy: 1000)
        var text = wholeSeconds(Date(timeIntervalSince1970: TimeInterval(seconds.quotient)))
        if seconds.remainder > 0 {
            var fraction = String(format: "%03d", Int(seconds.remainder))
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// `2026-11-29T02:40:00+00:00`: whole seconds with an explicit zero offset.
    package static func offsetSeconds(_ date: Date) -> String { wholeSeconds(date) + "+00:00" }

    private static func wholeSeconds(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Seconds since 1970 of `text` read by `grammar`, or nil. A date without a time is midnight UTC.
    package static func parse(_ text: String, _ grammar: Grammar) -> Double? {
        let chars = Array(text.utf8)
        func at(_ index: Int) -> UInt8? { index < chars.count ? chars[index] : nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for c in chars[from..<(from + count)] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(c - UInt8(ascii: "0"))
            }
            return value
        }
        let strict = grammar.strict
        guard let year = number(0, 4), at(4) == dash, let month = number(5, 2), at(7) == dash, let day = number(8, 2) else { return nil }
        var hour = 0, minute = 0, second = 0, fraction = 0.0
        var index = 10
        let separators: [UInt8] = strict ? [UInt8(ascii: "T"), UInt8(ascii: "t")] : [UInt8(ascii: "T"), space]
        if let mark = at(10), separators.contains(mark) {
            guard let h = number(11, 2), at(13) == colon, let m = number(14, 2) else { return nil }
            (hour, minute, index) = (h, m, 16)
            if at(16) == colon {
                guard let s = number(17, 2) else { return nil }
                (second, index) = (s, 19)
                if at(19) == dot {
                    index = 20
                    while let digit = at(index), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") { index += 1 }
                    fraction = Double("0." + String(decoding: chars[20..<index], as: UTF8.self)) ?? 0
                }
            } else if strict {
                return nil
            }
        } else if strict {
            return nil
        }
        var offset = 0
        let utcMarks: [UInt8] = strict ? [UInt8(ascii: "Z"), UInt8(ascii: "z")] : [UInt8(ascii: "Z")]
        if let sign = at(index) {
            if utcMarks.contains(sign) {
                index += 1
            } else if sign == plus || sign == dash || (!strict && sign == space) {
                guard let h = number(index + 1, 2) else { return nil }
                var m = 0
                if strict {
                    guard index + 6 == chars.count, at(index + 3) == colon, let mm = number(index + 4, 2) else { return nil }
                    m = mm
                } else if let colonless = number(index + 3, 2), index + 5 == chars.count {
                    m = colonless
                } else if index + 3 < chars.count {
                    guard at(index + 3) == colon, let mm = number(index + 4, 2) else { return nil }
                    m = mm
                }
                offset = (h * 60 + m) * 60 * (sign == dash ? -1 : 1)
                index = chars.count
            } else {
                return nil
            }
        } else if strict {
            return nil
        }
        guard index == chars.count,
              let date = utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        else { return nil }
        return date.timeIntervalSince1970 + fraction - Double(offset)
    }
}
