import Foundation
import Synchronization

/// Virtual time for tests: it starts at `FixedClock.instant`, moves only when told (`advance`), and
/// `sleep` records the duration and moves the clock by it at once, so expiry, pacing and retry tests
/// need no real waiting.
package final class TestClock: Sendable {
    private let state = Mutex((now: FixedClock.instant, sleeps: [Duration]()))

    /// Starts at `FixedClock.instant`.
    package init() {}

    /// The current instant.
    package var now: Date { state.withLock { $0.now } }
    /// The current instant as a clock function, for options that take one.
    package var reading: @Sendable () -> Date { { [self] in now } }
    /// Every duration `sleep` was asked for, in order.
    package var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Moves the clock forward.
    package func advance(_ seconds: TimeInterval) { state.withLock { $0.now = $0.now.addingTimeInterval(seconds) } }

    /// Records `duration` and moves the clock forward by it.
    package func sleep(_ duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        state.withLock { state in
            state.sleeps.append(duration)
            state.now = state.now.addingTimeInterval(seconds)
        }
    }
}
