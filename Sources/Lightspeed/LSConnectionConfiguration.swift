import Foundation
import PosBridgeConfiguration

/// The Lightspeed connections (`system: lightspeed`) of a configuration file, checked key by key.
/// Secrets are only named here (`{ env: NAME }` or `{ file: PATH }`) and read by `connection(_:)`;
/// a literal secret is refused. `docs/configuration-lightspeed.md` documents every key.
package struct LSConnectionConfiguration: Sendable {
    /// The file the connections came from, as given.
    package let path: String
    private let pending: [String: Pending]
    private let environment: [String: String]

    /// The names of the Lightspeed connections, sorted.
    package var connectionNames: [String] { pending.keys.sorted() }

    /// Reads and checks a configuration file. `environment` is where `{ env: NAME }` secrets come from.
    package static func load(path: String, environment: [String: String]) throws -> LSConnectionConfiguration {
        try make(ConfigurationFile.load(path: path), environment: environment)
    }

    /// Checks configuration text; `path` names it in errors.
    package static func parse(_ yaml: String, path: String, environment: [String: String]) throws -> LSConnectionConfiguration {
        try make(ConfigurationFile.parse(yaml, path: path), environment: environment)
    }

    private static func make(_ file: ConfigurationFile, environment: [String: String]) throws -> LSConnectionConfiguration {
        var pending: [String: Pending] = [:]
        for entry in file.connections(of: "lightspeed") {
            pending[entry.name] = try Pending(name: entry.name, node: entry.node)
        }
        return LSConnectionConfiguration(path: file.path, pending: pending, environment: environment)
    }

    /// The settings of one connection, the client secret read now and the refresh-token file checked.
    package func connection(_ name: String) throws -> LSConnectionSettings {
        guard let entry = pending[name] else {
            let known = connectionNames.isEmpty ? "none" : connectionNames.joined(separator: ", ")
            throw ConfigurationError(.invalid, "\(path): connections.\(name): no such Lightspeed connection (known: \(known))")
        }
        return try entry.resolve(environment: environment)
    }

    /// One connection as checked from the file, with its secret still a reference.
    private struct Pending: Sendable {
        static let keys: Set<String> = [
            "system", "baseURL", "accountID", "tokenURL", "clientId", "clientSecret", "refreshTokenFile", "pageSize",
            "tokenRefreshMarginSeconds", "lockTimeoutSeconds", "retry", "bucket", "currency",
        ]

        var settings: LSConnectionSettings
        let secret: SecretReference
        let file: String
        let path: String

        init(name: String, node: ConfigurationNode) throws {
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

            var retry = LSRetryPolicy()
            if let retryNode = keys["retry"] {
                let r = try retryNode.mapping(allowed: ["maxTries", "baseDelaySeconds", "maxDelaySeconds", "maxRetryAfterSeconds"])
                retry = LSRetryPolicy(
                    maxTries: try r["maxTries"]?.int(in: 1...20) ?? 5,
                    baseDelay: .seconds(try r["baseDelaySeconds"]?.int(in: 0...600) ?? 1),
                    maxDelay: .seconds(try r["maxDelaySeconds"]?.int(in: 0...3600) ?? 60),
                    maxRetryAfter: .seconds(try r["maxRetryAfterSeconds"]?.int(in: 0...3600) ?? 120))
            }
            var bucket = LSBucket.Limits()
            if let bucketNode = keys["bucket"] {
                let b = try bucketNode.mapping(allowed: ["size", "dripRate", "reserve", "costModel"])
                bucket = LSBucket.Limits(
                    size: try b["size"].map { try Self.number($0, in: 1...10_000) } ?? 90,
                    dripRate: try b["dripRate"].map { try Self.number($0, in: 0.01...1000) } ?? 1,
                    reserve: try b["reserve"].map { try Self.number($0, in: 0...1000) } ?? 2,
                    costModel: try b["costModel"]?.choice(LSBucketCost.Model.self) ?? .current)
            }
            settings = LSConnectionSettings(
                name: name, baseURL: baseURL, accountID: accountID, tokenURL: tokenURL, clientId: clientId,
                clientSecret: Secret(""), refreshTokenFile: store, pageSize: pageSize, retry: retry, bucket: bucket,
                tokenRefreshMargin: .seconds(margin), lockTimeout: .seconds(lockTimeout), currency: currency)
        }

        static func number(_ node: ConfigurationNode, in range: ClosedRange<Double>) throws -> Double {
            guard let value = Double(try node.string()), value.isFinite else { throw node.error("expected a number") }
            guard range.contains(value) else { throw node.error("must be between \(range.lowerBound) and \(range.upperBound)") }
            return value
        }

        func resolve(environment: [String: String]) throws -> LSConnectionSettings {
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
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
