import Foundation
import PosBridgeCore

/// The Lightspeed emulator shares the transport-free request shape with the BC emulator: method, path, raw
/// query, lower-cased headers, body. Lightspeed's `+00:00` offsets survive because `+` is not decoded.
package typealias LSRequest = BCRequest

/// The Lightspeed emulator's transport-free response (the same shape as BC's).
package typealias LSResponse = BCResponse

extension BCResponse {
    /// A JSON response as Lightspeed sends it (`application/json`, no OData headers).
    package static func lightspeed(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> BCResponse {
        BCResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: CanonicalJSON.encode(value))
    }
}
