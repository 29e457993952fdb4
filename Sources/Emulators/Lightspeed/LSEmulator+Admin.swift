import Foundation
import PosBridgeCore

/// `/_emulator/…`: faults (with the bucket), the request log, reset, and a summary of credentials.
extension LSEmulator {
    func admin(_ request: LSRequest) async -> LSResponse {
        let action = request.path.dropFirst("/_emulator".count)
        switch (request.method, action) {
        case ("GET", ""), ("GET", "/"):
            return LSResponse.lightspeed(200, info)
        case ("GET", "/faults"):
            return LSResponse.lightspeed(200, faults.json)
        case ("POST", "/faults"), ("PUT", "/faults"):
            guard let json = try? JSONParser.parse(bytes: request.body) else { return LSError(400, "Fault settings must be JSON.").response }
            do {
                try faults.replace(json)
            } catch {
                return error.response
            }
            return LSResponse.lightspeed(200, faults.json)
        case ("DELETE", "/faults"):
            faults.reset()
            return LSResponse(status: 204)
        case ("GET", "/requests"):
            return LSResponse.lightspeed(200, ["value": .array(log.all)])
        case ("DELETE", "/requests"):
            log.clear()
            return LSResponse(status: 204)
        case ("POST", "/reset"):
            faults.reset()
            log.clear()
            tokens.reset()
            guard let folder = options.seedFolder else { return LSResponse(status: 204) }
            do {
                try await store.queue.write { db in
                    try LSStore.wipe(db)
                    try LSSeed.load(db, from: folder)
                }
            } catch {
                return LSError(500, "Reseeding failed: \(error)").response
            }
            return LSResponse(status: 204)
        default:
            return LSError(404, "No emulator admin action '\(request.method) \(request.path)'.").response
        }
    }

    private var info: JSONValue {
        [
            "tokenEndpoint": "/auth/oauth/token", "clientId": .string(options.clientId), "clientSecret": .string(options.clientSecret),
            "authorizationCode": .string(options.authorizationCode), "initialRefreshToken": .string(options.initialRefreshToken),
            "accountID": .string(String(accountID)), "tokenLifetimeSeconds": .number(CanonicalNumber(Int(options.tokenLifetime))),
            "apiRoot": .string("/API/V3/Account/\(accountID)"), "entities": .array(LSCatalog.entities.keys.sorted().map { .string($0) }),
        ]
    }
}
