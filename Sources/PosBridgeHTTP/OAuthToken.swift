import PosBridgeCore

/// A token endpoint's exchange (OAuth 2.0, RFC 6749 "Access Token Request/Response"): the
/// form-encoded request both connectors send and the fields of a successful answer.
package struct OAuthToken: Sendable {
    /// `access_token`.
    package let accessToken: String
    /// `refresh_token` when the server rotated it (non-empty), else nil.
    package let refreshToken: String?
    /// `expires_in` in seconds (a number, or a string as older endpoints send it), else the default.
    package let lifetime: Double

    /// Reads a successful answer; nil when it has no `access_token`.
    package init?(body: [UInt8], defaultLifetime: Double) {
        let object = (try? JSONParser.parse(bytes: body))?.objectValue
        guard let access = object?["access_token"]?.stringValue, !access.isEmpty else { return nil }
        accessToken = access
        refreshToken = object?["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        lifetime = switch object?["expires_in"] {
        case .number(let number)?: Double(number.text) ?? defaultLifetime
        case .string(let text)?: Double(text) ?? defaultLifetime
        default: defaultLifetime
        }
    }

    /// `POST url` with the form-encoded `fields`, asking for JSON.
    package static func request(url: String, form fields: [(String, String)]) -> APIRequest {
        let form = fields.map { "\($0.0)=\(APIURL.formEncode($0.1))" }.joined(separator: "&")
        return APIRequest(
            method: .post, url: url,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Array(form.utf8))
    }
}
