import Foundation
import Logging

/// The effects a command may use, handed in so that tests can pass their own: a logger, a clock and a
/// source of run ids. Library code never reads the wall clock or the environment directly.
package struct RunContext: Sendable {
    package var logger: Logger
    package var clock: @Sendable () -> Date
    package var makeRunID: @Sendable (Date) -> String

    package init(
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() },
        makeRunID: @escaping @Sendable (Date) -> String = RunContext.defaultRunID
    ) {
        self.logger = logger
        self.clock = clock
        self.makeRunID = makeRunID
    }

    /// `YYYYMMDDTHHMMSSZ-xxxxxx`: sortable by time, unique enough for one machine.
    @Sendable package static func defaultRunID(_ date: Date) -> String {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(Timestamp.compact(date))-\(String(repeating: "0", count: 8 - suffix.count))\(suffix)"
    }
}

/// Timestamps as posbridge writes them: UTC, whole seconds.
package enum Timestamp {
    /// `2026-11-29T01:20:19Z`
    package static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// `20261129T012019Z`
    package static func compact(_ date: Date) -> String {
        iso8601(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }
}
