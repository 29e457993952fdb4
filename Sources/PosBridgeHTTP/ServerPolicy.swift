import PosBridgeCore

/// What one server means by its answers, given to `HTTPSender` by each connector: which statuses
/// are worth another try, how the server says "throttled", and the connector's error types. Only
/// these values differ between the connectors; waiting, retrying and refreshing are shared.
package protocol ServerPolicy: Sendable {
    /// The connector's error kinds.
    associatedtype Kind: HTTPErrorKind
    /// The connector's reading of an error body.
    associatedtype Fault: ServiceFault

    /// The prefix of the connector's log metadata keys (`bc` gives `bc.url`, `bc.try`).
    static var logPrefix: String { get }
    /// Statuses an idempotent request is tried again after.
    static var retriedStatuses: Set<Int> { get }
    /// Statuses by which the server says it is throttled (mapped to `Kind.throttled`).
    static var throttledStatuses: Set<Int> { get }

    /// Whether `response` may succeed if the request is sent again later. Default: 429 for every
    /// request, `retriedStatuses` for idempotent ones.
    static func retries(_ response: APIResponse, safety: RetryPolicy.Safety) -> Bool
    /// How the server said that `response` was refused by a rate limit, or nil when it did not.
    /// Default: a 429, with no limiter named.
    static func throttling(of response: APIResponse) -> Throttling?
    /// The error kind when `status` lasted through every try. Default: the status's kind.
    static func exhaustedKind(status: Int) -> Kind
    /// Text that explains a status on this server (BC's 405 on-premises), or `""`.
    static func hint(status: Int) -> String
}

/// A response refused by a server's rate limit.
package struct Throttling: Sendable, Hashable {
    /// The limiter the server named (Lightspeed's `X-LS-API-RateLimit-Type`), for logs.
    package var limiter: String?
    /// The least wait before the next try, whatever `Retry-After` says (Lightspeed's burst limiter: 1 s).
    package var minimumWait: Duration?

    package init(limiter: String? = nil, minimumWait: Duration? = nil) {
        self.limiter = limiter
        self.minimumWait = minimumWait
    }
}

extension ServerPolicy {
    package static func retries(_ response: APIResponse, safety: RetryPolicy.Safety) -> Bool {
        if response.status == RetryPolicy.tooManyRequests { return true }
        return safety == .idempotent && retriedStatuses.contains(response.status)
    }

    package static func throttling(of response: APIResponse) -> Throttling? {
        response.status == RetryPolicy.tooManyRequests ? Throttling() : nil
    }

    package static func exhaustedKind(status: Int) -> Kind { kind(status: status) }

    package static func hint(status: Int) -> String { "" }

    /// The error kind of a non-success status on this server.
    package static func kind(status: Int) -> Kind { Kind.forStatus(status, throttled: throttledStatuses) }

    /// The error for a non-success response to `operation` (e.g. `GET items`): the status, the
    /// server's code, a hint and the summary of its message in the line; the fault as the cause.
    package static func error(status: Int, body: [UInt8], operation: String) -> CodedError<Kind> {
        let fault = Fault(status: status, body: body)
        let code = fault.code.isEmpty ? "" : " \(fault.code)"
        return CodedError(kind(status: status), "\(operation): HTTP \(status)\(code)\(hint(status: status))\(fault.summarySuffix)",
                          underlying: fault)
    }
}
