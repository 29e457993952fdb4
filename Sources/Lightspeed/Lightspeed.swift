import PosBridgeHTTP

/// The Lightspeed Retail (R-Series) connector: API client, CSV export reader and translation to canonical records.
enum Lightspeed {
    /// How long one request may take; a page is at most 100 records, so two minutes are generous.
    static let requestTimeout = Duration.seconds(120)
    /// The largest response body read (generous for 100 records with their relations).
    static let maxResponseBytes = 64 * 1024 * 1024
}

extension APIClientTransport {
    /// A transport for Lightspeed, with its own AsyncHTTPClient (shut it down after the run).
    package static func lightspeed() -> APIClientTransport {
        APIClientTransport(timeout: Lightspeed.requestTimeout, maxBodyBytes: Lightspeed.maxResponseBytes)
    }
}
