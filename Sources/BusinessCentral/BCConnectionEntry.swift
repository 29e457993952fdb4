import Foundation
import PosBridgeConfiguration
import PosBridgeHTTP

/// The Business Central connections (`system: bc`, the default) of a configuration file, checked
/// key by key. A literal secret in the file is refused. `docs/configuration.md` documents every key.
package typealias ConnectionConfiguration = ConfiguredConnections<BCConnectionEntry>

/// One Business Central connection as checked from the file, with its secret still a reference.
package struct BCConnectionEntry: ConnectionEntry {
    package static let system = "bc"

    enum PendingAuth: Sendable {
        case clientCredentials(clientId: String, secret: SecretReference, tokenURL: String, scope: String)
        case basic(user: String, accessKey: SecretReference)
    }

    let settings: BCConnectionSettings
    let auth: PendingAuth

    static let keys: Set<String> = [
        "system", "kind", "tenant", "environment", "company", "auth", "apiVersion", "pageSize", "stockSource",
        "companionAPI", "odataStockService", "tokenURL", "scope", "baseURL", "retry", "pacing", "lightspeedSalePrefix",
    ]

    package init(name: String, node: ConfigurationNode) throws {
        let keys = try node.mapping(allowed: Self.keys)
        let kindNode = try keys.required("kind", in: node)
        let kind: BCConnectionSettings.Kind = switch try kindNode.string() {
        case "online": .online
        case "onPremises": .onPremises
        case let other: throw kindNode.error("unknown value '\(other)' (expected online or onPremises)")
        }

        // Service root and token endpoint.
        var tenant: String?
        let serviceRoot: String
        switch kind {
        case .online:
            let tenantValue = try keys.required("tenant", in: node).string()
            let environment = try keys.required("environment", in: node).string()
            let endpoint = try keys["baseURL"]?.url() ?? BCConnectionSettings.onlineEndpoint
            serviceRoot = "\(endpoint)/\(BCURL.pathEncode(tenantValue))/\(BCURL.pathEncode(environment))"
            tenant = tenantValue
        case .onPremises:
            serviceRoot = try keys.required("baseURL", in: node).url()
            tenant = try keys["tenant"]?.string()
            if let environment = keys["environment"] {
                throw environment.error("only for kind online (on-premises puts the server instance in baseURL)")
            }
        }

        // Company.
        let companyNode = try keys.required("company", in: node)
        let companyKeys = try companyNode.mapping(allowed: ["id", "name"])
        let company: BCConnectionSettings.Company
        switch (companyKeys["id"], companyKeys["name"]) {
        case (let id?, nil): company = .id(try id.string())
        case (nil, let name?): company = .name(try name.string())
        default: throw companyNode.error("give exactly one of id or name")
        }

        // Authentication: client credentials (online, or on-premises with Entra) or Basic (on-premises).
        let authNode = try keys.required("auth", in: node)
        let authKeys = try authNode.mapping(allowed: ["clientId", "clientSecret", "user", "accessKey"])
        if let userNode = authKeys["user"] {
            guard kind == .onPremises else {
                throw userNode.error("Basic authentication is not supported online; use clientId and clientSecret")
            }
            if let extra = authKeys["clientId"] ?? authKeys["clientSecret"] { throw extra.error("not allowed together with user") }
            auth = .basic(user: try userNode.string(),
                          accessKey: try SecretReference(authKeys.required("accessKey", in: authNode)))
        } else {
            let clientId = try authKeys.required("clientId", in: authNode).string()
            let secret = try SecretReference(authKeys.required("clientSecret", in: authNode))
            if let extra = authKeys["accessKey"] { throw extra.error("belongs with user (Basic authentication)") }
            let tokenURL: String
            if let explicit = try keys["tokenURL"]?.url() {
                tokenURL = explicit
            } else if let tenant {
                tokenURL = BCConnectionSettings.tokenURL(tenant: BCURL.pathEncode(tenant))
            } else {
                throw ConfigurationError(.invalid, "\(node.file): \(node.path).tokenURL: missing (needed for clientId without tenant)")
            }
            let scope = try keys["scope"]?.string() ?? BCConnectionSettings.onlineScope
            auth = .clientCredentials(clientId: clientId, secret: secret, tokenURL: tokenURL, scope: scope)
        }

        // API version and reads.
        var apiVersion = BCConnectionSettings.APIVersion.v2
        if let versionNode = keys["apiVersion"] {
            let text = try versionNode.string()
            guard let version = BCConnectionSettings.APIVersion(rawValue: text) else {
                throw versionNode.error("unknown value '\(text)' (expected v2.0 or v1.0)")
            }
            if version == .v1, kind == .online { throw versionNode.error("v1.0 is for on-premises versions 14 to 16 only") }
            apiVersion = version
        }
        let pageSize = try keys["pageSize"]?.int(in: 1...20_000) ?? 1000
        let stockSource = try keys["stockSource"]?.choice(BCConnectionSettings.StockSource.self) ?? .standard
        var companion = BCConnectionSettings.CompanionAPI(installed: false)
        if let companionNode = keys["companionAPI"] {
            let c = try companionNode.mapping(allowed: ["installed", "publisher", "group", "version"])
            companion = BCConnectionSettings.CompanionAPI(
                installed: try c["installed"]?.bool() ?? false, publisher: try c["publisher"]?.string() ?? "posbridge",
                group: try c["group"]?.string() ?? "sync", version: try c["version"]?.string() ?? "v1.0")
        }
        if stockSource == .companion, !companion.installed, let sourceNode = keys["stockSource"] {
            throw sourceNode.error("companion needs companionAPI.installed: true")
        }
        let odataStockService = try keys["odataStockService"]?.string() ?? "ItemStock"
        var salePrefix = BCSaleReference.defaultPrefix
        if let prefixNode = keys["lightspeedSalePrefix"] {
            salePrefix = try prefixNode.string()
            // External Document No. is Code[35]: the prefix must leave room for the sale ID.
            guard (1...20).contains(salePrefix.count), !salePrefix.contains(where: { $0.isWhitespace }) else {
                throw prefixNode.error("must be 1 to 20 characters without spaces (an empty prefix would take a customer's own order number for a Lightspeed sale)")
            }
        }

        // Retries and pacing.
        let retry = try keys["retry"]?.retryPolicy(defaults: BCConnectionSettings.defaultRetry) ?? BCConnectionSettings.defaultRetry
        var pacing = BCPacer.Limits()
        if let pacingNode = keys["pacing"] {
            let p = try pacingNode.mapping(allowed: ["requestsPerWindow", "windowSeconds", "maxInFlight"])
            pacing = BCPacer.Limits(
                requests: try p["requestsPerWindow"]?.int(in: 1...1_000_000) ?? 6000,
                window: .seconds(try p["windowSeconds"]?.int(in: 1...86_400) ?? 300),
                maxInFlight: try p["maxInFlight"]?.int(in: 1...100) ?? 5)
        }

        // Placeholder credentials until `resolve` reads the secret.
        settings = BCConnectionSettings(
            name: name, kind: kind, serviceRoot: serviceRoot, company: company,
            auth: .basic(user: "", accessKey: Secret("")), apiVersion: apiVersion, pageSize: pageSize,
            stockSource: stockSource, companion: companion, odataStockService: odataStockService, retry: retry,
            pacing: pacing, lightspeedSalePrefix: salePrefix)
    }

    package func resolve(environment: [String: String]) throws -> BCConnectionSettings {
        var resolved = settings
        switch auth {
        case .basic(let user, let accessKey):
            resolved.auth = .basic(user: user, accessKey: try accessKey.resolve(environment: environment))
        case .clientCredentials(let clientId, let secret, let tokenURL, let scope):
            resolved.auth = .clientCredentials(clientId: clientId, secret: try secret.resolve(environment: environment),
                                               tokenURL: tokenURL, scope: scope)
        }
        return resolved
    }
}
