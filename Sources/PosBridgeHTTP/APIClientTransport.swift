import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The real transport: AsyncHTTPClient. Share one `HTTPClient` for a run; a transport made with
/// `init(timeout:maxBodyBytes:)` owns its client and must be shut down with `shutdown()`.
package final class APIClientTransport: APITransport {
    private let client: HTTPClient
    private let ownsClient: Bool
    private let timeout: TimeAmount
    private let maxBodyBytes: Int

    /// The client configuration the transport wants: connect timeout 30 s, no connection retries of
    /// its own. Use it when making a shared client for `init(client:)`.
    package static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(30)
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Uses a caller's client (the caller shuts it down; make it with `configuration`).
    package init(client: HTTPClient, timeout: Duration, maxBodyBytes: Int) {
        self.client = client
        self.ownsClient = false
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
        self.maxBodyBytes = maxBodyBytes
    }

    /// Makes its own client on the shared event loop group. The client's own retrying of failed
    /// connection attempts is off: AsyncHTTPClient would otherwise retry a refused connection until
    /// the request deadline, and each connector's retry policy already bounds the tries.
    package init(timeout: Duration, maxBodyBytes: Int) {
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.configuration)
        self.ownsClient = true
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
        self.maxBodyBytes = maxBodyBytes
    }

    /// Shuts down the client this transport made; does nothing for a caller's client.
    package func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    package func send(_ request: APIRequest) async throws -> APIResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(request.body) }
        let response = try await client.execute(outgoing, timeout: timeout)
        let body = try await response.body.collect(upTo: maxBodyBytes)
        var headers = APIHeaders()
        for header in response.headers { headers = headers.appending(header.name, header.value) }
        return APIResponse(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
    }
}

extension APIHeaders {
    /// A copy with one more field (keeps duplicates, unlike `set`).
    func appending(_ name: String, _ value: String) -> APIHeaders {
        var copy = self
        copy.append(name, value)
        return copy
    }
}
