import Foundation
import Logging

/// The effects a command may use, handed in so that tests can pass their own: a logger, a clock,
/// sleep and the random source (backoff jitter), so that waits run instantly and deterministically
/// in tests. Library code never reads the wall clock or the environment directly.
package struct RunContext: Sendable {
    package var logger: Logger
    package var clock: @Sendable () -> Date
    package var sleep: @Sendable (Duration) async throws -> Void
    /// A uniformly distributed number in the range.
    package var random: @Sendable (ClosedRange<Double>) -> Double

    package init(
        logger: Logger, clock: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) {
        self.logger = logger
        self.clock = clock
        self.sleep = sleep
        self.random = random
    }
}

/// Timestamps as posbridge writes them: UTC, whole seconds.
package enum Timestamp {
    /// `2026-11-29T01:20:19Z`
    package static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
