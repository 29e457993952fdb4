import Foundation

/// BC's wire spellings: `lastModifiedDateTime` text, datetime literals, enum member escapes, ETags.
package enum BCWireFormat {
    /// A Gregorian calendar in UTC (`Calendar.gmt` is missing from swift-corelibs-foundation).
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The blank GUID BC uses for "no reference".
    package static let blankGUID = "00000000-0000-0000-0000-000000000000"

    /// `2026-11-29T01:20:19.347Z`: UTC, milliseconds with trailing zeros trimmed, as BC prints `SystemModifiedAt`.
    package static func dateTime(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis.quotientAndRemainder(dividingBy: 1000)
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds.quotient)))
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        if seconds.remainder > 0 {
            var fraction = String(format: "%03d", Int(seconds.remainder))
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// Seconds since 1970 of an ISO-8601 datetime (`Z` or `±hh:mm`, any fraction), or nil.
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
        guard chars.count >= 20, let y = number(0, 4), chars[4] == 45, let mo = number(5, 2), chars[7] == 45, let d = number(8, 2),
              chars[10] == 84 || chars[10] == 116, let h = number(11, 2), chars[13] == 58, let mi = number(14, 2), chars[16] == 58,
              let s = number(17, 2)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == 46 {
            index += 1
            var scale = 0.1
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < chars.count, chars[index] == 90 || chars[index] == 122 {
            index += 1
        } else if index + 6 == chars.count, chars[index] == 43 || chars[index] == 45, let oh = number(index + 1, 2), let om = number(index + 4, 2) {
            offset = (oh * 60 + om) * 60 * (chars[index] == 45 ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == chars.count,
              let date = utc.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
        else { return nil }
        return date.timeIntervalSince1970 + fraction - Double(offset)
    }

    /// Encodes an AL caption as an EDM enum member name: space, `.`, `-`, `/`, `(`, `)` become `_xHHHH_`.
    package static func encodeEnum(_ caption: String) -> String {
        var out = ""
        for scalar in caption.unicodeScalars {
            if " .-/()".unicodeScalars.contains(scalar) {
                out += "_x" + String(format: "%04X", scalar.value) + "_"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Decodes `_xHHHH_` escapes (`In_x0020_Review` → `In Review`) so filters match either spelling.
    package static func decodeEnum(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            let after = rest[range.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                out += rest[..<range.lowerBound]
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += rest[..<range.upperBound]
                rest = after
            }
        }
        return out + rest
    }

    /// A weak ETag in BC's look (`W/"JzE…"`): base64 of `'<version>;<key>;'`, so it starts with `Jz` like BC's.
    package static func etag(version: Int64, id: String) -> String {
        let raw = "'\(version);\(id.replacingOccurrences(of: "-", with: "").prefix(16));00;'"
        return "W/\"" + Data(raw.utf8).base64EncodedString() + "\""
    }
}
