import PosBridgeHTTP

/// The Business Central connector: API client, export-file readers and translation to canonical records.
enum BusinessCentral {
    /// How long one request may take: just above the service's 10-minute operation limit
    /// (Microsoft, "Operational limits for Business Central online").
    static let requestTimeout = Duration.seconds(630)
    /// The largest response body read: just above the service's 350 MB maximum body size (same page).
    static let maxResponseBytes = 400 * 1024 * 1024
}

extension APIClientTransport {
    /// A transport for Business Central, with its own AsyncHTTPClient (shut it down after the run).
    package static func businessCentral() -> APIClientTransport {
        APIClientTransport(timeout: BusinessCentral.requestTimeout, maxBodyBytes: BusinessCentral.maxResponseBytes)
    }
}
