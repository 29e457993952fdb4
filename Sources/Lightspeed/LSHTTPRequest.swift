/// HTTP methods the client uses.
package enum LSHTTPMethod: String, Sendable, Hashable {
    case get = "GET", post = "POST", put = "PUT", delete = "DELETE"
}

/// Header fields in order, looked up without regard to case (Lightspeed's own casing varies:
/// `X-LS-API-Bucket-Level` in the docs, `X-Ls-Api-Bucket-Level` in traffic; reference §4).
package struct LSHTTPHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// The fields in the order they were added.
    package private(set) var fields: [Field]

    /// One header line.
    package struct Field: Sendable, Hashable {
        package let name: String
        package let value: String
    }

    package init(_ pairs: [(String, String)] = []) { fields = pairs.map { Field(name: $0.0, value: $0.1) } }
    package init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// The first value of a header, or nil.
    package subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Replaces every field named `name` by one with `value`.
    package mutating func set(_ name: String, _ value: String) {
        let wanted = name.lowercased()
        fields.removeAll { $0.name.lowercased() == wanted }
        fields.append(Field(name: name, value: value))
    }

    /// Adds a field, keeping any others of the same name.
    package mutating func append(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    package func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

/// One HTTP request as the transport sends it.
package struct LSHTTPRequest: Sendable, Hashable {
    package var method: LSHTTPMethod
    /// The absolute URL, e.g. `https://api.lightspeedapp.com/API/V3/Account/120645/Item.json?limit=100`.
    package var url: String
    package var headers: LSHTTPHeaders
    package var body: [UInt8]

    package init(method: LSHTTPMethod, url: String, headers: LSHTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response as the transport received it; the body is exactly the bytes sent.
package struct LSHTTPResponse: Sendable, Hashable {
    package var status: Int
    package var headers: LSHTTPHeaders
    package var body: [UInt8]

    package init(status: Int, headers: LSHTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    package var isSuccess: Bool { (200..<300).contains(status) }
}

/// Sends one HTTP request and returns the complete response. Throws only when no response arrived
/// (connection refused, reset, timeout); any HTTP status is a response. Implemented on
/// AsyncHTTPClient by `LSHTTPClientTransport`, and by scripted fakes in tests.
package protocol LSHTTPTransport: Sendable {
    func send(_ request: LSHTTPRequest) async throws -> LSHTTPResponse
}
