import EmulatorCore
import PosBridgeCore

extension EmulatorResponse {
    /// A JSON response with the OData headers BC sends.
    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> EmulatorResponse {
        EmulatorResponse(
            status: status,
            headers: [("Content-Type", "application/json; odata.metadata=minimal"), ("OData-Version", "4.0")] + headers,
            body: CanonicalJSON.encode(value))
    }
}
