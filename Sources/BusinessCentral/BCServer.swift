import PosBridgeHTTP

/// What Business Central's answers mean to the shared `HTTPSender`.
///
/// Retried: 408, 429, 502, 503, 504 and transport failures for GET, for PATCH/DELETE carrying
/// `If-Match` (the ETag makes a repeated write harmless: a write that did land makes the retry
/// stale, and the stale-ETag protocol re-reads) and for token requests; POST (creates, `$batch`)
/// only after 429 (`RetryPolicy.Safety`). Throttled: 408, 429, 503 and 504, which the service
/// answers when a request meets its limits (Microsoft, "Operational limits for Business Central online").
enum BCServer: ServerPolicy {
    typealias Kind = BCErrorKind
    typealias Fault = BCServiceFault

    static let logPrefix = "bc"
    static let retriedStatuses: Set<Int> = [408, 429, 502, 503, 504]
    static let throttledStatuses: Set<Int> = [408, 429, 503, 504]

    /// Every retried status that lasts through every try is reported as throttled, 502 included.
    static func exhaustedKind(status: Int) -> BCErrorKind { .throttled }

    /// On-premises answers every call with 405 while OData or API services are off (Microsoft,
    /// "Enabling the APIs for Business Central on-premises").
    static func hint(status: Int) -> String {
        status == 405 ? " (method not allowed; on-premises, check ODataServicesEnabled and ApiServicesEnabled)" : ""
    }
}
