import EmulatorCore
import Foundation
import PosBridgeCore

/// An error the emulated API answers with: an HTTP status and the BC error body
/// `{"error":{"code":…,"message":…  CorrelationId:  …}}` (Business Central API documentation (Microsoft Learn), "Troubleshooting API errors").
package struct ODataError: Error, Sendable {
    /// The HTTP status.
    package var status: Int
    /// The BC error code, e.g. `Request_EntityChanged`.
    package var code: String
    /// The message without the correlation suffix.
    package var message: String
    /// Extra response headers (e.g. `Retry-After`, `WWW-Authenticate`).
    package var headers: [(String, String)] = []

    /// Makes an error.
    package init(_ status: Int, _ code: String, _ message: String, headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The response carrying this error.
    package var response: EmulatorResponse {
        // BC appends "  CorrelationId:  <guid>." to every message; a fixed GUID keeps bodies reproducible.
        let body: JSONValue = ["error": ["code": .string(code), "message": .string("\(message)  CorrelationId:  00000000-0000-0000-0000-000000000000.")]]
        return EmulatorResponse.json(status, body, headers: headers)
    }

    /// 404 for a path segment that names nothing.
    static func segmentNotFound(_ segment: String) -> ODataError {
        ODataError(404, "BadRequest_ResourceNotFound", "Resource not found for the segment '\(segment)'.")
    }

    /// 400 for malformed query syntax; BC's documented code for this is, oddly, `BadRequest_NotFound`.
    package static func syntax(_ detail: String) -> ODataError {
        ODataError(400, "BadRequest_NotFound", "Bad Request - Error in query syntax. \(detail)")
    }

    /// 400 for an unreadable request body.
    static let invalidBody = ODataError(400, "BadRequest", "Invalid Request Body")
}
