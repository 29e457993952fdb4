import Foundation
import Logging
import PosBridgeCore
import PosBridgeHTTP
import Synchronization

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
    private let accountLookup = Mutex<Task<String, any Error>?>(nil)

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
        let lookup = accountLookup.withLock { current -> Task<String, any Error> in
            if let current { return current }
            let task = Task { try await self.lookUpAccount() }
            current = task
            return task
        }
        do {
            return try await lookup.value
        } catch {
            accountLookup.withLock { $0 = nil }
            throw error
        }
    }

    private func lookUpAccount() async throws -> String {
        if let claim = LSAuthTokenProvider.claim("acct", inBearer: try await tokens.authorization()) { return claim }
        let operation = "GET Account"
        let response = try await perform(APIRequest(method: .get, url: "\(settings.apiRoot)/Account.json", headers: headers()),
                                         safety: .idempotent, operation: operation)
        let accounts = try LSWire.entities("Account", in: try object(response.body, operation: operation))
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
    package func accountRoot() async throws -> String { settings.accountRoot(try await account()) }

    // MARK: Requests

    /// Headers every request carries (`Accept: application/json` wins over the URL suffix).
    func headers(json: Bool = false) -> APIHeaders {
        var headers: APIHeaders = ["Accept": "application/json"]
        if json { headers.set("Content-Type", "application/json") }
        return headers
    }

    /// Sends and requires a 2xx answer, else throws the typed error for the status and error body.
    func perform(_ request: APIRequest, safety: RetryPolicy.Safety, operation: String) async throws -> APIResponse {
        let response = try await sender.send(request, safety: safety, operation: operation)
        guard response.isSuccess else { throw LSServer.error(status: response.status, body: response.body, operation: operation) }
        return response
    }

    /// Parses a response body that must be a JSON object.
    func object(_ body: [UInt8], operation: String) throws -> [String: JSONValue] {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(bytes: body)
        } catch {
            throw LSError(.malformedResponse, "\(operation): response is not JSON (\(error))", underlying: error)
        }
        guard let object = parsed.objectValue else {
            throw LSError(.malformedResponse, "\(operation): response is a JSON \(parsed.typeName), not an object")
        }
        return object
    }

    /// Refuses a server-sent link that leaves the connection's origin, so the token is never sent elsewhere.
    func requireSameOrigin(_ link: String, what: String) throws {
        guard APIURL.sameOrigin(link, as: settings.baseURL) else {
            throw LSError(.foreignLink, "\(settings.name): \(what) \(APIURL.withoutQuery(link)) is not on \(APIURL.origin(settings.baseURL) ?? settings.baseURL); refused")
        }
    }
}
