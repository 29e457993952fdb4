import Foundation

/// How a connection's requests are authorized.
package enum Authorization: Sendable {
    /// A fixed header value (HTTP Basic): never refreshed, so a 401 is final.
    case fixed(String)
    /// Tokens from a cache: a 401 drops the refused token and the request is repeated once.
    case tokens(TokenCache)
}

/// One connection's access token: used until `refreshMargin` before it expires; then, or after a
/// 401 (`invalidate`), one fetch runs for all concurrent callers. How a token is fetched is the
/// connector's (client credentials for Business Central, the file-locked refresh-token rotation
/// for Lightspeed). Tokens never leave this actor except inside the header value, and are never logged.
package actor TokenCache {
    /// An `Authorization` header value and when the token behind it expires.
    package struct Token: Sendable {
        package let header: String
        package let expires: Date

        package init(header: String, expires: Date) {
            self.header = header
            self.expires = expires
        }
    }

    /// Fetches a new token; `refused` is the header a 401 refused last (a strategy that may find
    /// a token elsewhere must not hand it out again).
    package typealias Fetch = @Sendable (_ refused: String?) async throws -> Token

    private let refreshMargin: Duration
    private let now: @Sendable () -> Date
    private let fetch: Fetch
    private var current: Token?
    private var refused: String?
    private var pending: Task<Token, any Error>?

    package init(refreshMargin: Duration, now: @escaping @Sendable () -> Date, fetch: @escaping Fetch) {
        self.refreshMargin = refreshMargin
        self.now = now
        self.fetch = fetch
    }

    /// The `Authorization` header value, fetched when there is no fresh token.
    package func authorization() async throws -> String {
        if let current, now() < current.expires.addingTimeInterval(-refreshMargin.seconds) { return current.header }
        if let pending { return try await pending.value.header }
        let task = Task { [refused, fetch] in try await fetch(refused) }
        pending = task
        defer { pending = nil }
        let token = try await task.value
        current = token
        return token.header
    }

    /// Forgets the cached token if it is the one a 401 refused.
    func invalidate(_ refusedHeader: String) {
        refused = refusedHeader
        if current?.header == refusedHeader { current = nil }
    }
}
