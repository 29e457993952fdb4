import Foundation

/// When and how long to wait before trying a request again.
///
/// Retried statuses: 408, 429, 502, 503, 504, plus transport failures (no response). Which requests:
/// - GET, and PATCH/DELETE carrying `If-Match`: every retried status and transport failures — the ETag
///   makes a repeated write harmless (a write that did land makes the retry stale, and the stale-ETag
///   protocol re-reads).
/// - POST (creates, `$batch`): only 429. A throttled request was refused before it ran; after 408, 5xx
///   or a lost connection a create may have committed, and repeating it could duplicate a document.
///   Those surface as errors for the caller's reconciliation instead.
/// The token endpoint is retried like a GET (getting a token has no side effects).
package struct BCRetryPolicy: Sendable, Hashable {
    /// Tries per request, the first included (at least 1).
    package var maxTries: Int
    /// The backoff before the second try; doubled for each further try.
    package var baseDelay: Duration
    /// The largest backoff (before jitter).
    package var maxDelay: Duration
    /// The largest `Retry-After` honoured; a longer one is shortened to this. The default is the
    /// online rate window (5 minutes), the longest a 429 can sensibly ask for.
    package var maxRetryAfter: Duration

    package init(maxTries: Int = 5, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60),
                 maxRetryAfter: Duration = .seconds(300)) {
        self.maxTries = max(1, maxTries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Statuses that may succeed if tried again later.
    static let retriedStatuses: Set<Int> = [408, 429, 502, 503, 504]

    /// What kind of request is being retried.
    enum Safety: Sendable {
        /// GET, ETag-guarded PATCH/DELETE, token requests.
        case idempotent
        /// POST: retried on 429 only.
        case throttleOnly
    }

    /// Whether a response status is retried for a request of this safety.
    static func retries(status: Int, safety: Safety) -> Bool {
        switch safety {
        case .idempotent: retriedStatuses.contains(status)
        case .throttleOnly: status == 429
        }
    }

    /// The wait before try `nextTry` (2 for the first retry): the server's `Retry-After` (seconds or
    /// HTTP date) when present and parseable, capped at `maxRetryAfter`; otherwise full jitter over a capped
    /// exponential, `random(0 ... min(maxDelay, baseDelay · 2^(nextTry-2)))`.
    func delay(beforeTry nextTry: Int, retryAfter: String?, now: Date,
               random: @Sendable (ClosedRange<Double>) -> Double) -> Duration {
        let cap = maxDelay.seconds
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter, now: now) {
            return .milliseconds(Int64((min(max(seconds, 0), maxRetryAfter.seconds) * 1000).rounded()))
        }
        let exponent = Double(max(0, nextTry - 2))
        let ceiling = min(cap, baseDelay.seconds * pow(2, exponent))
        return .milliseconds(Int64((random(0...ceiling) * 1000).rounded()))
    }

    /// `Retry-After` as seconds from `now`: delta-seconds or an IMF-fixdate (RFC 9110 §10.2.3).
    static func parseRetryAfter(_ text: String, now: Date) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Double(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return date.timeIntervalSince(now)
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
