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
    package let faults: BCFaultInjector
    /// The answered requests, for `/_emulator/requests`.
    package let log = BCRequestLog()

    /// Opens the state file; a new (empty) one is filled from `options.seedFolder` if given.
    package init(statePath: String, options: BCEmulatorOptions) throws(EmulatorError) {
        self.options = options
        store = try BCStore(path: statePath)
        tokens = BCTokenIssuer(options: options)
        faults = BCFaultInjector(settings: options.faults, clock: options.clock)
        if try store.isEmpty() { try seed() }
    }

    /// Wipes the state and loads the seed again (no seed: an empty store).
    package func seed() throws(EmulatorError) {
        guard let folder = options.seedFolder else { return }
        let now = BCWireFormat.dateTime(options.clock())
        do {
            try store.queue.write { db in
                try BCStore.wipe(db)
                try BCSeed.load(db, from: folder, now: now)
            }
        } catch let error as EmulatorError {
            throw error
        } catch {
            throw EmulatorError(.seed, "cannot load the seed from \(folder.path)", underlying: error)
        }
    }

    /// Answers one request.
    package func respond(_ request: BCRequest) async -> BCResponse {
        if request.path == "/_emulator" || request.path.hasPrefix("/_emulator/") { return await admin(request) }
        let response = await handle(request)
        log.record(request, status: response.status, dropped: response.dropConnection, at: options.clock())
        return response
    }

    private func handle(_ request: BCRequest) async -> BCResponse {
        let parts = request.path.split(separator: "/")
        if parts.count == 4, parts[1] == "oauth2", parts[2] == "v2.0", parts[3] == "token" { return tokens.respond(request) }
        let target = (request.path.removingPercentEncoding ?? request.path) + "?" + (request.query.removingPercentEncoding ?? request.query)
        switch faults.decide(target: target) {
        case .drop:
            var response = BCResponse(status: 200)
            response.dropConnection = true
            return response
        case .respond(let response):
            return response
        case .pass(let delayMs):
            if delayMs > 0 { try? await Task.sleep(for: .milliseconds(delayMs)) }
        }
        guard let route = BCRoute(path: request.path) else {
            return ODataError.segmentNotFound(request.path).response
        }
        if let refusal = tokens.check(request, deployment: route.deployment) { return refusal.response }
        let base = "http://" + (request.header("host") ?? "\(Emulators.host)")
        let options = options
        do {
            return try await store.queue.write { db in
                BCAPIHandler(db: db, options: options, route: route, request: request, base: base).respond()
            }
        } catch {
            return ODataError(500, "Internal_ServerError", "The emulator's state failed: \(error)").response
        }
    }

    /// `/_emulator/…`: faults, the request log, reset, and a summary of credentials and prefixes.
    private func admin(_ request: BCRequest) async -> BCResponse {
        let action = request.path.dropFirst("/_emulator".count)
        switch (request.method, action) {
        case ("GET", ""), ("GET", "/"):
            return BCResponse.json(200, info)
        case ("GET", "/faults"):
            return BCResponse.json(200, faults.settings.json)
        case ("POST", "/faults"), ("PUT", "/faults"):
            do {
                guard let json = try? JSONParser.parse(bytes: request.body) else { throw ODataError.invalidBody }
                faults.replace(try BCFaultSettings(json: json))
                return BCResponse.json(200, faults.settings.json)
            } catch let error as ODataError {
                return error.response
            } catch {
                return ODataError.invalidBody.response
            }
        case ("DELETE", "/faults"):
            faults.replace(BCFaultSettings())
            return BCResponse(status: 204)
        case ("GET", "/requests"):
            return BCResponse.json(200, ["value": .array(log.all)])
        case ("DELETE", "/requests"):
            log.clear()
            return BCResponse(status: 204)
        case ("POST", "/reset"):
            faults.replace(BCFaultSettings())
            log.clear()
            tokens.reset()
            do { try seed() } catch { return ODataError(500, "Internal_ServerError", error.message).response }
            return BCResponse(status: 204)
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
