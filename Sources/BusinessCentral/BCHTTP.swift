import AsyncHTTPClient
import PosBridgeHTTP

/// Business Central speaks plain HTTP through the shared transport types.
package typealias BCHTTPMethod = APIMethod
package typealias BCHTTPHeaders = APIHeaders
package typealias BCHTTPRequest = APIRequest
package typealias BCHTTPResponse = APIResponse
package typealias BCHTTPTransport = APITransport
package typealias BCHTTPClientTransport = APIClientTransport

extension APIClientTransport {
    /// A transport for Business Central: a request may take up to BC's 10-minute limit (reference
    /// §4.3) and a page up to its 350 MB body limit, so the timeout and cap sit just above them.
    package static func businessCentral(client: HTTPClient? = nil) -> APIClientTransport {
        let timeout = Duration.seconds(630), maxBody = 400 * 1024 * 1024
        return client.map { APIClientTransport(client: $0, timeout: timeout, maxBodyBytes: maxBody) }
            ?? APIClientTransport(timeout: timeout, maxBodyBytes: maxBody)
    }
}
