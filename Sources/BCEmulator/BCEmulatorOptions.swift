import EmulatorCore
import Foundation

/// Everything configurable about one emulator instance; tests build it with a fixed or stepping clock.
package struct BCEmulatorOptions: Sendable {
    /// The clock behind `lastModifiedDateTime`, token expiry and rate-limit windows.
    package var clock: @Sendable () -> Date = { Date() }
    /// Seconds an issued access token stays valid.
    package var tokenLifetime: TimeInterval = 3600
    /// The client-credentials app the token endpoint accepts.
    package var clientId = "posbridge-emulator-client"
    /// Its secret.
    package var clientSecret = "posbridge-emulator-secret"
    /// The on-premises (Basic) user name.
    package var basicUser = "ADMIN"
    /// The on-premises web-service access key (the Basic password).
    package var basicKey = "emulator-web-service-key"
    /// Whether API calls need credentials at all (off: handy with curl).
    package var requireAuth = true
    /// Status for `Internal_EntityWithSameKeyExists`: 409 per third-party reports, 400 also seen (third-party reports; not stated in Microsoft's documentation).
    package var duplicateKeyStatus = 409
    /// The server-side page cap (BC online: 20,000, Business Central API documentation (Microsoft Learn), "Server-driven paging").
    var maxPageSize = 20_000
    /// The seed folder, loaded into a new state file and again on `POST /_emulator/reset`.
    package var seedFolder: URL?
    /// Faults active from the start (the admin endpoint can change them later).
    package var faults = FaultSettings()

    /// Default options.
    package init() {}
}
