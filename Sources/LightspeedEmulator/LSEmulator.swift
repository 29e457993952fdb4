import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// The Lightspeed Retail (R-Series) emulator without its transport: state, tokens, the leaky bucket, faults and
/// the request log. `respond(_:)` is what the Hummingbird server calls and what tests may call directly.
package final class LSEmulator: HTTPEmulator {
    /// The name in logs and messages.
    package static let name = "lightspeed"
    /// The options the emulator was started with.
    package let options: LSEmulatorOptions
    /// The SQLite state.
    package let store: LSStore
    /// Issued tokens and the bearer check.
    package let tokens: LSTokenIssuer
    /// Switchable faults and the leaky bucket.
    package let faults: LSFaults
    /// The answered requests, for `/_emulator/requests`.
    package let log = RequestLog()
    /// The account id (from the seed's `Account.json`; 120645 when the state is empty).
    package let accountID: Int64

    /// Opens the state file; a new (empty) one is filled from `options.seedFolder` if given.
    package init(statePath: String, options: LSEmulatorOptions) throws(EmulatorError) {
        self.options = options
        store = try LSStore(path: statePath)
        if try store.isEmpty() { try Self.seed(store, options) }
        do {
            accountID = try store.queue.read { db in try LSStore.all(db, "Account").first?.int("accountID") } ?? 120645
        } catch {
            throw EmulatorError(.state, "cannot read the account from the emulator state", underlying: error)
        }
        tokens = LSTokenIssuer(options: options, accountID: accountID)
        faults = LSFaults(options: options)
    }

    static func seed(_ store: LSStore, _ options: LSEmulatorOptions) throws(EmulatorError) {
        guard let folder = options.seedFolder else { return }
        try EmulatorSeed.reload(store.queue, from: folder) { db in
            try LSStore.wipe(db)
            try LSSeed.load(db, from: folder)
        }
    }

    /// Answers one request.
    package func respond(_ request: EmulatorRequest) async -> EmulatorResponse {
        if request.path == "/_emulator" || request.path.hasPrefix("/_emulator/") { return await admin(request) }
        let response = await handle(request)
        log.record(request, status: response.status, dropped: response.dropConnection, at: options.clock())
        return response
    }

    private func handle(_ request: EmulatorRequest) async -> EmulatorResponse {
        if request.path == "/auth/oauth/token" { return tokens.respond(request) }
        if let faulted = await faults.intercept(request) { return faulted }
        guard let route = LSRoute(path: request.path) else { return LightspeedAPIError(404, "No API endpoint at \(request.path).").response }
        if let refusal = tokens.check(request) { return refusal }
        // XML is the real default without `.json`; the emulator speaks JSON only and says so.
        guard request.path.hasSuffix(".json") || (request.header("accept") ?? "").contains("json") else {
            return LightspeedAPIError(406, "The emulator serves JSON only: append .json or send Accept: application/json.").response
        }
        let cost = LSCostModel.of(request, route: route)
        let size = faults.bucket.settings
        var headers: [(String, String)] = [("X-LS-Acct-Id", String(accountID)), ("X-LS-Oauth-Client-Id", options.clientId)]
        switch faults.bucket.take(cost) {
        case .limited(let level, let retryAfter):
            headers += [
                ("X-LS-API-Bucket-Level", "\(LSWireFormat.decimal(level))/\(LSWireFormat.decimal(size.size))"),
                ("X-LS-API-Drip-Rate", LSWireFormat.decimal(size.dripRate)), ("X-LS-API-RateLimit-Type", "api-leaky-bucket"),
                ("Retry-After", String(retryAfter)),
            ]
            // The 429 body is unverified (not stated in the Lightspeed Retail API documentation); clients key off the status and headers.
            return LightspeedAPIError(429, "Rate limit exceeded: the leaky bucket is full. Retry after \(retryAfter) s.", headers: headers).response
        case .burst(let count):
            headers += [
                ("X-LS-API-Burst-Level", "\(count)/\(size.burstLimit)"), ("X-LS-API-RateLimit-Type", "api-burst-limiter"), ("Retry-After", "1"),
            ]
            return LightspeedAPIError(429, "Burst rate limit exceeded. Please slow down.", headers: headers).response
        case .served(let level):
            if size.burstLimit > 0 { headers.append(("X-LS-API-Burst-Level", "\(faults.bucket.burstCount)/\(size.burstLimit)")) }
            // Casing as seen in the docs and traffic (Lightspeed Retail API documentation, "Rate Limits"): clients must match header names case-insensitively.
            headers += [
                ("X-LS-API-Bucket-Level", "\(LSWireFormat.decimal(level))/\(LSWireFormat.decimal(size.size))"),
                ("X-Ls-Api-Drip-Rate", LSWireFormat.decimal(size.dripRate)), ("x-ls-api-request-cost", LSWireFormat.decimal(cost)),
            ]
        }
        var response = await api(request, route: route)
        response.headers += headers
        return response
    }

    private func api(_ request: EmulatorRequest, route: LSRoute) async -> EmulatorResponse {
        if let account = route.account, account != accountID {
            // The real answer for a foreign account is not documented; the emulator says 404 in the usual shape.
            return LightspeedAPIError.notFound("Account", String(account)).response
        }
        if route.entity == nil {
            guard request.method == "GET" else { return LightspeedAPIError(405, "Account is read-only.").response }
            let account: [String: JSONValue]? = try? await store.queue.read { db in try LSStore.all(db, "Account").first }
            var record = account ?? ["accountID": .number(CanonicalNumber(Int(accountID))), "name": "Emulated account"]
            record["link"] = ["@attributes": ["href": .string("/API/Account/\(accountID)")]]
            return LSAPIHandler.envelope("Account", .object(record))
        }
        let base = "http://" + (request.header("host") ?? EmulatorServer.host)
        let now = ISODateTime.offsetSeconds(options.clock())
        do {
            return try await store.queue.write { db in
                do {
                    return try LSAPIHandler(db: db, request: request, route: route, now: now, base: base).respond()
                } catch let error as LightspeedAPIError {
                    // Roll back partial writes of a refused request.
                    throw Refusal(response: error.response)
                }
            }
        } catch let refusal as Refusal {
            return refusal.response
        } catch {
            return LightspeedAPIError(500, "The emulator's state failed: \(error)").response
        }
    }

    private struct Refusal: Error { var response: EmulatorResponse }
}
