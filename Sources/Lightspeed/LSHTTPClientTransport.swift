import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The real transport: AsyncHTTPClient. Share one `HTTPClient` for a run; a transport made with
/// `init(timeout:maxBodyBytes:)` owns its client and must be shut down with `shutdown()`.
package final class LSHTTPClientTransport: LSHTTPTransport {
    private let client: HTTPClient
    private let ownsClient: Bool
    private let timeout: TimeAmount
    private let maxBodyBytes: Int

    /// The client configuration the transport wants: connect timeout 30 s and no connection retries
    /// of its own (`LSRetryPolicy` bounds the tries).
    package static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(30)
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Uses a caller's client (the caller shuts it down; make it with `configuration`).
    package init(client: HTTPClient, timeout: Duration = .seconds(120), maxBodyBytes: Int = 64 * 1024 * 1024) {
        self.client = client
        self.ownsClient = false
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
        self.maxBodyBytes = maxBodyBytes
    }

    /// Makes its own client on the shared event loop group. A page is at most 100 records, so two
    /// minutes and 64 MB are generous.
    package init(timeout: Duration = .seconds(120), maxBodyBytes: Int = 64 * 1024 * 1024) {
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.configuration)
        self.ownsClient = true
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
        self.maxBodyBytes = maxBodyBytes
    }

    /// Shuts down the client this transport made; does nothing for a caller's client.
    package func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    package func send(_ request: LSHTTPRequest) async throws -> LSHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(request.body) }
        let response = try await client.execute(outgoing, timeout: timeout)
        let body = try await response.body.collect(upTo: maxBodyBytes)
        var headers = LSHTTPHeaders()
        for header in response.headers { headers.append(header.name, header.value) }
        return LSHTTPResponse(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
    }
}
