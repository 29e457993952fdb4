import Foundation
import Logging
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import TestSupport
import Testing
@testable import Lightspeed

/// A transport that answers from a script: a handler sees each request (and its 0-based number) and
/// returns the response. Records every request.
final class LSScriptedTransport: APITransport {
    private let recorded = Mutex([APIRequest]())
    private let handler: @Sendable (APIRequest, Int) async throws -> APIResponse
    private let yields: Int

    init(yields: Int = 0, _ handler: @escaping @Sendable (APIRequest, Int) async throws -> APIResponse) {
        self.handler = handler
        self.yields = yields
    }

    var requests: [APIRequest] { recorded.withLock { $0 } }
    /// Requests other than token refreshes.
    var apiRequests: [APIRequest] { requests.filter { $0.url != LSFixture.tokenURL } }
    var tokenRequests: [APIRequest] { requests.filter { $0.url == LSFixture.tokenURL } }

    func send(_ request: APIRequest) async throws -> APIResponse {
        let number = recorded.withLock { $0.append(request); return $0.count - 1 }
        for _ in 0..<yields { await Task.yield() }
        return try await handler(request, number)
    }
}

/// A fake token endpoint with rotating, single-use refresh tokens (`R1` → `R2` → …) and JWT access
/// tokens (`A1`, `A2`, … inside the signature part) carrying `acct`.
final class LSFakeTokenServer: Sendable {
    private let state: Mutex<(valid: String, issued: Int, issuedAt: [String: Date])>
    let lifetime: Int
    let account: String
    /// When given, the time each access token was issued is kept, for `isLive`.
    let clock: TestClock?

    init(initial: String = LSFixture.initialRefresh, lifetime: Int = 3600, account: String = LSFixture.accountID,
         clock: TestClock? = nil) {
        state = Mutex((initial, 0, [:]))
        self.lifetime = lifetime
        self.account = account
        self.clock = clock
    }

    var issued: Int { state.withLock { $0.issued } }
    var validRefreshToken: String { state.withLock { $0.valid } }

    /// Whether an `Authorization` value carries an access token this server issued and that has
    /// not expired on `clock` (as a real API would check it).
    func isLive(_ authorization: String?) -> Bool {
        guard let clock, let authorization else { return false }
        return state.withLock { state in
            state.issuedAt.contains { marker, issued in
                authorization == LSFixture.bearer(marker, account: account) && clock.now < issued.addingTimeInterval(Double(lifetime))
            }
        }
    }

    func answer(_ request: APIRequest) -> APIResponse {
        let form = LSFixture.form(request.body)
        return state.withLock { state in
            guard form["grant_type"] == "refresh_token", form["refresh_token"] == state.valid else {
                return LSFixture.json(400, ["error": "invalid_grant", "error_description": "The refresh token is invalid.",
                                            "hint": "Token has been revoked"])
            }
            state.issued += 1
            let n = state.issued
            if let clock { state.issuedAt["A\(n)"] = clock.now }
            state.valid = "R\(n + 1)"
            return LSFixture.json(200, [
                "token_type": "Bearer", "expires_in": .number(CanonicalNumber(lifetime)),
                "access_token": .string(LSFixture.jwt(account: account, marker: "A\(n)")),
                "refresh_token": .string("R\(n + 1)"),
            ])
        }
    }
}

/// Builders for settings, clients and responses.
enum LSFixture {
    static let base = "https://ls.test"
    static let tokenURL = "https://cloud.ls.test/auth/oauth/token"
    static let accountID = "120645"
    static let root = "\(base)/API/V3/Account/\(accountID)"
    static let clientSecret = "s3cr3t-CLIENT-value"
    static let initialRefresh = "R1"

    /// A JWT-shaped token whose payload has `acct`; `marker` ends up in the signature part.
    static func jwt(account: String, marker: String) -> String {
        func b64(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        return b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64("{\"acct\":\"\(account)\",\"sub\":\"7\",\"aud\":\"app-1\"}")
            + "." + marker
    }

    static func bearer(_ marker: String, account: String = accountID) -> String { "Bearer " + jwt(account: account, marker: marker) }

    static func form(_ body: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            result[parts[0]] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
        }
        return result
    }

    static func settings(store: String, accountID: String? = LSFixture.accountID, pageSize: Int = 100,
                         retry: RetryPolicy = RetryPolicy(), bucket: LSBucket.Limits = LSBucket.Limits(),
                         tokenRefreshMargin: Duration = .seconds(300)) -> LSConnectionSettings {
        LSConnectionSettings(name: "shop", baseURL: base, accountID: accountID, tokenURL: tokenURL, clientId: "app-1",
                             clientSecret: Secret(clientSecret), refreshTokenFile: store, pageSize: pageSize,
                             retry: retry, bucket: bucket, tokenRefreshMargin: tokenRefreshMargin)
    }

    static func json(_ status: Int = 200, _ value: JSONValue, headers: APIHeaders = [:]) -> APIResponse {
        var headers = headers
        headers.set("Content-Type", "application/json")
        return APIResponse(status: status, headers: headers, body: CanonicalJSON.encode(value))
    }

    static func raw(_ status: Int = 200, _ text: String, headers: APIHeaders = [:]) -> APIResponse {
        var headers = headers
        headers.set("Content-Type", "application/json")
        return APIResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    static func apiError(_ status: Int, _ message: String, headers: APIHeaders = [:]) -> APIResponse {
        json(status, ["httpCode": .string("\(status)"), "httpMessage": "Bad Request", "message": .string(message),
                      "errorClass": "Exception"], headers: headers)
    }
}

/// A client with its own token store, transport, clock and log capture.
final class LSHarness: Sendable {
    let workspace: TempWorkspace
    let store: String
    let transport: LSScriptedTransport
    let clock: TestClock
    let logs: LogStore
    let tokens: LSFakeTokenServer
    let client: LSClient

    /// `api` answers everything but token requests.
    init(accountID: String? = LSFixture.accountID, pageSize: Int = 100, retry: RetryPolicy = RetryPolicy(),
         bucket: LSBucket.Limits = LSBucket.Limits(), tokens: LSFakeTokenServer = LSFakeTokenServer(),
         storeText: String = LSFixture.initialRefresh, yields: Int = 0, clock: TestClock = TestClock(),
         tokenRefreshMargin: Duration = .seconds(300),
         _ api: @escaping @Sendable (APIRequest) async throws -> APIResponse) throws {
        let workspace = try TempWorkspace("lsclient")
        let store = try workspace.write("lightspeed.token", storeText + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: store)
        let transport = LSScriptedTransport(yields: yields) { request, _ in
            if request.url == LSFixture.tokenURL { return tokens.answer(request) }
            return try await api(request)
        }
        let logs = LogStore()
        self.workspace = workspace
        self.store = store
        self.tokens = tokens
        self.transport = transport
        self.clock = clock
        self.logs = logs
        client = Self.makeClient(LSFixture.settings(store: store, accountID: accountID, pageSize: pageSize, retry: retry,
                                                    bucket: bucket, tokenRefreshMargin: tokenRefreshMargin), transport, clock, logs)
    }

    static func makeClient(_ settings: LSConnectionSettings, _ transport: LSScriptedTransport, _ clock: TestClock,
                           _ logs: LogStore) -> LSClient {
        let context = RunContext(logger: logs.logger, clock: { clock.now }, sleep: { clock.sleep($0) },
                                 random: { $0.upperBound })
        return LSClient(settings: settings, transport: transport, context: context)
    }

    /// Another client on the same store and transport (another process, as far as the store knows).
    func sibling(retry: RetryPolicy = RetryPolicy()) -> LSClient {
        Self.makeClient(LSFixture.settings(store: store, retry: retry), transport, clock, logs)
    }

    func storeText() throws -> String { try String(contentsOfFile: store, encoding: .utf8) }
}

/// Runs `body`, which must throw an `LSError` that satisfies `check`; records an issue otherwise.
func expectLSError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation,
                   _ check: (LSError) -> Bool) async {
    do {
        try await body()
        Issue.record("expected an LSError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as LSError {
        #expect(check(error), "\(error.code): \(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected an LSError, got \(error)", sourceLocation: sourceLocation)
    }
}
