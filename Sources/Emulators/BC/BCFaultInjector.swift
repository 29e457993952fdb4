import Foundation
import Synchronization

/// Decides per API request whether a fault applies, with the injected clock for rate-limit windows.
package final class BCFaultInjector: Sendable {
    /// What to do with one request.
    package enum Decision: Sendable {
        /// Answer normally, after a delay in milliseconds.
        case pass(delayMs: Int)
        /// Answer this instead.
        case respond(BCResponse)
        /// Close the connection without answering.
        case drop
    }

    private struct State {
        var settings: BCFaultSettings
        var accepted: [Date] = []
    }

    private let clock: @Sendable () -> Date
    private let state: Mutex<State>

    /// Makes an injector starting with the given settings.
    package init(settings: BCFaultSettings, clock: @escaping @Sendable () -> Date) {
        self.clock = clock
        state = Mutex(State(settings: settings))
    }

    /// The current settings (counters of `failNext`/`dropNext` count down as they fire).
    package var settings: BCFaultSettings { state.withLock { $0.settings } }

    /// Replaces the settings and forgets the rate-limit window.
    package func replace(_ settings: BCFaultSettings) {
        state.withLock { $0 = State(settings: settings) }
    }

    /// The decision for the next API request (`target` is its path with query, for `pathContains`).
    package func decide(target: String) -> Decision {
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
                // 502/503 carry Retry-After per Microsoft's table (reference §4.2); an injected 429 gets one like the rate limiter's.
                let headers = [429, 502, 503].contains(fail.status) ? [("Retry-After", String(fail.retryAfter))] : []
                let code = switch fail.status {
                case 429: "Application_TooManyRequests"
                case 408: "Internal_OperationTimeout"
                case 504: "Internal_GatewayTimeout"
                default: "Internal_ServiceUnavailable"
                }
                return .respond(ODataError(fail.status, code, "Injected fault: the service is unavailable.", headers: headers).response)
            }
            if let limit = state.settings.rateLimit {
                let windowStart = now.addingTimeInterval(-TimeInterval(limit.windowSeconds))
                state.accepted.removeAll { $0 <= windowStart }
                if state.accepted.count >= limit.requests {
                    // Whether real 429s carry Retry-After is unverified (reference §8); clients should honour it if present.
                    // The body code is a guess too; BC documents only the status.
                    return .respond(ODataError(429, "Application_TooManyRequests", "Rate limit exceeded: \(limit.requests) requests per \(limit.windowSeconds) s.",
                                               headers: [("Retry-After", String(limit.retryAfter))]).response)
                }
                state.accepted.append(now)
            }
            return .pass(delayMs: state.settings.delayMs)
        }
    }
}
