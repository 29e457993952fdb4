import Foundation

/// URL helpers every connector needs: percent-encoding with a given set of kept characters, origin
/// checks for server-sent links, and the redacted forms used in logs, errors and page records.
package enum APIURL {
    /// RFC 3986 unreserved characters.
    package static let unreserved: Set<UInt8> = Set(Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Percent-encodes every byte of `text` not in `allowed` (uppercase hex).
    package static func encode(_ text: String, keeping allowed: Set<UInt8>) -> String {
        var out = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Percent-encodes an `application/x-www-form-urlencoded` value.
    static func formEncode(_ text: String) -> String { encode(text, keeping: unreserved) }

    /// Scheme, host and port of an absolute URL (default ports filled in), or nil.
    package static func origin(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        let port = components.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(host):\(port)"
    }

    /// Whether `link` has the same scheme, host and port as `base`.
    static func sameOrigin(_ link: String, as base: String) -> Bool {
        guard let linkOrigin = origin(link), let baseOrigin = origin(base) else { return false }
        return linkOrigin == baseOrigin
    }

    /// Query parameters whose values are treated as secrets (by any of the APIs).
    private static let secretParameters: Set<String> = [
        "access_token", "refresh_token", "token", "client_secret", "code", "code_verifier", "sig", "signature",
        "key", "apikey", "api_key", "password", "secret",
    ]

    /// Scheme, host, port and path only — for logs, where query values (filters on names, e-mail
    /// addresses) could carry customer data.
    package static func withoutQuery(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "<unparseable URL>" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "<unparseable URL>"
    }

    /// The URL without user info and with secret-looking query values replaced by `<redacted>`.
    package static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "<unparseable URL>" }
        components.user = nil
        components.password = nil
        guard let query = components.percentEncodedQuery, !query.isEmpty else {
            return components.string ?? "<unparseable URL>"
        }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pieces[0])
            let decodedName = (name.removingPercentEncoding ?? name).lowercased()
            if secretParameters.contains(decodedName) { return "\(name)=<redacted>" }
            return String(part)
        }
        var result = components
        result.percentEncodedQuery = nil
        return (result.string ?? "") + "?" + parts.joined(separator: "&")
    }
}
