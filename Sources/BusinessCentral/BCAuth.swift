import Foundation
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP

/// How a connection authenticates.
package enum BCAuth: Sendable, Hashable {
    /// OAuth2 client credentials against the Entra token endpoint (online; on-premises with Entra).
    case clientCredentials(clientId: String, secret: Secret, tokenURL: String, scope: String)
    /// HTTP Basic with a user name and a web-service access key (on-premises, NavUserPassword).
    case basic(user: String, accessKey: Secret)

    /// The lifetime assumed when a token response gives no `expires_in` (Entra's usual hour).
    static let defaultTokenLifetime = 3600.0

    /// How requests carry these credentials: a fixed Basic header, or client-credential tokens from
    /// a cache, fetched with `send` (retries, no pacing, no authorization).
    func authorization(refreshMargin: Duration, now: @escaping @Sendable () -> Date,
                       send: @escaping @Sendable (APIRequest) async throws -> APIResponse) -> Authorization {
        switch self {
        case .basic(let user, let accessKey):
            return .fixed("Basic " + Data("\(user):\(accessKey.reveal())".utf8).base64EncodedString())
        case .clientCredentials(let clientId, let secret, let tokenURL, let scope):
            return .tokens(TokenCache(refreshMargin: refreshMargin, now: now) { _ in
                try await Self.fetchToken(clientId: clientId, secret: secret, tokenURL: tokenURL, scope: scope,
                                          now: now, send: send)
            })
        }
    }

    private static func fetchToken(
        clientId: String, secret: Secret, tokenURL: String, scope: String, now: @Sendable () -> Date,
        send: @Sendable (APIRequest) async throws -> APIResponse
    ) async throws -> TokenCache.Token {
        let request = OAuthToken.request(url: tokenURL, form: [
            ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret.reveal()), ("scope", scope),
        ])
        let requested = now()
        let response = try await send(request)
        guard response.isSuccess else {
            // Entra answers `{"error":"invalid_client","error_description":"AADSTS…"}`; the code is safe
            // to show, the description in full goes to the underlying fault and summarised
            // (`BCServiceMessage`) into the line.
            let object = (try? JSONParser.parse(bytes: response.body))?.objectValue
            let code = object?["error"]?.stringValue ?? ""
            let fault = BCServiceFault(status: response.status, code: code,
                                       message: object?["error_description"]?.stringValue ?? "")
            throw BCError(.authentication, "token request to \(APIURL.redacted(tokenURL)): HTTP \(response.status) \(code)\(fault.summarySuffix)",
                          underlying: fault)
        }
        guard let token = OAuthToken(body: response.body, defaultLifetime: defaultTokenLifetime) else {
            throw BCError(.malformedResponse, "token response from \(APIURL.redacted(tokenURL)) has no access_token")
        }
        return TokenCache.Token(header: "Bearer " + token.accessToken, expires: requested.addingTimeInterval(token.lifetime))
    }
}
