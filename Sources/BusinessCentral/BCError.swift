import PosBridgeCore
import PosBridgeHTTP

/// Why a Business Central call or connection setting failed. The message names the connection key,
/// HTTP method and entity set, and for a refused request the server's own message as
/// `BCServiceMessage` summarises it (quoted values, e-mail addresses and token-like words left out,
/// at most 200 characters); the full server text (which may quote customer data) stays in the
/// `underlying` `BCServiceFault`, shown only with `--verbose`.
typealias BCError = CodedError<BCErrorKind>

/// The kinds of `BCError`.
package enum BCErrorKind: String, HTTPErrorKind {
    /// A connection setting in the configuration file is missing or wrong.
    case configuration = "bc.configuration"
    /// The server could not be reached or the connection broke (after the allowed tries).
    case transport = "bc.transport"
    /// The token endpoint refused the client, or a request stayed unauthorized after one refresh.
    case authentication = "bc.authentication"
    /// The server answered 403: the user or app lacks permissions.
    case forbidden = "bc.forbidden"
    /// The server answered 404 (unknown entity, id or route; also an uninstalled extension).
    case notFound = "bc.not-found"
    /// The server refused the request's content (400, 409, 412, 413, 415, 422 …).
    case rejected = "bc.rejected"
    /// 429/503/504/408 persisted through every allowed try.
    case throttled = "bc.throttled"
    /// Any other 5xx.
    case server = "bc.server"
    /// The response was not the JSON shape the call expects.
    case malformedResponse = "bc.malformed-response"
    /// A `@odata.nextLink` or media link pointed at another scheme, host or port.
    case foreignLink = "bc.foreign-link"
    /// The caller asked for something the client cannot send (e.g. duplicate batch operation ids).
    case invalidRequest = "bc.invalid-request"
    /// The configured company is not in `/companies`.
    case companyNotFound = "bc.company-not-found"
}

/// The error a Business Central server reported: HTTP status plus the `{"error":{"code","message"}}`
/// body. `message` may contain customer data, so only its `BCServiceMessage.summary` goes into
/// `BCError.message`.
package struct BCServiceFault: ServiceFault, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    package let status: Int
    /// The service's error code, e.g. `Request_EntityChanged`, or `""` when the body had none.
    package let code: String
    /// The service's message, e.g. "Another user has already changed the record.  CorrelationId: …".
    package let message: String

    package init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// Reads `{"error":{"code":…,"message":…}}`; a body of any other shape gives an empty code and
    /// message (the status still tells what happened).
    package init(status: Int, body: [UInt8]) {
        var code = "", message = ""
        if !body.isEmpty, let parsed = try? JSONParser.parse(bytes: body),
           let error = parsed.objectValue?["error"]?.objectValue {
            code = error["code"]?.stringValue ?? ""
            message = error["message"]?.stringValue ?? ""
        }
        self.init(status: status, code: code, message: message)
    }

    /// Stale ETag: `409 Request_EntityChanged` (Microsoft, "Using OData to modify data" and the
    /// web-service error codes); 412 is treated the same, defensively, because no source rules it out.
    var isStaleETag: Bool {
        (status == 409 && (code == "Request_EntityChanged" || code.isEmpty)) || status == 412
    }

    package var description: String { "HTTP \(status) \(code): \(message)" }

    /// `": <summary>"` of the message for a one-line error, or `""` when there is nothing to show.
    package var summarySuffix: String { BCServiceMessage.summary(message).map { ": \($0)" } ?? "" }
}

extension BCError {
    /// The server-reported fault behind this error, when there is one.
    package var fault: BCServiceFault? { underlying as? BCServiceFault }
}
