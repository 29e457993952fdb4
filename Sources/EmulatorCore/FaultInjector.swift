import Foundation
import Synchronization

/// Decides per API request whether a fault applies, with the injected clock for rate-limit windows.
package final class FaultInjector: Sendable {
    /// An injected refusal, before an emulator gives it its API's error body.
    package struct Refusal: Sendable {
        /// The HTTP status.
        package var status: Int
        /// Seconds for `Retry-After`, when one is sent.
        package var retryAfter: Int?
        /// The rate limit that refused the request; nil when `failNext` did.
        package var rateLimit: FaultSettings.RateLimit?

        /// `Retry-After`, if any, as a header list.
        package var headers: [(String, String)] { retryAfter.map { [("Retry-After", String($0))] } ?? [] }
    }

    /// What to do with one request.
    enum Decision: Sendable {
        /// Answer normally, after a delay in milliseconds.
        case pass(delayMs: Int)
        /// Answer with an error instead.
        case refuse(Refusal)
        /// Close the connection without answering.
        case drop
    }

    private struct State {
        var settings: FaultSettings
        var accepted: [Date] = []
    }

    private let clock: @Sendable () -> Date
    private let state: Mutex<State>

    /// Makes an injector starting with the given settings.
    package init(settings: FaultSettings, clock: @escaping @Sendable () -> Date) {
        self.clock = clock
        state = Mutex(State(settings: settings))
    }

    /// The current settings (counters of `failNext`/`dropNext` count down as they fire).
    package var settings: FaultSettings { state.withLock { $0.settings } }

    /// Replaces the settings and forgets the rate-limit window.
    package func replace(_ settings: FaultSettings) {
        state.withLock { $0 = State(settings: settings) }
    }

    /// Applies the faults to one API request: nil when it is to be answered (after any delay), else what to
    /// send instead — a dropped connection, or `render`'s error body for an injected refusal (each emulator
    /// answers in its own API's error shape).
    package func intercept(_ request: EmulatorRequest, render: (Refusal) -> EmulatorResponse) async -> EmulatorResponse? {
        let target = (request.path.removingPercentEncoding ?? request.path) + "?" + (request.query.removingPercentEncoding ?? request.query)
        switch decide(target: target) {
        case .drop:
            var response = EmulatorResponse(status: 200)
            response.dropConnection = true
            return response
        case .refuse(let refusal):
            return render(refusal)
        case .pass(let delayMs):
            if delayMs > 0 { try? await Task.sleep(for: .milliseconds(delayMs)) }
            return nil
        }
    }

    /// The decision for the next API request (`target` is its path with query, for `pathContains`).
    func decide(target: String) -> Decision {
        let now = clock()
        return state.withLock { state -> Decision in
            if let only = state.settings.pathContains, !target.contains(only) { return .pass(delayMs: 0) }
            if state.settings.dropNext > 0 {
                state.settings.dropNext -= 1
                return .drop
            }
            if var fail = state.settings.failNext, fail.count > 0 {
                fail.count -= 1
                state.settings.failNext = fail.count > 0 ? fail : nil
                // 502/503 carry Retry-After per Microsoft's table of BC's status codes; an injected 429 gets one like the rate limiter's.
                return .refuse(Refusal(status: fail.status, retryAfter: [429, 502, 503].contains(fail.status) ? fail.retryAfter : nil))
            }
            if let limit = state.settings.rateLimit {
                let windowStart = now.addingTimeInterval(-TimeInterval(limit.windowSeconds))
                state.accepted.removeAll { $0 <= windowStart }
                if state.accepted.count >= limit.requests {
                    // Whether real 429s carry Retry-After is not documented; clients should honour it if present.
                    return .refuse(Refusal(status: 429, retryAfter: limit.retryAfter, rateLimit: limit))
                }
                state.accepted.append(now)
            }
            return .pass(delayMs: state.settings.delayMs)
        }
    }
}
