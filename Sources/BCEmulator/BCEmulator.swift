import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// The Business Central emulator without its transport: state, tokens, faults and the request log.
/// `respond(_:)` is what the Hummingbird server calls and what tests may call directly.
package final class BCEmulator: HTTPEmulator {
    /// The name in logs and messages.
    package static let name = "bc"
    /// The options the emulator was started with.
    package let options: BCEmulatorOptions
    /// The SQLite state.
    package let store: BCStore
    /// Issued tokens and credential checks.
    package let tokens: BCTokenIssuer
    /// The switchable faults.
    package let faults: FaultInjector
    /// The answered requests, for `/_emulator/requests`.
    package let log = RequestLog()

    /// Opens the state file; a new (empty) one is filled from `options.seedFolder` if given.
    package init(statePath: String, options: BCEmulatorOptions) throws(EmulatorError) {
        self.options = options
        store = try BCStore(path: statePath)
        tokens = BCTokenIssuer(options: options)
        faults = FaultInjector(settings: options.faults, clock: options.clock)
        if try store.isEmpty() { try seed() }
    }

    /// Wipes the state and loads the seed again (no seed: an empty store).
    package func seed() throws(EmulatorError) {
        guard let folder = options.seedFolder else { return }
        let now = ISODateTime.milliseconds(options.clock())
        try EmulatorSeed.reload(store.queue, from: folder) { db in
            try BCStore.wipe(db)
            try BCSeed.load(db, from: folder, now: now)
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
        let parts = request.path.split(separator: "/")
        if parts.count == 4, parts[1] == "oauth2", parts[2] == "v2.0", parts[3] == "token" { return tokens.respond(request) }
        if let faulted = await faults.intercept(request, render: Self.error(for:)) { return faulted }
        guard let route = BCRoute(path: request.path) else {
            return ODataError.segmentNotFound(request.path).response
        }
        if let refusal = tokens.check(request, deployment: route.deployment) { return refusal.response }
        let base = "http://" + (request.header("host") ?? "\(EmulatorServer.host)")
        let options = options
        do {
            return try await store.queue.write { db in
                BCAPIHandler(db: db, options: options, route: route, request: request, base: base).respond()
            }
        } catch {
            return ODataError(500, "Internal_ServerError", "The emulator's state failed: \(error)").response
        }
    }

    /// An injected fault in BC's error shape. The 429 code is a guess; BC documents only the status.
    private static func error(for refusal: FaultInjector.Refusal) -> EmulatorResponse {
        if let limit = refusal.rateLimit {
            return ODataError(429, "Application_TooManyRequests", "Rate limit exceeded: \(limit.requests) requests per \(limit.windowSeconds) s.",
                              headers: refusal.headers).response
        }
        let code = switch refusal.status {
        case 429: "Application_TooManyRequests"
        case 408: "Internal_OperationTimeout"
        case 504: "Internal_GatewayTimeout"
        default: "Internal_ServiceUnavailable"
        }
        return ODataError(refusal.status, code, "Injected fault: the service is unavailable.", headers: refusal.headers).response
    }

    /// `/_emulator/…`: faults, the request log, reset, and a summary of credentials and prefixes.
    private func admin(_ request: EmulatorRequest) async -> EmulatorResponse {
        let action = request.path.dropFirst("/_emulator".count)
        switch (request.method, action) {
        case ("GET", ""), ("GET", "/"):
            return EmulatorResponse.json(200, info)
        case ("GET", "/faults"):
            return EmulatorResponse.json(200, faults.settings.json)
        case ("POST", "/faults"), ("PUT", "/faults"):
            guard let json = try? JSONParser.parse(bytes: request.body) else { return ODataError.invalidBody.response }
            do {
                faults.replace(try FaultSettings(json: json))
                return EmulatorResponse.json(200, faults.settings.json)
            } catch {
                return ODataError(400, "BadRequest", error.message).response
            }
        case ("DELETE", "/faults"):
            faults.replace(FaultSettings())
            return EmulatorResponse(status: 204)
        case ("GET", "/requests"):
            return EmulatorResponse.json(200, ["value": .array(log.all)])
        case ("DELETE", "/requests"):
            log.clear()
            return EmulatorResponse(status: 204)
        case ("POST", "/reset"):
            faults.replace(FaultSettings())
            log.clear()
            tokens.reset()
            do { try seed() } catch { return ODataError(500, "Internal_ServerError", error.message).response }
            return EmulatorResponse(status: 204)
        default:
            return ODataError(404, "BadRequest_ResourceNotFound", "No emulator admin action '\(request.method) \(request.path)'.").response
        }
    }

    private var info: JSONValue {
        [
            "tokenEndpoint": "/{tenant}/oauth2/v2.0/token", "clientId": .string(options.clientId), "scope": .string(BCTokenIssuer.scope),
            "basicUser": .string(options.basicUser), "tokenLifetimeSeconds": .number(CanonicalNumber(Int(options.tokenLifetime))),
            "prefixes": [
                "/v2.0/{tenant}/{environment}/api/v2.0", "/v2.0/{environment}/api/v2.0", "/{instance}/api/v2.0", "…/api/v1.0",
                "…/api/posbridge/sync/v1.0", "…/ODataV4/Company('{name}')/ItemStock",
            ],
        ]
    }
}
