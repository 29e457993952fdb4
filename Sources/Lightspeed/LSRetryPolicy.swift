import Foundation

/// When and how long to wait before trying a request again.
///
/// - 429 is retried for every request, POST included: a throttled request was refused before it ran
///   (reference §4). The wait is the server's `Retry-After` (seconds) for both limiter types, at least
///   one second for the burst limiter, capped at `maxRetryAfter`.
/// - 500, 502, 503, 504 and transport failures (no response, timeouts) are retried for idempotent
///   requests only: GET, and PUT (Lightspeed's PUT sets absolute values, so repeating it is harmless).
///   So is a `400` whose message says "Please try again later." (seen by a Singer tap, reference §5 [C]).
/// - POST (creates, image uploads, inventory counts) is not retried after 5xx or a lost connection:
///   the record may have been created, and Lightspeed's duplicate detection is unverified
///   (reference §5 [U]), so a repeat could make a second item or customer. Those surface as errors
///   for the caller to reconcile (search by `customSku`, keep an id map).
/// - The token endpoint is retried like a GET: repeating the same refresh is allowed until the new
///   access token is first used (reference §1).
package struct LSRetryPolicy: Sendable, Hashable {
    /// Tries per request, the first included (at least 1).
    package var maxTries: Int
    /// The backoff before the second try; doubled for each further try.
    package var baseDelay: Duration
    /// The largest backoff (before jitter).
    package var maxDelay: Duration
    /// The largest `Retry-After` honoured; a longer one is shortened to this.
    package var maxRetryAfter: Duration

    package init(maxTries: Int = 5, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60),
                 maxRetryAfter: Duration = .seconds(120)) {
        self.maxTries = max(1, maxTries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// What kind of request is being retried.
    package enum Safety: Sendable, Hashable {
        /// GET, PUT, token requests: 429, 5xx and transport failures.
        case idempotent
        /// POST: 429 only.
        case throttleOnly
    }

    /// Server failures retried for idempotent requests.
    static let retriedServerStatuses: Set<Int> = [500, 502, 503, 504]

    /// Whether a response is retried for a request of this safety.
    static func retries(_ response: LSHTTPResponse, safety: Safety) -> Bool {
        if response.status == 429 { return true }
        guard safety == .idempotent else { return false }
        if retriedServerStatuses.contains(response.status) { return true }
        if response.status == 400 {
            return LSServiceFault(status: 400, body: response.body).message.contains("Please try again later.")
        }
        return false
    }

    /// The wait before try `nextTry` (2 for the first retry). A 429 waits `Retry-After` seconds when
    /// given (at least 1 s after a burst-limit refusal); otherwise full jitter over a capped
    /// exponential, `random(0 ... min(maxDelay, baseDelay · 2^(nextTry-2)))`.
    func delay(beforeTry nextTry: Int, retryAfter: String?, burst: Bool,
               random: @Sendable (ClosedRange<Double>) -> Double) -> Duration {
        if let retryAfter, let seconds = Double(retryAfter.trimmingCharacters(in: .whitespaces)), seconds.isFinite {
            let wanted = burst ? max(seconds, 1) : seconds
            return .lsFromSeconds(min(max(wanted, 0), maxRetryAfter.lsSeconds))
        }
        if burst { return .seconds(1) }
        let exponent = Double(max(0, nextTry - 2))
        let ceiling = min(maxDelay.lsSeconds, baseDelay.lsSeconds * pow(2, exponent))
        return .lsFromSeconds(random(0...ceiling))
    }
}
