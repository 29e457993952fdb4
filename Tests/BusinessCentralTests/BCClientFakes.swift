import Foundation
import Logging
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import TestSupport
@testable import BusinessCentral

/// A transport that answers from a script: a handler sees each request (and its 0-based number) and
/// returns the response. Records every request and the largest number in flight at once.
final class ScriptedTransport: APITransport {
    private struct State {
        var requests: [APIRequest] = []
        var inFlight = 0
        var maxInFlight = 0
    }

    private let state = Mutex(State())
    private let handler: @Sendable (APIRequest, Int) async throws -> APIResponse
    private let yields: Int

    init(yields: Int = 0, _ handler: @escaping @Sendable (APIRequest, Int) async throws -> APIResponse) {
        self.handler = handler
        self.yields = yields
    }

    /// Answers with the responses in order (the last one repeats).
    convenience init(responses: [APIResponse]) {
        self.init { _, number in responses[min(number, responses.count - 1)] }
    }

    var requests: [APIRequest] { state.withLock { $0.requests } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    func send(_ request: APIRequest) async throws -> APIResponse {
        let number = state.withLock { state in
            state.requests.append(request)
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return state.requests.count - 1
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        // Let other tasks run while this request is "on the wire", so concurrency can build up.
        for _ in 0..<yields { await Task.yield() }
        return try await handler(request, number)
    }
}

/// Builders for settings, effects and responses.
enum Fixture {
    static let root = "https://bc.test/v2.0/tenant-1/production"
    static let tokenURL = "https://login.test/tenant-1/oauth2/v2.0/token"
    static let clientSecret = "s3cr3t-CLIENT-value"
    static let accessToken = "eyJ-TOKEN-abc"
    static let companyId = "11111111-2222-3333-4444-555555555555"

    static func online(
        pageSize: Int = 1000, retry: RetryPolicy = BCConnectionSettings.defaultRetry, pacing: BCPacer.Limits = BCPacer.Limits(),
        stockSource: BCConnectionSettings.StockSource = .standard, company: BCConnectionSettings.Company = .name("CRONUS")
    ) -> BCConnectionSettings {
        BCConnectionSettings(
            name: "cronus-online", kind: .online, serviceRoot: root, company: company,
            auth: .clientCredentials(clientId: "app-1", secret: Secret(clientSecret), tokenURL: tokenURL,
                                     scope: BCConnectionSettings.onlineScope),
            pageSize: pageSize, stockSource: stockSource, retry: retry, pacing: pacing)
    }

    static func onPremises() -> BCConnectionSettings {
        BCConnectionSettings(
            name: "nav-onprem", kind: .onPremises, serviceRoot: "https://nav.test:7048/bc", company: .id(companyId),
            auth: .basic(user: "SYNC", accessKey: Secret("KEY+abc/123=")), apiVersion: .v1)
    }

    static func client(_ settings: BCConnectionSettings, _ transport: ScriptedTransport, clock: TestClock = TestClock(),
                       logs: LogStore = LogStore(), random: @escaping @Sendable (ClosedRange<Double>) -> Double = { $0.upperBound })
        -> BCClient {
        let context = RunContext(logger: logs.logger, clock: { clock.now }, sleep: { clock.sleep($0) }, random: random)
        return BCClient(settings: settings, transport: transport, context: context)
    }

    static func json(_ status: Int = 200, _ value: JSONValue, headers: APIHeaders = [:]) -> APIResponse {
        var headers = headers
        headers.set("Content-Type", "application/json; odata.metadata=minimal")
        return APIResponse(status: status, headers: headers, body: CanonicalJSON.encode(value))
    }

    static func token(_ token: String = accessToken, expiresIn: Int = 3599) -> APIResponse {
        json(200, ["token_type": "Bearer", "expires_in": .number(CanonicalNumber(expiresIn)), "access_token": .string(token)])
    }

    static func error(_ status: Int, code: String, message: String, headers: APIHeaders = [:]) -> APIResponse {
        json(status, ["error": ["code": .string(code), "message": .string(message)]], headers: headers)
    }

    static var companies: APIResponse {
        json(200, ["value": [["id": .string(companyId), "name": "CRONUS", "displayName": "CRONUS International"],
                             ["id": "99999999-2222-3333-4444-555555555555", "name": "OTHER", "displayName": "Other"]]])
    }

    static var companyAPI: String { "\(root)/api/v2.0/companies(\(companyId))" }

    /// A handler that answers token and company requests, and hands the rest to `rest`.
    static func standard(_ rest: @escaping @Sendable (APIRequest) throws -> APIResponse)
        -> @Sendable (APIRequest, Int) async throws -> APIResponse {
        { request, _ in
            if request.url == tokenURL { return token() }
            if request.url == "\(root)/api/v2.0/companies" { return companies }
            return try rest(request)
        }
    }
}

extension ScriptedTransport {
    /// Requests other than token and company lookups.
    var dataRequests: [APIRequest] {
        requests.filter { $0.url != Fixture.tokenURL && !$0.url.hasSuffix("/api/v2.0/companies") }
    }
}
