import EmulatorCore
import Foundation
import PosBridgeCore

/// `/_emulator/…`: faults (with the bucket), the request log, reset, and a summary of credentials.
extension LSEmulator {
    func admin(_ request: EmulatorRequest) async -> EmulatorResponse {
        let action = request.path.dropFirst("/_emulator".count)
        switch (request.method, action) {
        case ("GET", ""), ("GET", "/"):
            return EmulatorResponse.lightspeed(200, info)
        case ("GET", "/faults"):
            return EmulatorResponse.lightspeed(200, faults.json)
        case ("POST", "/faults"), ("PUT", "/faults"):
            guard let json = try? JSONParser.parse(bytes: request.body) else { return LightspeedAPIError(400, "Fault settings must be JSON.").response }
            do {
                try faults.replace(json)
            } catch {
                return error.response
            }
            return EmulatorResponse.lightspeed(200, faults.json)
        case ("DELETE", "/faults"):
            faults.reset()
            return EmulatorResponse(status: 204)
        case ("GET", "/requests"):
            return EmulatorResponse.lightspeed(200, ["value": .array(log.all)])
        case ("DELETE", "/requests"):
            log.clear()
            return EmulatorResponse(status: 204)
        case ("POST", "/reset"):
            faults.reset()
            log.clear()
            tokens.reset()
            do {
                try Self.seed(store, options)
            } catch {
                return LightspeedAPIError(500, "Reseeding failed: \(error.message)").response
            }
            return EmulatorResponse(status: 204)
        default:
            return LightspeedAPIError(404, "No emulator admin action '\(request.method) \(request.path)'.").response
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
