import Foundation
import Logging

/// The effects a command may use, handed in so that tests can pass their own: a logger and a clock.
/// Library code never reads the wall clock or the environment directly.
package struct RunContext: Sendable {
    package var logger: Logger
    package var clock: @Sendable () -> Date

    package init(logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.logger = logger
        self.clock = clock
    }
}

/// Timestamps as posbridge writes them: UTC, whole seconds.
package enum Timestamp {
    /// `2026-11-29T01:20:19Z`
    package static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
