import Foundation

/// A parsed API path: `/API/V3/Account.json`, `/API/V3/Account/{acct}.json`,
/// `/API/V3/Account/{acct}/{Entity}[/{id}[/{Sub}]].json`.
struct LSRoute: Sendable, Equatable {
    /// The account in the path (nil for `/API/V3/Account.json`).
    package var account: Int64?
    /// The entity (nil for the Account itself).
    package var entity: String?
    /// The record id.
    package var id: Int64?
    /// A sub-entity under the record (`Sale/5/SaleLine`, `Item/3/Image`).
    package var sub: String?

    /// Parses a percent-encoded path; nil when it is not an API path. `hadSuffix` tells whether `.json` was present.
    package init?(path: String) {
        let decoded = path.removingPercentEncoding ?? path
        guard decoded.hasPrefix("/API/V3/Account") else { return nil }
        var rest = String(decoded.dropFirst("/API/V3/".count))
        if rest.hasSuffix(".json") { rest = String(rest.dropLast(5)) }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "Account", parts.count <= 5 else { return nil }
        if parts.count >= 2 {
            guard let account = Int64(parts[1]) else { return nil }
            self.account = account
        }
        if parts.count >= 3 { entity = parts[2] }
        if parts.count >= 4 {
            guard let id = Int64(parts[3]) else { return nil }
            self.id = id
        }
        if parts.count == 5 { sub = parts[4] }
        if entity?.isEmpty == true || sub?.isEmpty == true { return nil }
    }
}
