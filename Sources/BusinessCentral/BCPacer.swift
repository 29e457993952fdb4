import Foundation
import Logging
import PosBridgeHTTP

/// Keeps a connection inside the online service-protection limits (Microsoft, "Working with API
/// limits in Dynamics 365 Business Central") so that normal operation never meets a 429: at most
/// `requests` started per sliding `window`, and at most `maxInFlight` requests at once. Waiting is done with the client's injected clock and sleep.
package actor BCPacer {
    /// The two limits.
    package struct Limits: Sendable, Hashable {
        /// Requests started per sliding window (BC online: 6,000).
        package var requests: Int
        /// The window (BC online: 5 minutes).
        package var window: Duration
        /// Requests in flight at once (BC online: 5).
        var maxInFlight: Int

        package init(requests: Int = 6000, window: Duration = .seconds(300), maxInFlight: Int = 5) {
            self.requests = max(1, requests)
            self.window = window
            self.maxInFlight = max(1, maxInFlight)
        }
    }

    private let limits: Limits
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void
    private var started: [Date] = []
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    package init(limits: Limits, now: @escaping @Sendable () -> Date,
                 sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.limits = limits
        self.now = now
        self.sleep = sleep
    }

    /// Waits for a free slot and room in the window; every `acquire` needs one `release`. Returns the
    /// start time it recorded for the window.
    @discardableResult
    package func acquire() async throws -> Date {
        if inFlight < limits.maxInFlight {
            inFlight += 1
        } else {
            // `release` hands its slot straight to the first waiter, so the count stays right.
            await withCheckedContinuation { waiters.append($0) }
        }
        do {
            while true {
                let current = now()
                let horizon = current.addingTimeInterval(-limits.window.seconds)
                started.removeAll { $0 <= horizon }
                if started.count < limits.requests {
                    started.append(current)
                    return current
                }
                let wait = started[0].timeIntervalSince(horizon)
                try await sleep(.milliseconds(Int64((wait * 1000).rounded(.up))))
            }
        } catch {
            release()
            throw error
        }
    }

    /// Gives a slot back (to the first waiter, if any).
    package func release() {
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

extension BCPacer: Limiter {
    package func admit(_ request: APIRequest) async throws { try await acquire() }
    package func settle(_ ticket: Void, with response: APIResponse, logger: Logger) { release() }
    package func cancel(_ ticket: Void) { release() }
    /// Nothing: the request that got the 429 waits it out, and the window already spaces the others.
    package func pause(for duration: Duration) {}
}
