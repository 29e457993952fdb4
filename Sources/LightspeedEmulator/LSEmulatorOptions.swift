import EmulatorCore
import Foundation

/// Everything configurable about one Lightspeed emulator instance.
package struct LSEmulatorOptions: Sendable {
    /// The clock behind `timeStamp`, token expiry and the bucket's drip.
    package var clock: @Sendable () -> Date = { Date() }
    /// Seconds an issued access token stays valid (`expires_in`).
    package var tokenLifetime: TimeInterval = 3600
    /// The OAuth client the token endpoint accepts.
    package var clientId = "posbridge-emulator-client"
    /// Its secret.
    package var clientSecret = "posbridge-emulator-secret"
    /// The authorization code accepted by `grant_type=authorization_code` (reusable: there is no browser step).
    var authorizationCode = "posbridge-emulator-code"
    /// A refresh token valid from the start, so a configured connector can begin with a refresh.
    package var initialRefreshToken = "posbridge-emulator-refresh"
    /// Whether API calls need a bearer token (off: handy with curl).
    package var requireAuth = true
    /// Leaky bucket size in drips (Lightspeed Retail API documentation, "Rate Limits": 90 for one register).
    package var bucketSize: Double = 90
    /// Drips leaking per second (1 for one register).
    package var dripRate: Double = 1
    /// Burst limiter: requests per fixed one-second window (Lightspeed Retail API documentation, "Rate Limits", example 20); 0 = off, the default,
    /// because the real threshold is unverified (not stated in the Lightspeed Retail API documentation).
    package var burstLimit = 0
    /// The seed folder, loaded into a new state file and again on `POST /_emulator/reset`.
    package var seedFolder: URL?
    /// Faults active from the start.
    package var faults = FaultSettings()

    /// Default options.
    package init() {}
}
