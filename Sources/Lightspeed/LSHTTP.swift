import AsyncHTTPClient
import PosBridgeHTTP

/// Lightspeed speaks plain HTTP through the shared transport types.
package typealias LSHTTPMethod = APIMethod
package typealias LSHTTPHeaders = APIHeaders
package typealias LSHTTPRequest = APIRequest
package typealias LSHTTPResponse = APIResponse
package typealias LSHTTPTransport = APITransport
package typealias LSHTTPClientTransport = APIClientTransport

extension APIClientTransport {
    /// A transport for Lightspeed: a page is at most 100 records, so two minutes and 64 MB are generous.
    package static func lightspeed(client: HTTPClient? = nil) -> APIClientTransport {
        let timeout = Duration.seconds(120), maxBody = 64 * 1024 * 1024
        return client.map { APIClientTransport(client: $0, timeout: timeout, maxBodyBytes: maxBody) }
            ?? APIClientTransport(timeout: timeout, maxBodyBytes: maxBody)
    }
}
