import PosBridgeHTTP
import Synchronization

/// A transport that counts the requests it passes on, for the run summary's "API requests".
package final class CountingTransport: APITransport {
    private let base: any APITransport
    private let count = Mutex(0)

    package init(_ base: any APITransport) {
        self.base = base
    }

    /// Requests sent so far (retries and token requests included: each one used the API).
    package var requests: Int { count.withLock { $0 } }

    package func send(_ request: APIRequest) async throws -> APIResponse {
        count.withLock { $0 += 1 }
        return try await base.send(request)
    }
}
