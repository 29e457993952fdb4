import Foundation

/// A request path taken apart: which deployment style (online or on-premises), which API family,
/// and the OData segments after the API root.
package struct BCRoute: Sendable {
    /// How the path reached the server; decides Bearer or Basic authentication.
    package enum Deployment: Sendable, Equatable {
        /// `/v2.0/[{tenant}/]{environment}/…`
        case online(tenant: String?, environment: String)
        /// `/{instance}/…`
        case onPremises(instance: String)
    }

    /// What sits after the deployment prefix.
    package enum Service: Sendable, Equatable {
        /// `api/v2.0`, `api/v1.0` or `api/posbridge/sync/v1.0`.
        case api(BCCatalog.API)
        /// `ODataV4` — published UI pages.
        case odata
    }

    /// One `name` or `name(key)` segment, percent-decoded; a quoted key keeps no quotes.
    package struct Segment: Sendable, Equatable {
        /// The segment name, e.g. `items`.
        package var name: String
        /// The key in parentheses, if any.
        package var key: String?
    }

    /// Online or on-premises.
    package var deployment: Deployment
    /// API family or ODataV4.
    package var service: Service
    /// The path up to and including the service root, e.g. `/v2.0/prod/api/v2.0` (for links).
    package var root: String
    /// The segments after the root.
    package var segments: [Segment]

    /// Parses a path; nil when it is none of the emulated shapes.
    package init?(path: String) {
        let raw = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard raw.count >= 2 else { return nil }
        let prefixCount: Int
        if raw[0] == "v2.0" {
            guard raw.count >= 3 else { return nil }
            if Self.isServiceStart(raw[2]) {
                deployment = .online(tenant: nil, environment: raw[1])
                prefixCount = 2
            } else if raw.count >= 4, Self.isServiceStart(raw[3]) {
                deployment = .online(tenant: raw[1], environment: raw[2])
                prefixCount = 3
            } else {
                return nil
            }
        } else if Self.isServiceStart(raw[1]) {
            deployment = .onPremises(instance: raw[0])
            prefixCount = 1
        } else {
            return nil
        }
        var rest = Array(raw[prefixCount...])
        if rest[0] == "ODataV4" {
            service = .odata
            rest.removeFirst()
        } else if rest.count >= 2, rest[1] == "v2.0" || rest[1] == "v1.0" {
            service = .api(rest[1] == "v2.0" ? .v2 : .v1)
            rest.removeFirst(2)
        } else if rest.count >= 4, rest[1] == "posbridge", rest[2] == "sync", rest[3] == "v1.0" {
            service = .api(.companion)
            rest.removeFirst(4)
        } else {
            return nil
        }
        root = "/" + raw[..<(raw.count - rest.count)].joined(separator: "/")
        segments = rest.map(Self.segment)
    }

    private static func isServiceStart(_ segment: String) -> Bool { segment == "api" || segment == "ODataV4" }

    private static func segment(_ raw: String) -> Segment {
        let text = raw.removingPercentEncoding ?? raw
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return Segment(name: text, key: nil) }
        var key = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        if key.hasPrefix("'"), key.hasSuffix("'"), key.count >= 2 {
            key = String(key.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        return Segment(name: String(text[..<open]), key: key)
    }
}
