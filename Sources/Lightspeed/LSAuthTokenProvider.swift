import PosBridgeHTTP
import Foundation
import Logging
import PosBridgeConfiguration
import PosBridgeCore

/// Lightspeed's way of fetching an access token for the shared `TokenCache`: from the rotating,
/// single-use refresh token in the token store (Lightspeed Retail API documentation, "Refresh
/// token"), under the store's file lock so that one process at a time refreshes:
///
/// 1. lock `<store>.lock`;
/// 2. re-read the store — when another process has refreshed meanwhile, its access token is adopted
///    and no refresh is made (the refresh token this process saw earlier may already be used);
/// 3. otherwise `POST` the token endpoint (form-encoded `grant_type=refresh_token`, no `scope`);
/// 4. write the rotated refresh token and the new access token atomically to the store;
/// 5. unlock, and only then hand out the new access token.
///
/// A crash between 4 and the first use leaves a store whose tokens are all valid. Tokens are never logged.
struct LSAuthTokenProvider: Sendable {
    let clientId: String
    let clientSecret: Secret
    let tokenURL: String
    let store: LSTokenStore
    let refreshMargin: Duration
    let lockTimeout: Duration
    let context: RunContext
    /// Sends a token request (with retries, without the bucket or authorization).
    let send: @Sendable (APIRequest) async throws -> APIResponse

    /// The lifetime assumed when a token response gives no `expires_in` (the documentation's example: 30 minutes).
    static let defaultTokenLifetime = 1800.0

    /// An access token from the store or a refresh; a store token equal to `refused` (the one a 401
    /// refused) is not adopted again.
    func fetch(refused: String?) async throws -> TokenCache.Token {
        let margin = refreshMargin.seconds
        return try await store.withLock(timeout: lockTimeout, now: context.clock, sleep: context.sleep) {
            let contents = try store.read()
            if let access = contents.accessToken, let expires = contents.accessTokenExpires,
               context.clock() < expires.addingTimeInterval(-margin), Self.bearerPrefix + access.reveal() != refused {
                context.logger.debug("access token taken from the token store")
                return TokenCache.Token(header: Self.bearerPrefix + access.reveal(), expires: expires)
            }
            let requested = context.clock()
            // Form-encoded and without `scope`: JSON with `scope` was answered `invalid_grant` (reported
            // by an open-source Laravel client for the API).
            let response = try await send(OAuthToken.request(url: tokenURL, form: [
                ("grant_type", "refresh_token"), ("client_id", clientId), ("client_secret", clientSecret.reveal()),
                ("refresh_token", contents.refreshToken.reveal()),
            ]))
            guard response.isSuccess else {
                let fault = LSServiceFault(status: response.status, body: response.body)
                let code = fault.oauthError ?? ""
                let hint = code == "invalid_grant"
                    ? " (the stored refresh token is used, revoked or older than 30 days; authorise the app again)" : ""
                throw LSError(.authentication,
                              "token refresh at \(APIURL.withoutQuery(tokenURL)): HTTP \(response.status) \(code)\(fault.summarySuffix)\(hint)",
                              underlying: fault)
            }
            guard let token = OAuthToken(body: response.body, defaultLifetime: Self.defaultTokenLifetime) else {
                throw LSError(.malformedResponse, "token response from \(APIURL.withoutQuery(tokenURL)) has no access_token")
            }
            let expires = requested.addingTimeInterval(token.lifetime)
            let rotated = token.refreshToken.map(Secret.init)
            if rotated == nil { context.logger.notice("token response carried no new refresh token; keeping the stored one") }
            // Persist before anyone uses the new access token: its first use revokes the old refresh token.
            try store.write(LSTokenStore.Contents(refreshToken: rotated ?? contents.refreshToken,
                                                  accessToken: Secret(token.accessToken), accessTokenExpires: expires))
            context.logger.info("access token refreshed", metadata: ["ls.token.lifetime": "\(Int(token.lifetime))"])
            return TokenCache.Token(header: Self.bearerPrefix + token.accessToken, expires: expires)
        }
    }

    /// What precedes the token in an `Authorization` header value.
    static let bearerPrefix = "Bearer "

    /// A claim of the JWT in `Bearer <jwt>` (payload not verified: the claim only picks the account
    /// whose data the server will anyway refuse if the token does not cover it).
    static func claim(_ name: String, inBearer header: String) -> String? {
        let token = header.hasPrefix(bearerPrefix) ? String(header.dropFirst(bearerPrefix.count)) : header
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
              let object = (try? JSONParser.parse(bytes: [UInt8](data)))?.objectValue else { return nil }
        switch object[name] {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .number(let number)?: return number.text
        default: return nil
        }
    }
}
