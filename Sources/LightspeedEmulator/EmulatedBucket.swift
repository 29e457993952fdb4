import Foundation
import Synchronization

/// The leaky bucket (Lightspeed Retail API documentation, "Rate Limits"): the level drains at `dripRate` per second; a request is served while the
/// level is below `size` (so the one that overflows is still served) and adds its cost; later requests get
/// 429 until the level drops below the size again.
package final class EmulatedBucket: Sendable {
    /// Size, drip rate and current level.
    package struct Settings: Sendable, Equatable {
        /// Bucket size in drips.
        package var size: Double
        /// Drips per second.
        package var dripRate: Double
        /// Requests allowed per fixed one-second window by the burst limiter; 0 turns it off.
        package var burstLimit: Int = 0
    }

    /// The outcome for one request.
    package enum Outcome: Sendable {
        /// Served; the level after adding the cost.
        case served(level: Double)
        /// Refused; the current level and whole seconds to wait.
        case limited(level: Double, retryAfter: Int)
        /// Refused by the burst limiter (Lightspeed Retail API documentation, "Rate Limits": "burst rate limit exceeded", wait ≥ 1 s).
        case burst(count: Int)
    }

    private struct State {
        var settings: Settings
        var level = 0.0
        var last: Date
        var window: Int64 = 0
        var inWindow = 0
        var servedCost = 0.0
        var refused = 0
    }

    private let clock: @Sendable () -> Date
    private let state: Mutex<State>

    /// Makes an empty bucket.
    package init(size: Double, dripRate: Double, burstLimit: Int = 0, clock: @escaping @Sendable () -> Date) {
        self.clock = clock
        state = Mutex(State(settings: Settings(size: size, dripRate: dripRate, burstLimit: burstLimit), last: clock()))
    }

    /// Requests counted in the current one-second window (for `X-LS-API-Burst-Level`).
    var burstCount: Int {
        let second = Int64(clock().timeIntervalSince1970.rounded(.down))
        return state.withLock { $0.window == second ? $0.inWindow : 0 }
    }

    /// The settings.
    package var settings: Settings { state.withLock { $0.settings } }

    /// Drips taken by every request served so far, and how many were refused (429): what a benchmark
    /// needs to compare the rate a client achieved with the bucket's ceiling.
    package var totals: (servedCost: Double, refused: Int) { state.withLock { ($0.servedCost, $0.refused) } }

    /// The current level after draining.
    package var level: Double {
        let now = clock()
        return state.withLock { state in
            Self.drain(&state, now)
            return state.level
        }
    }

    /// Replaces size and drip rate; `level` when given sets the level (tests, demos).
    package func configure(_ settings: Settings, level: Double? = nil) {
        let now = clock()
        state.withLock { state in
            Self.drain(&state, now)
            state.settings = settings
            if let level { state.level = max(0, level) }
        }
    }

    /// Takes a request of `cost` drips.
    package func take(_ cost: Double) -> Outcome {
        let now = clock()
        return state.withLock { state in
            Self.drain(&state, now)
            let second = Int64(now.timeIntervalSince1970.rounded(.down))
            if state.window != second {
                state.window = second
                state.inWindow = 0
            }
            if state.settings.burstLimit > 0 {
                guard state.inWindow < state.settings.burstLimit else {
                    state.refused += 1
                    return .burst(count: state.inWindow)
                }
                state.inWindow += 1
            }
            guard state.level < state.settings.size else {
                // Wait until this request would fit: (level + cost − size) / drip (Lightspeed Retail API documentation, "Rate Limits" "Handling").
                let wait = (state.level + cost - state.settings.size) / max(state.settings.dripRate, 0.001)
                state.refused += 1
                return .limited(level: state.level, retryAfter: max(1, Int(wait.rounded(.up))))
            }
            state.level += cost
            state.servedCost += cost
            return .served(level: state.level)
        }
    }

    private static func drain(_ state: inout State, _ now: Date) {
        let elapsed = max(0, now.timeIntervalSince(state.last))
        state.level = max(0, state.level - elapsed * state.settings.dripRate)
        state.last = now
    }
}
