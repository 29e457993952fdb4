import Foundation
import PosBridgeHTTP

/// Everything the client needs to talk to one Business Central company, resolved from the
/// configuration file (`ConnectionConfiguration`) or built directly in tests.
package struct BCConnectionSettings: Sendable, Hashable {
    /// Where the server runs.
    package enum Kind: String, Sendable, Hashable { case online, onPremises }

    /// Which company the connection works in.
    package enum Company: Sendable, Hashable {
        case id(String)
        case name(String)
    }

    /// The standard API version: v2.0, or v1.0 for on-premises versions 14 to 16.
    package enum APIVersion: String, Sendable, Hashable {
        case v2 = "v2.0"
        case v1 = "v1.0"
    }

    /// Where per-location stock comes from (read by `BCExport` for the stock entity).
    package enum StockSource: String, Sendable, Hashable, CaseIterable {
        /// A UI page published as an ODataV4 web service, filtered by `Location_Filter`.
        case odataPage
        /// The standard API alone: `items.inventory` minus open sales order lines (no per-location split).
        case standard
        /// The companion extension's `itemStock` entity.
        case companion
    }

    /// The companion extension's API route, `api/{publisher}/{group}/{version}`.
    package struct CompanionAPI: Sendable, Hashable {
        package var installed: Bool
        var publisher: String
        package var group: String
        package var version: String

        package init(installed: Bool, publisher: String = "posbridge", group: String = "sync", version: String = "v1.0") {
            self.installed = installed
            self.publisher = publisher
            self.group = group
            self.version = version
        }
    }

    package var name: String
    package var kind: Kind
    /// The service root without trailing slash: `{endpoint}/{tenant}/{environment}` online,
    /// `https://host:7048/{instance}` on-premises. API, companion and ODataV4 routes hang below it.
    package var serviceRoot: String
    package var company: Company
    package var auth: BCAuth
    package var apiVersion: APIVersion
    /// `Prefer: odata.maxpagesize` for collection reads.
    package var pageSize: Int
    package var stockSource: StockSource
    package var companion: CompanionAPI
    /// The ODataV4 service name of the stock page (for `stockSource: odataPage`).
    var odataStockService: String
    package var retry: RetryPolicy
    package var pacing: BCPacer.Limits
    /// How long before its expiry a cached token is replaced.
    package var tokenRefreshMargin: Duration
    /// What precedes a Lightspeed sale ID in a sales document's External Document No.
    /// (`BCSaleReference`); documents without it are not Lightspeed sales.
    var lightspeedSalePrefix: String

    package init(
        name: String, kind: Kind, serviceRoot: String, company: Company, auth: BCAuth,
        apiVersion: APIVersion = .v2, pageSize: Int = 1000, stockSource: StockSource = .standard,
        companion: CompanionAPI = CompanionAPI(installed: false), odataStockService: String = "ItemStock",
        retry: RetryPolicy = BCConnectionSettings.defaultRetry, pacing: BCPacer.Limits = BCPacer.Limits(),
        tokenRefreshMargin: Duration = .seconds(300), lightspeedSalePrefix: String = BCSaleReference.defaultPrefix
    ) {
        self.name = name
        self.kind = kind
        self.serviceRoot = serviceRoot.hasSuffix("/") ? String(serviceRoot.dropLast()) : serviceRoot
        self.company = company
        self.auth = auth
        self.apiVersion = apiVersion
        self.pageSize = pageSize
        self.stockSource = stockSource
        self.companion = companion
        self.odataStockService = odataStockService
        self.retry = retry
        self.pacing = pacing
        self.tokenRefreshMargin = tokenRefreshMargin
        self.lightspeedSalePrefix = lightspeedSalePrefix
    }

    /// Retries when the configuration says nothing: `RetryPolicy`'s defaults, with `Retry-After`
    /// honoured up to the online rate window (5 minutes), the longest a 429 can sensibly ask for.
    static let defaultRetry = RetryPolicy(maxRetryAfter: .seconds(300))

    /// The public online endpoint (Microsoft, "Endpoints for the APIs for Dynamics 365 Business
    /// Central"); `baseURL` in the configuration replaces it.
    static let onlineEndpoint = "https://api.businesscentral.dynamics.com/v2.0"
    /// The scope for client credentials (Microsoft, "Using service-to-service authentication").
    package static let onlineScope = "https://api.businesscentral.dynamics.com/.default"

    /// The Entra token endpoint of a tenant (same page).
    package static func tokenURL(tenant: String) -> String {
        "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token"
    }

    /// The standard API root, e.g. `{serviceRoot}/api/v2.0`.
    package var apiRoot: String { "\(serviceRoot)/api/\(apiVersion.rawValue)" }

    /// The companion API root, `{serviceRoot}/api/{publisher}/{group}/{version}`.
    var companionRoot: String {
        "\(serviceRoot)/api/\(companion.publisher)/\(companion.group)/\(companion.version)"
    }

    /// The ODataV4 root for UI pages published as web services.
    var odataRoot: String { "\(serviceRoot)/ODataV4" }
}
