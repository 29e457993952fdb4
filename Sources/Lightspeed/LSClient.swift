import Foundation
import Logging
import PosBridgeCore
import PosBridgeHTTP

/// The Lightspeed Retail (R-Series, API V3) client for one connection: account resolution, paged
/// snapshot reads, writes and image uploads. Every request goes through the leaky bucket, the retry
/// policy and the token cache (refresh-token store with file lock); every response body passes
/// `LSWire` before records are handed out; nothing secret is logged.
package final class LSClient: Sendable {
    /// The connection this client talks to.
    package let settings: LSConnectionSettings
    let context: RunContext
    let sender: HTTPSender<LSServer, LSBucket>
    let tokens: TokenCache
    /// The connection's leaky bucket (for progress displays and tests).
    package let bucket: LSBucket
    private let accountLookup = SharedLookup<String>()

    /// A client over a transport (`APIClientTransport.lightspeed()` in production, a fake in tests)
    /// with the run's effects.
    package init(settings: LSConnectionSettings, transport: any APITransport, context: RunContext) {
        self.settings = settings
        var context = context
        context.logger[metadataKey: "ls.connection"] = "\(settings.name)"
        self.context = context
        let bare = HTTPSender<LSServer, LSBucket>(transport: transport, context: context, retry: settings.retry)
        let provider = LSAuthTokenProvider(
            clientId: settings.clientId, clientSecret: settings.clientSecret, tokenURL: settings.tokenURL,
            store: LSTokenStore(path: settings.refreshTokenFile), refreshMargin: settings.tokenRefreshMargin,
            lockTimeout: settings.lockTimeout, context: context,
            send: { try await bare.send($0, safety: .idempotent, operation: "POST token") })
        tokens = TokenCache(refreshMargin: settings.tokenRefreshMargin, now: context.clock, fetch: { try await provider.fetch(refused: $0) })
        bucket = LSBucket(limits: settings.bucket, now: context.clock, sleep: context.sleep)
        sender = HTTPSender(transport: transport, context: context, retry: settings.retry, limiter: bucket,
                            authorization: .tokens(tokens))
    }

    // MARK: Account

    /// The account id: from the configuration, else the access token's `acct` claim, else
    /// `GET /API/V3/Account.json`. Looked up once; a failed lookup is tried afresh next time.
    package func account() async throws -> String {
        if let accountID = settings.accountID { return accountID }
        return try await accountLookup.value { try await self.lookUpAccount() }
    }

    private func lookUpAccount() async throws -> String {
        if let claim = LSAuthTokenProvider.claim("acct", inBearer: try await tokens.authorization()) { return claim }
        let operation = "GET Account"
        let response = try await sender.perform(APIRequest(method: .get, url: "\(settings.apiRoot)/Account.json", headers: headers()),
                                         safety: .idempotent, operation: operation)
        let accounts = try LSWire.entities("Account", in: try LSServer.object(response.body, operation: operation))
        guard let id = accounts.first?["accountID"]?.lsForeignKey else {
            throw LSError(.accountNotFound, "\(settings.name): Account.json lists no account for this token")
        }
        if accounts.count > 1 {
            context.logger.notice("the token sees several accounts; using the first (set accountID to choose)",
                                  metadata: ["ls.accounts": "\(accounts.count)"])
        }
        return id
    }

    /// `{baseURL}/API/V3/Account/{id}`.
    func accountRoot() async throws -> String { settings.accountRoot(try await account()) }

    // MARK: Requests

    /// Headers every request carries (`Accept: application/json` wins over the URL suffix).
    func headers(json: Bool = false) -> APIHeaders {
        var headers: APIHeaders = ["Accept": "application/json"]
        if json { headers.set("Content-Type", "application/json") }
        return headers
    }
}
