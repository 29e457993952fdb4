import EmulatorCore
import Foundation
import PosBridgeCore
import Synchronization

/// The emulated `POST /auth/oauth/token` (authorization-code and refresh-token grants) and the bearer check.
/// Refresh tokens rotate: each refresh returns a new pair, and the used refresh token is revoked as soon as the
/// new access token is first used (Lightspeed Retail API documentation, "Authentication", since 2026-01-15); until then retrying it is allowed.
package final class LSTokenIssuer: Sendable {
    private struct Refresh {
        var expires: Date
        var revoked = false
    }

    private struct State {
        var access: [String: Date] = [:]
        var refresh: [String: Refresh] = [:]
        /// New access token → the refresh token that produced it, revoked on the access token's first use.
        var pending: [String: String] = [:]
    }

    private let options: LSEmulatorOptions
    private let accountID: Int64
    private let state = Mutex(State())

    /// Makes an issuer whose tokens carry `acct` = `accountID`.
    package init(options: LSEmulatorOptions, accountID: Int64) {
        self.options = options
        self.accountID = accountID
        reset()
    }

    /// Forgets every issued token; only the initial refresh token is valid again.
    package func reset() {
        let expires = options.clock().addingTimeInterval(30 * 86400)
        state.withLock { $0 = State(refresh: [options.initialRefreshToken: Refresh(expires: expires)]) }
    }

    /// Answers a token request (form-encoded or JSON body).
    package func respond(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "POST" else { return LightspeedAPIError.oauth(405, "invalid_request", "The token endpoint only accepts POST.", hint: "Use POST") }
        let form = Self.form(request)
        guard form["client_id"] == options.clientId, form["client_secret"] == options.clientSecret else {
            return LightspeedAPIError.oauth(401, "invalid_client", "Client authentication failed", hint: "Check the client id and secret")
        }
        let now = options.clock()
        switch form["grant_type"] {
        case "authorization_code":
            guard form["code"] == options.authorizationCode else {
                return LightspeedAPIError.oauth(400, "invalid_grant", "The provided authorization grant is invalid, expired or revoked.", hint: "Authorization code is invalid")
            }
            return issue(now: now, replacing: nil)
        case "refresh_token":
            guard let token = form["refresh_token"], !token.isEmpty else {
                return LightspeedAPIError.oauth(400, "invalid_request", "The request is missing a required parameter.", hint: "Check the `refresh_token` parameter")
            }
            let usable = state.withLock { state -> Bool in
                guard let entry = state.refresh[token], !entry.revoked, entry.expires > now else { return false }
                return true
            }
            guard usable else {
                return LightspeedAPIError.oauth(400, "invalid_grant", "The refresh token is invalid.", hint: "Token has been revoked")
            }
            return issue(now: now, replacing: token)
        default:
            return LightspeedAPIError.oauth(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.", hint: "Check that all required parameters have been provided")
        }
    }

    private func issue(now: Date, replacing old: String?) -> EmulatorResponse {
        let exp = now.addingTimeInterval(options.tokenLifetime)
        let access = Self.jwt([
            "acct": .string(String(accountID)), "sub": "1", "aud": .string(options.clientId), "scope": "employee:all",
            "iat": .number(CanonicalNumber(Int(now.timeIntervalSince1970))), "exp": .number(CanonicalNumber(Int(exp.timeIntervalSince1970))),
            "jti": .string(UUID().uuidString.lowercased()),
        ])
        let refresh = "def50200" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        state.withLock { state in
            state.access[access] = exp
            state.refresh[refresh] = Refresh(expires: now.addingTimeInterval(30 * 86400))
            if let old { state.pending[access] = old }
        }
        return EmulatorResponse.lightspeed(200, [
            "token_type": "Bearer", "expires_in": .number(CanonicalNumber(Int(options.tokenLifetime.rounded()))),
            "access_token": .string(access), "refresh_token": .string(refresh),
        ])
    }

    /// nil when the request may proceed, else the 401 to answer (OAuth-shaped body, Lightspeed Retail API documentation, "Authentication").
    package func check(_ request: EmulatorRequest) -> EmulatorResponse? {
        guard options.requireAuth else { return nil }
        let header = request.header("authorization") ?? ""
        guard header.lowercased().hasPrefix("bearer ") else {
            return LightspeedAPIError.oauth(401, "access_denied", "The resource owner or authorization server denied the request.", hint: "Missing \"Bearer\" token")
        }
        let token = String(header.dropFirst(7))
        let now = options.clock()
        return state.withLock { state -> EmulatorResponse? in
            guard let exp = state.access[token], now < exp else {
                return LightspeedAPIError.oauth(401, "access_denied", "The resource owner or authorization server denied the request.", hint: "Access token could not be verified")
            }
            if let old = state.pending.removeValue(forKey: token) { state.refresh[old]?.revoked = true }
            return nil
        }
    }

    /// An unsigned JWT-shaped token (`alg: none`): clients may read `acct`/`exp`; the real one is RS256.
    static func jwt(_ claims: JSONValue) -> String {
        func part(_ value: JSONValue) -> String {
            Data(CanonicalJSON.encode(value)).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        return part(["alg": "none", "typ": "JWT"]) + "." + part(claims) + ".emulator"
    }

    /// Form-encoded (`+` is a space) or JSON body members.
    static func form(_ request: EmulatorRequest) -> [String: String] {
        if (request.header("content-type") ?? "").contains("json"), case .object(let members)? = try? JSONParser.parse(bytes: request.body) {
            return members.compactMapValues { $0.stringValue }
        }
        return FormBody.fields(request.body)
    }
}
