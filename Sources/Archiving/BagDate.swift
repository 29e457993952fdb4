import Foundation

/// Which date a bag carries, and how date text is read.
///
/// The rule, so that the same run folder always gives the same bytes: run.json's `startedAt` when
/// present; else the date given by the caller (`--date`); else the newest modification time of any
/// payload file. The date is truncated to whole seconds; `Bagging-Date` holds its UTC day, and every
/// archive entry carries it as its modification time.
package enum BagDate {
    /// Applies the rule above.
    package static func choose(startedAt: Date?, given: Date?, newestModification: Date?) -> Date {
        let date = startedAt ?? given ?? newestModification ?? Date(timeIntervalSince1970: 0)
        return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time with `Z` or an offset and
    /// optional fractional seconds. Nil when the text is none of these.
    package static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let optionSets: [ISO8601DateFormatter.Options] = [
            [.withInternetDateTime],
            [.withInternetDateTime, .withFractionalSeconds],
            [.withFullDate, .withDashSeparatorInDate],
        ]
        for options in optionSets {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            formatter.timeZone = TimeZone(identifier: "UTC")
            if let date = formatter.date(from: trimmed) {
                return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            }
        }
        return nil
    }
}
