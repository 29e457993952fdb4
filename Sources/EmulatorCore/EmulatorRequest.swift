import Foundation

/// A transport-free HTTP request, so the emulator's logic runs the same behind Hummingbird, inside
/// `$batch` and in tests that call it directly.
package struct EmulatorRequest: Sendable {
    /// Upper-case method, e.g. `GET`.
    package var method: String
    /// The percent-encoded path, e.g. `/v2.0/prod/api/v2.0/companies(…)/items`.
    package var path: String
    /// The raw query string without `?` (may be empty).
    package var query: String
    /// Header names lower-cased; one value per name (the emulator never needs repeats).
    package var headers: [String: String]
    /// The request body.
    package var body: [UInt8]

    /// Makes a request; `target` may carry a query (`/path?x=1`).
    package init(_ method: String, _ target: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method.uppercased()
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = ""
        }
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { $1 }
        self.body = body
    }

    /// The value of a header, looked up case-insensitively.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Query parameters in order, percent-decoded. `+` stays a plus: OData URLs follow RFC 3986 and a
    /// `+01:00` offset in a datetime literal must survive.
    package var queryItems: [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            return (name, value)
        }
    }

    /// The first value of a query parameter.
    package func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }
}
