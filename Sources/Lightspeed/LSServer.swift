import Foundation
import PosBridgeHTTP

/// What Lightspeed's answers mean to the shared `HTTPSender` (Lightspeed Retail API documentation,
/// "Rate limits" and "Errors").
///
/// - 429 is retried for every request, POST included (`RetryPolicy.Safety`); the wait is the
///   server's `Retry-After` for both limiter types, at least one second for the burst limiter.
/// - 500, 502, 503, 504 and transport failures are retried for idempotent requests only: GET, and
///   PUT (Lightspeed's PUT sets absolute values, so repeating it is harmless). So is a 400 whose
///   message says "Please try again later." (seen by an open-source Singer tap for the API).
/// - POST (creates, image uploads, inventory counts) is not retried after 5xx or a lost connection:
///   the record may have been created, and whether Lightspeed detects duplicates is not documented,
///   so a repeat could make a second item or customer. Those surface as errors for the caller to
///   reconcile (search by `customSku`, keep an id map).
/// - The token endpoint is retried like a GET: repeating the same refresh is allowed until the new
///   access token is first used ("Refresh token" page of the authentication documentation).
enum LSServer: ServerPolicy {
    typealias Kind = LSErrorKind
    typealias Fault = LSServiceFault

    static let logPrefix = "ls"
    static let retriedStatuses: Set<Int> = [500, 502, 503, 504]
    static let throttledStatuses: Set<Int> = [RetryPolicy.tooManyRequests]
    /// The phrase of a 400 that is a passing server condition, not a refusal of the request.
    static let tryAgainLater = "Please try again later."
    /// The least wait after the burst limiter refused: it counts in fixed one-second windows.
    static let burstWait = Duration.seconds(1)

    static func retries(_ response: APIResponse, safety: RetryPolicy.Safety) -> Bool {
        if response.status == RetryPolicy.tooManyRequests { return true }
        guard safety == .idempotent else { return false }
        if retriedStatuses.contains(response.status) { return true }
        return response.status == 400 && LSServiceFault(status: 400, body: response.body).message.contains(tryAgainLater)
    }

    /// A 429 names its limiter in `X-LS-API-RateLimit-Type` (`api-leaky-bucket`,
    /// `api-burst-limiter`); a burst refusal may instead say "burst rate limit" in its body.
    static func throttling(of response: APIResponse) -> Throttling? {
        guard response.status == RetryPolicy.tooManyRequests else { return nil }
        let limiter = response.headers["X-LS-API-RateLimit-Type"] ?? ""
        let burst = limiter.lowercased().contains("burst")
            || String(decoding: response.body, as: UTF8.self).lowercased().contains("burst rate limit")
        return Throttling(limiter: limiter.isEmpty ? "unknown" : limiter, minimumWait: burst ? burstWait : nil)
    }

    /// 429 stays throttled; anything else that outlasted the tries (5xx, "try again later") is a server failure.
    static func exhaustedKind(status: Int) -> LSErrorKind {
        status == RetryPolicy.tooManyRequests ? .throttled : .server
    }
}
