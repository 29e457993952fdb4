/// A password, client secret, access key or token. Every printed form is `<redacted>`, so a secret
/// that slips into a log line, error message or `dump` shows nothing; `reveal()` is the one way out.
package struct BCSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    private let value: String

    package init(_ value: String) { self.value = value }

    /// The secret text, for the one place that must send it.
    package func reveal() -> String { value }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// How a connection authenticates.
package enum BCAuth: Sendable, Hashable {
    /// OAuth2 client credentials against the Entra token endpoint (online; on-premises with Entra).
    case clientCredentials(clientId: String, secret: BCSecret, tokenURL: String, scope: String)
    /// HTTP Basic with a user name and a web-service access key (on-premises, NavUserPassword).
    case basic(user: String, accessKey: BCSecret)
}
