import Foundation

/// Date patterns of the `dateFormat` transform, read and written in UTC with the POSIX locale so
/// that the result never depends on the machine. `iso8601` is a UTC date-time with `Z`, `date` is
/// `yyyy-MM-dd`; anything else is a Unicode date pattern (`dd.MM.yyyy`, `MM/dd/yyyy HH:mm`).
enum DateFormats {
    static func parse(_ text: String, pattern: String) -> Date? {
        if pattern == "iso8601" {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            if let date = formatter.date(from: text) { return date }
            // Fractions of other lengths than the formatter expects (`…:03.5Z`): whole seconds are enough here.
            guard let range = text.range(of: #"\.[0-9]+"#, options: .regularExpression) else { return nil }
            return formatter.date(from: text.replacingCharacters(in: range, with: ""))
        }
        return formatter(pattern).date(from: text)
    }

    static func format(_ date: Date, pattern: String) -> String {
        if pattern == "iso8601" {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: date)
        }
        return formatter(pattern).string(from: date)
    }

    private static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern == "date" ? "yyyy-MM-dd" : pattern
        formatter.isLenient = false
        return formatter
    }
}
