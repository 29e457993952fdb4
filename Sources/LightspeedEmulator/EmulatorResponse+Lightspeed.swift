import EmulatorCore
import PosBridgeCore

extension EmulatorResponse {
    /// A JSON response as Lightspeed sends it (`application/json`, no OData headers).
    static func lightspeed(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> EmulatorResponse {
        EmulatorResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: CanonicalJSON.encode(value))
    }
}
