import Foundation

/// Which date a bag carries, and how date text is read.
///
/// The rule, so that the same run folder always gives the same bytes: run.json's `startedAt` when
/// present; else the date given by the caller (`--date`); else the newest modification time of any
/// payload file. The date is truncated to whole seconds; `Bagging-Date` holds its UTC day, and every
/// archive entry carries it as its modification time.
package enum BagDate {
    /// The years a bag date may have: four digits, so that `Bagging-Date` is always `YYYY-MM-DD`, and
    /// not before 1970 (a run predates no Unix time; Foundation also writes days before 1582 in the
    /// Julian calendar, which would put a different day in `Bagging-Date` than the one given).
    package static let years: ClosedRange<Int> = 1970...9999

    /// Applies the rule above.
    package static func choose(startedAt: Date?, given: Date?, newestModification: Date?) -> Date {
        let date = startedAt ?? given ?? newestModification ?? Date(timeIntervalSince1970: 0)
        return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or an RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS`, optional
    /// fractional seconds, then `Z` or `±HH:MM`), truncated to whole seconds. Nil unless the text is
    /// exactly one of these with a four-digit year and a real calendar date and time: `99999-01-01`,
    /// `2026-02-30` and `2026-11-18T24:00:00Z` are refused rather than wrapped or rolled over.
    package static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.trimmingCharacters(in: .whitespaces).utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2),
              years.contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = daysFrom1970(year: year, month: month, day: day) * 86_400
        if scanner.atEnd { return Date(timeIntervalSince1970: Double(seconds)) }

        guard scanner.skip("T") || scanner.skip("t"),
              let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2), scanner.skip(":"),
              let second = scanner.number(digits: 2),
              hour < 24, minute < 60, second < 60
        else { return nil }
        if scanner.skip(".") {
            // Fractional seconds are dropped (dates are whole seconds), but must be digits.
            guard scanner.skipDigits() > 0 else { return nil }
        }
        seconds += hour * 3600 + minute * 60 + second
        if scanner.skip("Z") || scanner.skip("z") {
            // UTC.
        } else {
            let sign: Int
            if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
            guard let offsetHours = scanner.number(digits: 2), scanner.skip(":"),
                  let offsetMinutes = scanner.number(digits: 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            seconds -= sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard scanner.atEnd else { return nil }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Days of a month in the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days between 1970-01-01 and a date (negative before it); Howard Hinnant's `days_from_civil`.
    static func daysFrom1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Reads fixed-width numbers and literal characters from ASCII bytes, for `BagDate.parse`.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    /// Exactly `digits` ASCII digits as a number; nil (consuming nothing) otherwise.
    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        // A fifth digit would make `99999` read as `9999` followed by garbage: refuse it here too.
        if index + digits < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + digits]) { return nil }
        index += digits
        return value
    }

    /// Consumes `character` when it comes next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Consumes a run of digits and returns how many there were.
    mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
