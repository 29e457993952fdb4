import PosBridgeCore

/// The error kinds every connector has for HTTP failures; each connector's `ErrorKind` enum provides
/// them as cases (`bc.throttled`, `ls.throttled` …), so the shared sender and status mapping can
/// make the connector's own typed errors.
package protocol HTTPErrorKind: ErrorKind {
    /// The server could not be reached or the connection broke (after the allowed tries).
    static var transport: Self { get }
    /// 401: the credentials were refused (after one refresh).
    static var authentication: Self { get }
    /// 403: the user or app lacks permissions.
    static var forbidden: Self { get }
    /// 404.
    static var notFound: Self { get }
    /// The server refused the request's content (any other 4xx).
    static var rejected: Self { get }
    /// The server said it is throttled (the connector's `ServerPolicy.throttledStatuses`).
    static var throttled: Self { get }
    /// Any other 5xx.
    static var server: Self { get }
    /// The response was not the JSON shape the call expects.
    static var malformedResponse: Self { get }
    /// A server-sent link (next page, media) pointed at another scheme, host or port.
    static var foreignLink: Self { get }
}

extension HTTPErrorKind {
    /// The one mapping from a non-success status to an error kind; `throttled` holds the statuses by
    /// which the server says it is throttled.
    static func forStatus(_ status: Int, throttled: Set<Int>) -> Self {
        switch status {
        case 401: .authentication
        case 403: .forbidden
        case 404: .notFound
        case _ where throttled.contains(status): .throttled
        case 500...599: .server
        default: .rejected
        }
    }
}

/// An error body a server sent, read whatever its shape. Its texts may quote customer data, so only
/// the fixed `code` and the cleaned `summarySuffix` reach a one-line error message; the fault itself
/// is the error's `underlying` cause, shown with `--verbose`.
package protocol ServiceFault: Error, Sendable {
    /// Reads the body of a response with `status`; a body of an unknown shape gives empty texts.
    init(status: Int, body: [UInt8])
    /// The server's fixed word for the error (`Request_EntityChanged`, `invalid_grant`), or `""`.
    var code: String { get }
    /// `": <summary>"` of the server's message for a one-line error, or `""`.
    var summarySuffix: String { get }
}
