import PosBridgeHTTP
import Foundation
import PosBridgeCore

/// Produces the `Authorization` header value for a connection. Client-credential tokens are cached
/// until `refreshMargin` before their expiry and fetched once for concurrent callers; a 401 drops the
/// token that failed (`invalidate`) so the next call fetches a new one. Tokens never leave this actor
/// except inside the header value, and are never logged.
package actor BCAuthTokenProvider {
    private struct CachedToken {
        let header: String
        let expires: Date
    }

    private let auth: BCAuth
    private let refreshMargin: Duration
    private let now: @Sendable () -> Date
    /// Sends a token request (with retries, without pacing or authorization).
    private let send: @Sendable (BCHTTPRequest) async throws -> BCHTTPResponse
    private var cached: CachedToken?
    private var pending: Task<CachedToken, any Error>?

    package init(auth: BCAuth, refreshMargin: Duration, now: @escaping @Sendable () -> Date,
                 send: @escaping @Sendable (BCHTTPRequest) async throws -> BCHTTPResponse) {
        self.auth = auth
        self.refreshMargin = refreshMargin
        self.now = now
        self.send = send
    }

    /// Whether a 401 is worth one retry with a new token (Basic credentials do not change).
    package nonisolated var canRefresh: Bool {
        if case .clientCredentials = auth { return true }
        return false
    }

    /// The `Authorization` header value: `Basic …` or `Bearer …`.
    package func authorization() async throws -> String {
        switch auth {
        case .basic(let user, let accessKey):
            let pair = Array("\(user):\(accessKey.reveal())".utf8)
            return "Basic " + Data(pair).base64EncodedString()
        case .clientCredentials(let clientId, let secret, let tokenURL, let scope):
            if let cached, now() < cached.expires.addingTimeInterval(-refreshMargin.seconds) {
                return cached.header
            }
            if let pending { return try await pending.value.header }
            let task = Task { [send, now] in
                try await Self.fetch(clientId: clientId, secret: secret, tokenURL: tokenURL, scope: scope,
                                     now: now, send: send)
            }
            pending = task
            defer { pending = nil }
            let token = try await task.value
            cached = token
            return token.header
        }
    }

    /// Forgets the cached token if it is the one that was refused.
    package func invalidate(_ refusedHeader: String) {
        if cached?.header == refusedHeader { cached = nil }
    }

    private static func fetch(
        clientId: String, secret: BCSecret, tokenURL: String, scope: String, now: @Sendable () -> Date,
        send: @Sendable (BCHTTPRequest) async throws -> BCHTTPResponse
    ) async throws -> CachedToken {
        let form = [
            ("grant_type", "client_credentials"), ("client_id", clientId),
            ("client_secret", secret.reveal()), ("scope", scope),
        ].map { "\($0.0)=\(APIURL.formEncode($0.1))" }.joined(separator: "&")
        let request = BCHTTPRequest(
            method: .post, url: tokenURL,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Array(form.utf8))
        let requested = now()
        let response = try await send(request)
        let object = (try? JSONParser.parse(bytes: response.body))?.objectValue
        guard response.isSuccess else {
            // Entra answers `{"error":"invalid_client","error_description":"AADSTS…"}`; the code is safe
            // to show, the description in full goes to the underlying fault and summarised
            // (`BCServiceMessage`) into the line.
            let code = object?["error"]?.stringValue ?? ""
            let fault = BCServiceFault(status: response.status, code: code,
                                       message: object?["error_description"]?.stringValue ?? "")
            throw BCError(.authentication, "token request to \(APIURL.redacted(tokenURL)): HTTP \(response.status) \(code)\(fault.summarySuffix)",
                          underlying: fault)
        }
        guard let token = object?["access_token"]?.stringValue, !token.isEmpty else {
            throw BCError(.malformedResponse, "token response from \(APIURL.redacted(tokenURL)) has no access_token")
        }
        // `expires_in` is a number of seconds; older endpoints sent it as a string.
        let lifetime: Double = switch object?["expires_in"] {
        case .number(let number)?: Double(number.text) ?? 3600
        case .string(let text)?: Double(text) ?? 3600
        default: 3600
        }
        return CachedToken(header: "Bearer " + token, expires: requested.addingTimeInterval(lifetime))
    }
}
