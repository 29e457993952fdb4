import PosBridgeConfiguration

/// Business Central's secrets are the shared `Secret`.
package typealias BCSecret = Secret

/// How a connection authenticates.
package enum BCAuth: Sendable, Hashable {
    /// OAuth2 client credentials against the Entra token endpoint (online; on-premises with Entra).
    case clientCredentials(clientId: String, secret: BCSecret, tokenURL: String, scope: String)
    /// HTTP Basic with a user name and a web-service access key (on-premises, NavUserPassword).
    case basic(user: String, accessKey: BCSecret)
}
