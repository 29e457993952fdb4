import EmulatorCore
import Foundation
import PosBridgeCore
import Synchronization

/// The emulated Entra ID token endpoint (`POST /{tenant}/oauth2/v2.0/token`, client credentials) and the
/// check of `Authorization` headers: Bearer tokens online, Basic user + web-service key on-premises.
package final class BCTokenIssuer: Sendable {
    /// The scope BC tokens are requested for (Business Central API documentation (Microsoft Learn), "Service-to-service authentication").
    package static let scope = "https://api.businesscentral.dynamics.com/.default"

    private let options: BCEmulatorOptions
    private let tokens = Mutex<[String: Date]>([:])

    /// Makes an issuer using the options' credentials, lifetime and clock.
    package init(options: BCEmulatorOptions) { self.options = options }

    /// Answers a token request (form-encoded body) in Entra's shapes.
    package func respond(_ request: EmulatorRequest) -> EmulatorResponse {
        guard request.method == "POST" else { return Self.oauthError(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.") }
        let form = FormBody.fields(request.body)
        guard form["grant_type"] == "client_credentials" else {
            return Self.oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.")
        }
        guard form["client_id"] == options.clientId else {
            return Self.oauthError(400, "unauthorized_client", "AADSTS700016: Application was not found in the directory.")
        }
        guard form["client_secret"] == options.clientSecret else {
            return Self.oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
        }
        guard form["scope"] == Self.scope else {
            return Self.oauthError(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.")
        }
        let token = "emu-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let expiry = options.clock().addingTimeInterval(options.tokenLifetime)
        tokens.withLock { $0[token] = expiry }
        let lifetime = CanonicalNumber(Int(options.tokenLifetime.rounded()))
        return EmulatorResponse.json(200, [
            "token_type": "Bearer", "expires_in": .number(lifetime), "ext_expires_in": .number(lifetime), "access_token": .string(token),
        ])
    }

    /// nil when the request may proceed, else the 401 to answer.
    package func check(_ request: EmulatorRequest, deployment: BCRoute.Deployment) -> ODataError? {
        guard options.requireAuth else { return nil }
        let header = request.header("authorization") ?? ""
        switch deployment {
        case .online:
            // Online accepts only Entra bearer tokens; Basic has been unsupported since 2022 (Business Central API documentation (Microsoft Learn), "Service-to-service authentication").
            guard header.hasPrefix("Bearer ") else { return Self.unauthorized("The request needs a bearer token.") }
            let token = String(header.dropFirst(7))
            let expiry = tokens.withLock { $0[token] }
            guard let expiry else { return Self.unauthorized("The access token is not valid.") }
            // BC's exact message for an expired token is not documented; the status (401) is.
            guard options.clock() < expiry else { return Self.unauthorized("The access token has expired.") }
            return nil
        case .onPremises:
            guard header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst(6))),
                  String(decoding: data, as: UTF8.self) == "\(options.basicUser):\(options.basicKey)"
            else { return Self.unauthorized("The user name or web service access key is not valid.", basic: true) }
            return nil
        }
    }

    /// Forgets all issued tokens (admin reset).
    package func reset() { tokens.withLock { $0.removeAll() } }

    private static func unauthorized(_ message: String, basic: Bool = false) -> ODataError {
        let challenge = basic ? "Basic realm=\"posbridge-emulator\"" : "Bearer authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\""
        return ODataError(401, "Authentication_InvalidCredentials", message, headers: [("WWW-Authenticate", challenge)])
    }

    private static func oauthError(_ status: Int, _ error: String, _ description: String) -> EmulatorResponse {
        EmulatorResponse(status: status, headers: [("Content-Type", "application/json")],
                   body: Array(#"{"error":"\#(error)","error_description":"\#(description)"}"#.utf8))
    }
}
