import PosBridgeHTTP

/// Lightspeed's URL encoding rules; origin checks and redaction are the shared `APIURL`'s.
enum LSURL {
    /// Unreserved plus `!`, which Lightspeed's "Parameters" page leaves as is in `!%3D` (not equal); everything else is
    /// encoded, which gives exactly that page's spelling of operators (`>=,` → `%3E%3D%2C`).
    private static let queryValueAllowed: Set<UInt8> = APIURL.unreserved.union([UInt8(ascii: "!")])

    /// Percent-encodes a query parameter value (unreserved characters and `!` kept).
    static func queryEncode(_ text: String) -> String { APIURL.encode(text, keeping: queryValueAllowed) }

    /// Percent-encodes a path segment (ids).
    static func pathEncode(_ text: String) -> String { APIURL.encode(text, keeping: APIURL.unreserved) }
}
