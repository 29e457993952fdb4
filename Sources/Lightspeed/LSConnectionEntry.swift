import Foundation
import PosBridgeConfiguration
import PosBridgeHTTP

/// The Lightspeed connections (`system: lightspeed`) of a configuration file, checked key by key.
/// A literal secret is refused. `docs/configuration-lightspeed.md` documents every key.
package typealias LSConnectionConfiguration = ConfiguredConnections<LSConnectionEntry>

/// One Lightspeed connection as checked from the file, with its secret still a reference.
package struct LSConnectionEntry: ConnectionEntry {
    package static let system = "lightspeed"

    static let keys: Set<String> = [
        "system", "baseURL", "accountID", "tokenURL", "clientId", "clientSecret", "refreshTokenFile", "pageSize",
        "tokenRefreshMarginSeconds", "lockTimeoutSeconds", "retry", "bucket", "currency",
    ]

    var settings: LSConnectionSettings
    let secret: SecretReference
    let file: String
    let path: String

    package init(name: String, node: ConfigurationNode) throws {
        let keys = try node.mapping(allowed: Self.keys)
        let baseURL = try keys["baseURL"]?.url() ?? LSConnectionSettings.defaultBaseURL
        var accountID: String?
        if let accountNode = keys["accountID"] {
            let text = try accountNode.string()
            guard text.allSatisfy(\.isASCIIDigit) else {
                throw accountNode.error("expected the numeric account id (e.g. 120645), not the client id")
            }
            accountID = text
        }
        let tokenURL = try keys["tokenURL"]?.url() ?? LSConnectionSettings.defaultTokenURL
        let clientId = try keys.required("clientId", in: node).string()
        secret = try SecretReference(keys.required("clientSecret", in: node))
        let storeNode = try keys.required("refreshTokenFile", in: node)
        let store = try storeNode.string()
        file = node.file
        path = storeNode.path
        let pageSize = try keys["pageSize"]?.int(in: 1...100) ?? 100
        let margin = try keys["tokenRefreshMarginSeconds"]?.int(in: 0...1800) ?? 300
        let lockTimeout = try keys["lockTimeoutSeconds"]?.int(in: 1...3600) ?? 60
        var currency: String?
        if let currencyNode = keys["currency"] {
            let text = try currencyNode.string()
            guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw currencyNode.error("expected an ISO 4217 currency code such as CHF or EUR")
            }
            currency = text.uppercased()
        }

        let retry = try keys["retry"]?.retryPolicy(defaults: RetryPolicy()) ?? RetryPolicy()
        var bucket = LSBucket.Limits()
        if let bucketNode = keys["bucket"] {
            let b = try bucketNode.mapping(allowed: ["size", "dripRate", "reserve", "costModel"])
            bucket = LSBucket.Limits(
                size: try b["size"]?.number(in: 1...10_000) ?? 90,
                dripRate: try b["dripRate"]?.number(in: 0.01...1000) ?? 1,
                reserve: try b["reserve"]?.number(in: 0...1000) ?? 2,
                costModel: try b["costModel"]?.choice(LSBucketCost.Model.self) ?? .current)
        }
        settings = LSConnectionSettings(
            name: name, baseURL: baseURL, accountID: accountID, tokenURL: tokenURL, clientId: clientId,
            clientSecret: Secret(""), refreshTokenFile: store, pageSize: pageSize, retry: retry, bucket: bucket,
            tokenRefreshMargin: .seconds(margin), lockTimeout: .seconds(lockTimeout), currency: currency)
    }

    package func resolve(environment: [String: String]) throws -> LSConnectionSettings {
        var resolved = settings
        resolved.clientSecret = try secret.resolve(environment: environment)
        // The store is checked now so a wrong path or mode is reported against its key, not mid-run.
        do {
            _ = try LSTokenStore(path: settings.refreshTokenFile).read()
        } catch let error as LSError {
            throw ConfigurationError(.invalid, "\(file): \(path): \(error.message)", underlying: error)
        }
        return resolved
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
