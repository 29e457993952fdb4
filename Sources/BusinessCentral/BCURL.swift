import PosBridgeHTTP

/// Business Central's URL encoding rules; origin checks and redaction are the shared `APIURL`'s.
enum BCURL {
    /// Characters left as they are in a query value: RFC 3986 unreserved plus the sub-delimiters OData
    /// uses (`$ ' ( ) * , ; : @ / ? = !`). `&`, `+`, `#`, `%`, space and non-ASCII are encoded.
    private static let queryValueAllowed: Set<UInt8> = APIURL.unreserved.union(Array("$'()*,;:@/?=!".utf8))

    /// Percent-encodes a query parameter value.
    static func queryEncode(_ text: String) -> String { APIURL.encode(text, keeping: queryValueAllowed) }

    /// Percent-encodes a path segment (company names in ODataV4 URLs).
    static func pathEncode(_ text: String) -> String {
        APIURL.encode(text, keeping: APIURL.unreserved.union(Array("'()!*,;=:@$".utf8)))
    }
}
