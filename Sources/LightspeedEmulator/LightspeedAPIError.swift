import EmulatorCore
import Foundation
import PosBridgeCore

/// An API error in Lightspeed's body shape (Lightspeed Retail API documentation, "Errors"): every value a string,
/// `{"httpCode":"404","httpMessage":"Not Found","message":"…","errorClass":"Exception"}`.
struct LightspeedAPIError: Error, Sendable {
    /// The HTTP status.
    package var status: Int
    /// The human-readable message.
    package var message: String
    /// `errorClass` (always `Exception` in the documented examples except old bad-auth bodies).
    package var errorClass = "Exception"
    /// Extra headers (`Retry-After`).
    package var headers: [(String, String)] = []

    /// Makes an error.
    package init(_ status: Int, _ message: String, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// The response carrying this error.
    package var response: EmulatorResponse {
        EmulatorResponse.lightspeed(status, [
            "httpCode": .string(String(status)), "httpMessage": .string(Self.reason(status)), "message": .string(message),
            "errorClass": .string(errorClass),
        ], headers: headers)
    }

    /// 404 in the documented wording.
    package static func notFound(_ entity: String, _ id: String) -> LightspeedAPIError {
        LightspeedAPIError(404, "Object of type '\(entity)' not found with primary ID '\(id)'.")
    }

    /// An OAuth-shaped error (token endpoint and 401s on the API): `{"error","error_description","hint"}`.
    package static func oauth(_ status: Int, _ error: String, _ description: String, hint: String) -> EmulatorResponse {
        EmulatorResponse.lightspeed(status, ["error": .string(error), "error_description": .string(description), "hint": .string(hint)])
    }

    /// The reason phrase for `httpMessage`.
    package static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 409: "Conflict"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Error"
        }
    }
}
