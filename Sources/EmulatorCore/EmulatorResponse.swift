import Foundation

/// A transport-free HTTP response.
package struct EmulatorResponse: Sendable {
    /// The HTTP status code.
    package var status: Int
    /// Headers in order.
    package var headers: [(String, String)]
    /// The body bytes.
    package var body: [UInt8]
    /// Set by the fault injector: the server should drop the connection instead of answering.
    package var dropConnection = false

    /// Makes a response.
    package init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, case-insensitively.
    package func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body as UTF-8 text.
    package var text: String { String(decoding: body, as: UTF8.self) }
}
