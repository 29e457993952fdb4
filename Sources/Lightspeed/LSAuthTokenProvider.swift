import PosBridgeHTTP
import Foundation
import Logging
import PosBridgeConfiguration
import PosBridgeCore

/// Produces the `Authorization: Bearer …` value for a connection from the refresh-token store
/// (reference §1). An access token is used until `refreshMargin` before it expires; then, or after a
/// 401 (`invalidate`), one refresh runs for all concurrent callers of this client, and across
/// processes under the store's file lock:
///
/// 1. lock `<store>.lock`;
/// 2. re-read the store — when another process has refreshed meanwhile, its access token is adopted
///    and no refresh is made (the refresh token this process saw earlier may already be used);
/// 3. otherwise `POST` the token endpoint (form-encoded `grant_type=refresh_token`, no `scope`);
/// 4. write the rotated refresh token and the new access token atomically to the store;
/// 5. unlock, and only then hand out the new access token.
///
/// A crash between 4 and the first use leaves a store whose tokens are all valid. Tokens never leave
/// this actor except inside the header value, and are never logged.
package actor LSAuthTokenProvider {
    private struct Token {
        let header: String
        let expires: Date
    }

    private let clientId: String
    private let clientSecret: Secret
    private let tokenURL: String
    private let store: LSTokenStore
    private let refreshMargin: Duration
    private let lockTimeout: Duration
    private let effects: LSClientEffects
    /// Sends a token request (with retries, without the bucket or authorization).
    private let send: @Sendable (LSHTTPRequest) async throws -> LSHTTPResponse
    private var current: Token?
    private var refused: String?
    private var pending: Task<Token, any Error>?

    package init(clientId: String, clientSecret: Secret, tokenURL: String, store: LSTokenStore,
                 refreshMargin: Duration, lockTimeout: Duration, effects: LSClientEffects,
                 send: @escaping @Sendable (LSHTTPRequest) async throws -> LSHTTPResponse) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
        self.store = store
        self.refreshMargin = refreshMargin
        self.lockTimeout = lockTimeout
        self.effects = effects
        self.send = send
    }

    /// The `Authorization` header value.
    package func authorization() async throws -> String {
        if let current, effects.now() < current.expires.addingTimeInterval(-refreshMargin.lsSeconds) {
            return current.header
        }
        if let pending { return try await pending.value.header }
        let task = Task { [refused] in try await self.obtain(refused: refused) }
        pending = task
        defer { pending = nil }
        let token = try await task.value
        current = token
        return token.header
    }

    /// Drops the token a 401 refused, so the next `authorization()` refreshes (or adopts a newer
    /// token from the store). A store token equal to the refused one is not adopted again.
    package func invalidate(_ refusedHeader: String) {
        refused = refusedHeader
        if current?.header == refusedHeader { current = nil }
    }

    /// The account id from the current access token's `acct` claim, if it is a JWT that has one.
    package func accountClaim() async throws -> String? {
        let header = try await authorization()
        return Self.claim("acct", inBearer: header)
    }

    private nonisolated func obtain(refused: String?) async throws -> Token {
        let margin = refreshMargin.lsSeconds
        return try await store.withLock(timeout: lockTimeout, now: effects.now, sleep: effects.sleep) {
            let contents = try store.read()
            if let access = contents.accessToken, let expires = contents.accessTokenExpires,
               effects.now() < expires.addingTimeInterval(-margin), "Bearer " + access.reveal() != refused {
                effects.logger.debug("access token taken from the token store")
                return Token(header: "Bearer " + access.reveal(), expires: expires)
            }
            let requested = effects.now()
            let response = try await send(refreshRequest(contents.refreshToken))
            let object = (try? JSONParser.parse(bytes: response.body))?.objectValue
            guard response.isSuccess else {
                let fault = LSServiceFault(status: response.status, body: response.body)
                let code = fault.oauthError ?? ""
                let hint = code == "invalid_grant"
                    ? " (the stored refresh token is used, revoked or older than 30 days; authorise the app again)" : ""
                throw LSError(.authentication,
                              "token refresh at \(APIURL.withoutQuery(tokenURL)): HTTP \(response.status) \(code)\(fault.summarySuffix)\(hint)",
                              underlying: fault)
            }
            guard let access = object?["access_token"]?.stringValue, !access.isEmpty else {
                throw LSError(.malformedResponse, "token response from \(APIURL.withoutQuery(tokenURL)) has no access_token")
            }
            let lifetime: Double = switch object?["expires_in"] {
            case .number(let number)?: Double(number.text) ?? 1800
            case .string(let text)?: Double(text) ?? 1800
            default: 1800
            }
            let expires = requested.addingTimeInterval(lifetime)
            let rotated = object?["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : Secret($0) }
            if rotated == nil { effects.logger.notice("token response carried no new refresh token; keeping the stored one") }
            // Persist before anyone uses the new access token: its first use revokes the old refresh token.
            try store.write(LSTokenStore.Contents(refreshToken: rotated ?? contents.refreshToken,
                                                  accessToken: Secret(access), accessTokenExpires: expires))
            effects.logger.info("access token refreshed", metadata: ["ls.token.lifetime": "\(Int(lifetime))"])
            return Token(header: "Bearer " + access, expires: expires)
        }
    }

    private nonisolated func refreshRequest(_ refreshToken: Secret) -> LSHTTPRequest {
        // Form-encoded and without `scope`: JSON with `scope` was answered `invalid_grant` (reference §1 [R]).
        let form = [
            ("grant_type", "refresh_token"), ("client_id", clientId), ("client_secret", clientSecret.reveal()),
            ("refresh_token", refreshToken.reveal()),
        ].map { "\($0.0)=\(APIURL.formEncode($0.1))" }.joined(separator: "&")
        return LSHTTPRequest(
            method: .post, url: tokenURL,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Array(form.utf8))
    }

    /// A claim of the JWT in `Bearer <jwt>` (payload not verified: the claim only picks the account
    /// whose data the server will anyway refuse if the token does not cover it).
    static func claim(_ name: String, inBearer header: String) -> String? {
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : header
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
