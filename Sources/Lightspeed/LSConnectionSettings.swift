import Foundation
import PosBridgeConfiguration
import PosBridgeHTTP

/// Everything the client needs to talk to one Lightspeed Retail account, resolved from the
/// configuration file (`LSConnectionConfiguration`) or built directly in tests.
package struct LSConnectionSettings: Sendable, Hashable {
    /// The connection's name in the configuration file.
    package var name: String
    /// The API host without trailing slash (default `https://api.lightspeedapp.com`).
    package var baseURL: String
    /// The numeric account id; nil to take it from the token's `acct` claim or `Account.json`.
    package var accountID: String?
    /// The OAuth token endpoint.
    package var tokenURL: String
    /// The OAuth client id (not secret).
    package var clientId: String
    package var clientSecret: Secret
    /// The refresh-token store (`LSTokenStore`).
    package var refreshTokenFile: String
    /// `limit` for collection reads (1…100).
    package var pageSize: Int
    package var retry: RetryPolicy
    package var bucket: LSBucket.Limits
    /// How long before its expiry an access token is replaced.
    package var tokenRefreshMargin: Duration
    /// How long to wait for another process holding the token-store lock.
    var lockTimeout: Duration
    /// The account's currency (ISO 4217, upper case), which canonical products, customers and orders
    /// carry: R-Series records name no currency. Nil leaves `currency` null.
    package var currency: String?

    package init(
        name: String, baseURL: String = LSConnectionSettings.defaultBaseURL, accountID: String? = nil,
        tokenURL: String = LSConnectionSettings.defaultTokenURL, clientId: String, clientSecret: Secret,
        refreshTokenFile: String, pageSize: Int = 100, retry: RetryPolicy = RetryPolicy(),
        bucket: LSBucket.Limits = LSBucket.Limits(), tokenRefreshMargin: Duration = .seconds(300),
        lockTimeout: Duration = .seconds(60), currency: String? = nil
    ) {
        self.name = name
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.accountID = accountID
        self.tokenURL = tokenURL
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.refreshTokenFile = refreshTokenFile
        self.pageSize = min(100, max(1, pageSize))
        self.retry = retry
        self.bucket = bucket
        self.tokenRefreshMargin = tokenRefreshMargin
        self.lockTimeout = lockTimeout
        self.currency = currency?.uppercased()
    }

    /// The R-Series API host (Lightspeed Retail API documentation, "Introduction").
    static let defaultBaseURL = "https://api.lightspeedapp.com"
    /// The current token endpoint (Lightspeed Retail API documentation, "Authentication"); the legacy `/oauth/access_token.php` is deprecated.
    static let defaultTokenURL = "https://cloud.lightspeedapp.com/auth/oauth/token"

    /// `{baseURL}/API/V3`.
    package var apiRoot: String { "\(baseURL)/API/V3" }

    /// `{baseURL}/API/V3/Account/{accountID}`.
    func accountRoot(_ accountID: String) -> String { "\(apiRoot)/Account/\(LSURL.pathEncode(accountID))" }
}
