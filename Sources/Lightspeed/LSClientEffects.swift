import Foundation
import Logging
import PosBridgeCore

/// The effects the client uses, injected so that tests run backoff, bucket waits and lock polling
/// instantly and deterministically: logger, clock, sleep and the random source for jitter.
package struct LSClientEffects: Sendable {
    package var logger: Logger
    package var now: @Sendable () -> Date
    package var sleep: @Sendable (Duration) async throws -> Void
    /// A uniformly distributed number in the range (for backoff jitter).
    package var random: @Sendable (ClosedRange<Double>) -> Double

    package init(
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) {
        self.logger = logger
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// The run's logger and clock, real sleep and randomness.
    package init(context: RunContext) {
        self.init(logger: context.logger, now: context.clock)
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var lsSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// A duration of fractional seconds, rounded up to the millisecond.
    static func lsFromSeconds(_ seconds: Double) -> Duration {
        .milliseconds(Int64((max(0, seconds) * 1000).rounded(.up)))
    }
}
