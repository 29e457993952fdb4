import PosBridgeCore
import PosBridgeHTTP

/// Why a Lightspeed Retail call or connection setting failed. The message names the connection,
/// HTTP method and entity and, when the server refused a request, the server's own message cleaned
/// by `LSServerText` (one line, capped, tokens and e-mail addresses replaced); the full error body
/// stays in the `underlying` `LSServiceFault`, shown only with `--verbose`.
package typealias LSError = CodedError<LSErrorKind>

/// The kinds of `LSError`.
package enum LSErrorKind: String, HTTPErrorKind {
    /// A connection setting in the configuration file is missing or wrong.
    case configuration = "ls.configuration"
    /// The server could not be reached or the connection broke (after the allowed tries).
    case transport = "ls.transport"
    /// The token endpoint refused the refresh, or a request stayed unauthorized after one refresh.
    case authentication = "ls.authentication"
    /// The refresh-token store cannot be read, locked or written.
    case tokenStore = "ls.token-store"
    /// The server answered 403: the token's scope or the employee's rights do not cover the request.
    case forbidden = "ls.forbidden"
    /// The server answered 404.
    case notFound = "ls.not-found"
    /// The server refused the request's content (400, 409, 422 …).
    case rejected = "ls.rejected"
    /// 429 persisted through every allowed try.
    case throttled = "ls.throttled"
    /// 5xx persisted through every allowed try.
    case server = "ls.server"
    /// The response was not the JSON shape the call expects.
    case malformedResponse = "ls.malformed-response"
    /// An `@attributes.next` link pointed at another scheme, host or port, or repeated.
    case foreignLink = "ls.foreign-link"
    /// The account id could not be found (configuration, token claim or `Account.json`).
    case accountNotFound = "ls.account-not-found"
}

/// An error body Lightspeed sent. API errors are `{"httpCode","httpMessage","message","errorClass"}`
/// (all strings); OAuth errors (token endpoint, expired tokens) are `{"error","error_description","hint"}`
/// (Lightspeed Retail API documentation, "Errors" and "Authentication"). The texts may quote customer data, so only `summary` (cleaned) reaches
/// `LSError.message`.
package struct LSServiceFault: ServiceFault, Hashable, CustomStringConvertible {
    /// Which shape the body had.
    package enum Shape: String, Sendable, Hashable {
        case api, oauth, unknown
    }

    /// The HTTP status of the response.
    package let status: Int
    package let shape: Shape
    /// API: `httpCode` (a string such as `"400"`); empty otherwise.
    package let httpCode: String
    /// API: `httpMessage` (`"Bad Request"`).
    package let httpMessage: String
    /// API: `message`; OAuth: `error_description`.
    package let message: String
    /// API: `errorClass` (`"Exception"`); OAuth: `error` (`"invalid_grant"`, `"access_denied"`).
    package let errorClass: String
    /// OAuth: `hint` (`"Access token could not be verified"`).
    package let hint: String

    package init(status: Int, shape: Shape, httpCode: String = "", httpMessage: String = "", message: String = "",
                 errorClass: String = "", hint: String = "") {
        self.status = status
        self.shape = shape
        self.httpCode = httpCode
        self.httpMessage = httpMessage
        self.message = message
        self.errorClass = errorClass
        self.hint = hint
    }

    /// Reads either error shape; any other body gives `.unknown` with empty texts.
    package init(status: Int, body: [UInt8]) {
        guard !body.isEmpty, let parsed = try? JSONParser.parse(bytes: body), let object = parsed.objectValue else {
            self.init(status: status, shape: .unknown)
            return
        }
        func text(_ key: String) -> String {
            switch object[key] {
            case .string(let value)?: value
            case .number(let number)?: number.text
            default: ""
            }
        }
        if object["httpCode"] != nil || object["errorClass"] != nil || object["httpMessage"] != nil {
            self.init(status: status, shape: .api, httpCode: text("httpCode"), httpMessage: text("httpMessage"),
                      message: text("message"), errorClass: text("errorClass"))
        } else if object["error"] != nil {
            self.init(status: status, shape: .oauth, message: text("error_description"), errorClass: text("error"),
                      hint: text("hint"))
        } else {
            self.init(status: status, shape: .unknown, message: text("message"))
        }
    }

    /// The OAuth error code (`invalid_grant` …), or nil for API errors.
    package var oauthError: String? { shape == .oauth ? errorClass : nil }

    /// A one-line reason for a rejected record: status and the server's message.
    package var reason: String {
        let text = message.isEmpty ? (httpMessage.isEmpty ? "no message" : httpMessage) : message
        return "HTTP \(status): \(text)"
    }

    /// The server's message for the one-line error: `message` (OAuth: `error_description` and
    /// `hint`), cleaned by `LSServerText`; nil when the body said nothing.
    package var summary: String? {
        let parts = [message, hint].filter { !$0.isEmpty }
        return LSServerText.oneLine(parts.count == 2 ? "\(parts[0]) (\(parts[1]))" : parts.first ?? "")
    }

    /// `: <summary>`, or nothing.
    package var summarySuffix: String { summary.map { ": " + $0 } ?? "" }

    /// The error class or OAuth code, a fixed word that is safe to show.
    package var code: String { errorClass }

    package var description: String {
        switch shape {
        case .api: "HTTP \(status) \(errorClass): \(message)"
        case .oauth: "HTTP \(status) \(errorClass): \(message)\(hint.isEmpty ? "" : " (\(hint))")"
        case .unknown: "HTTP \(status)\(message.isEmpty ? "" : ": \(message)")"
        }
    }
}

extension LSError {
    /// The server-reported fault behind this error, when there is one.
    package var fault: LSServiceFault? { underlying as? LSServiceFault }
}
