/// HTTP methods the client uses.
package enum APIMethod: String, Sendable, Hashable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
}

/// Header fields in order, looked up without regard to case (servers vary the casing: Lightspeed
/// sends `X-LS-API-Bucket-Level` and `X-Ls-Api-Bucket-Level`).
package struct APIHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
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
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Replaces every field named `name` by one with `value`.
    package mutating func set(_ name: String, _ value: String) {
        fields.removeAll { $0.name.lowercased() == name.lowercased() }
        fields.append(Field(name: name, value: value))
    }

    /// Adds a field, keeping any others of the same name.
    package mutating func append(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    package func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

/// One HTTP request as the transport sends it.
package struct APIRequest: Sendable, Hashable {
    package var method: APIMethod
    /// The absolute URL, e.g. `https://api.lightspeedapp.com/API/V3/Account/1/Item.json`.
    package var url: String
    package var headers: APIHeaders
    package var body: [UInt8]

    package init(method: APIMethod, url: String, headers: APIHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response as the transport received it; the body is exactly the bytes sent.
package struct APIResponse: Sendable, Hashable {
    package var status: Int
    package var headers: APIHeaders
    package var body: [UInt8]

    package init(status: Int, headers: APIHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    package var isSuccess: Bool { (200..<300).contains(status) }
}

/// Sends one HTTP request and returns the complete response. Throws only when no response arrived
/// (connection refused, reset, timeout); any HTTP status is a response. Implemented on
/// AsyncHTTPClient by `APIClientTransport`, and by scripted fakes in tests.
package protocol APITransport: Sendable {
    func send(_ request: APIRequest) async throws -> APIResponse
}
