import Foundation

/// How often and how long to wait before trying a request again; the connector's `ServerPolicy`
/// says which responses are worth another try.
///
/// Which requests may be repeated (`Safety`): a throttled request (429) was refused before it ran,
/// so every request, a create included, is tried again after one. After a server failure or a lost
/// connection a create may have committed, and repeating it could make a second document or record,
/// so only idempotent requests are tried again then: reads, writes the server makes harmless to
/// repeat (an ETag-guarded PATCH, Lightspeed's absolute PUT) and token requests.
package struct RetryPolicy: Sendable, Hashable {
    /// Whether a request may be repeated after a failure that may have let it run.
    package enum Safety: Sendable, Hashable {
        /// Reads, repeat-safe writes and token requests: every status the server policy retries,
        /// and transport failures.
        case idempotent
        /// Creates (POST): throttled responses only.
        case throttleOnly
    }

    /// Tries per request, the first included (at least 1).
    package var maxTries: Int
    /// The backoff before the second try; doubled for each further try.
    package var baseDelay: Duration
    /// The largest backoff (before jitter).
    package var maxDelay: Duration
    /// The largest `Retry-After` honoured; a longer one is shortened to this.
    package var maxRetryAfter: Duration

    /// The status every server uses to say "throttled, try later" (RFC 6585).
    package static let tooManyRequests = 429

    package init(maxTries: Int = 5, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60),
                 maxRetryAfter: Duration = .seconds(120)) {
        self.maxTries = max(1, maxTries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before try `nextTry` (2 for the first retry): the server's `Retry-After` (seconds or
    /// HTTP date) when present and parseable, at least `minimum` and capped at `maxRetryAfter`;
    /// without one `minimum` when given, else full jitter over a capped exponential,
    /// `random(0 ... min(maxDelay, baseDelay · 2^(nextTry-2)))`.
    package func delay(beforeTry nextTry: Int, retryAfter: String?, minimum: Duration? = nil, now: Date,
                       random: @Sendable (ClosedRange<Double>) -> Double) -> Duration {
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter, now: now) {
            let wanted = max(seconds, minimum?.seconds ?? 0)
            return .milliseconds(roundingUp: min(wanted, maxRetryAfter.seconds))
        }
        if let minimum { return minimum }
        let exponent = Double(max(0, nextTry - 2))
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * pow(2, exponent))
        return .milliseconds(roundingUp: random(0...ceiling))
    }

    /// `Retry-After` as seconds from `now`: delta-seconds or an IMF-fixdate (RFC 9110, "Retry-After").
    static func parseRetryAfter(_ text: String, now: Date) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return seconds.isFinite ? seconds : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return date.timeIntervalSince(now)
    }
}
