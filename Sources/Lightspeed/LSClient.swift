import PosBridgeHTTP
import AsyncHTTPClient
import Foundation
import Logging
import PosBridgeCore
import Synchronization

/// The Lightspeed Retail (R-Series, API V3) client for one connection: account resolution, paged
/// snapshot reads, writes and image uploads. Every request goes through the leaky bucket, the retry
/// policy and the token provider (refresh-token store with file lock); every response body passes
/// `LSWire` before records are handed out; nothing secret is logged.
package final class LSClient: Sendable {
    /// The connection this client talks to.
    package let settings: LSConnectionSettings
    let effects: LSClientEffects
    let sender: LSHTTPSender
    let auth: LSAuthTokenProvider
    /// The connection's leaky bucket (for progress displays and tests).
    package let bucket: LSBucket
    private let accountLookup = Mutex<Task<String, any Error>?>(nil)

    /// A client over a transport (`LSHTTPClientTransport` in production, a fake in tests).
    package init(settings: LSConnectionSettings, transport: any LSHTTPTransport, effects: LSClientEffects) {
        self.settings = settings
        var effects = effects
        effects.logger[metadataKey: "ls.connection"] = "\(settings.name)"
        self.effects = effects
        let bare = LSHTTPSender(transport: transport, effects: effects, retry: settings.retry, bucket: nil, auth: nil)
        let auth = LSAuthTokenProvider(
            clientId: settings.clientId, clientSecret: settings.clientSecret, tokenURL: settings.tokenURL,
            store: LSTokenStore(path: settings.refreshTokenFile), refreshMargin: settings.tokenRefreshMargin,
            lockTimeout: settings.lockTimeout, effects: effects,
            send: { try await bare.send($0, safety: .idempotent, operation: "POST token") })
        let bucket = LSBucket(limits: settings.bucket, now: effects.now, sleep: effects.sleep)
        self.auth = auth
        self.bucket = bucket
        self.sender = LSHTTPSender(transport: transport, effects: effects, retry: settings.retry, bucket: bucket, auth: auth)
    }

    /// A client for a real run: AsyncHTTPClient over the caller's shared `HTTPClient` (made with
    /// `LSHTTPClientTransport.configuration`), the run's logger and clock.
    package convenience init(settings: LSConnectionSettings, httpClient: HTTPClient, context: RunContext) {
        self.init(settings: settings, transport: LSHTTPClientTransport.lightspeed(client: httpClient), effects: LSClientEffects(context: context))
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
        if let claim = try await auth.accountClaim() { return claim }
        let operation = "GET Account"
        let response = try await perform(LSHTTPRequest(method: .get, url: "\(settings.apiRoot)/Account.json", headers: headers()),
                                         safety: .idempotent, operation: operation)
        let accounts = try LSWire.entities("Account", in: try object(response.body, operation: operation))
        guard let id = accounts.first?["accountID"]?.lsForeignKey else {
            throw LSError(.accountNotFound, "\(settings.name): Account.json lists no account for this token")
        }
        if accounts.count > 1 {
            effects.logger.notice("the token sees several accounts; using the first (set accountID to choose)",
                                  metadata: ["ls.accounts": "\(accounts.count)"])
        }
        return id
    }

    /// `{baseURL}/API/V3/Account/{id}`.
    package func accountRoot() async throws -> String { settings.accountRoot(try await account()) }

    // MARK: Requests

    /// Headers every request carries (`Accept: application/json` wins over the URL suffix).
    func headers(json: Bool = false) -> LSHTTPHeaders {
        var headers: LSHTTPHeaders = ["Accept": "application/json"]
        if json { headers.set("Content-Type", "application/json") }
        return headers
    }

    /// Sends and requires a 2xx answer, else throws the typed error for the status and error body.
    func perform(_ request: LSHTTPRequest, safety: LSRetryPolicy.Safety, operation: String) async throws -> LSHTTPResponse {
        let response = try await sender.send(request, safety: safety, operation: operation)
        guard response.isSuccess else { throw LSError.from(status: response.status, body: response.body, operation: operation) }
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
