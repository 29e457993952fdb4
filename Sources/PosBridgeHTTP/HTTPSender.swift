import Logging
import PosBridgeCore

/// Sends requests with authorization, the connection's limiter and the retry policy; the one place
/// that waits and retries, for both connectors. Answers every status it does not retry; callers
/// decide what a status means. The URL is logged without its query, headers never.
package struct HTTPSender<Policy: ServerPolicy, Gate: Limiter>: Sendable {
    let transport: any APITransport
    let context: RunContext
    let retry: RetryPolicy
    let limiter: Gate?
    let authorization: Authorization?

    /// A sender over `transport`; without `limiter` and `authorization` it sends bare (token requests).
    package init(transport: any APITransport, context: RunContext, retry: RetryPolicy, limiter: Gate? = nil,
                 authorization: Authorization? = nil) {
        self.transport = transport
        self.context = context
        self.retry = retry
        self.limiter = limiter
        self.authorization = authorization
    }

    /// Sends `request` until it gets a final response. `operation` (e.g. `GET items`) names the
    /// request in logs and errors. Throws the connector's `.transport` error when no response came
    /// after the allowed tries, and `Policy.exhaustedKind` when a retried status outlasted them.
    package func send(_ request: APIRequest, safety: RetryPolicy.Safety, operation: String) async throws -> APIResponse {
        let prefix = Policy.logPrefix
        var tries = 0
        var refreshed = false
        var logger = context.logger
        logger[metadataKey: "http.method"] = "\(request.method.rawValue)"
        logger[metadataKey: "\(prefix).url"] = "\(APIURL.withoutQuery(request.url))"
        while true {
            tries += 1
            // Capacity first, the token second: a wait on the limiter can outlast the token's
            // remaining life, so the token is picked (and refreshed if due) only once the request may leave.
            let ticket = try await limiter?.admit(request)
            var outgoing = request
            let header: String?
            do {
                header = try await authorizationHeader()
            } catch {
                if let ticket { await limiter?.cancel(ticket) }
                throw error
            }
            if let header { outgoing.headers.set("Authorization", header) }
            let response: APIResponse
            do {
                response = try await transport.send(outgoing)
            } catch {
                if let ticket { await limiter?.cancel(ticket) }
                if error is CancellationError { throw error }
                guard safety == .idempotent, tries < retry.maxTries else {
                    throw CodedError<Policy.Kind>(
                        .transport, "\(operation): no response after \(tries) \(tries == 1 ? "try" : "tries")", underlying: error)
                }
                let delay = retry.delay(beforeTry: tries + 1, retryAfter: nil, now: context.clock(), random: context.random)
                logger.warning("no response, trying again", metadata: [
                    "\(prefix).try": "\(tries)", "\(prefix).delay": "\(delay.seconds)", "error.type": "\(type(of: error))",
                ])
                try await context.sleep(delay)
                continue
            }
            if let ticket { await limiter?.settle(ticket, with: response, logger: logger) }
            logger.debug("response", metadata: ["http.status": "\(response.status)", "\(prefix).try": "\(tries)"])
            if response.status == 401, case .tokens(let cache)? = authorization, !refreshed, let header {
                // The token expired early or was revoked: fetch a new one, once.
                refreshed = true
                tries -= 1
                await cache.invalidate(header)
                logger.notice("401, refreshing the token once", metadata: ["http.status": "401"])
                continue
            }
            guard Policy.retries(response, safety: safety) else { return response }
            guard tries < retry.maxTries else {
                let fault = Policy.Fault(status: response.status, body: response.body)
                throw CodedError<Policy.Kind>(
                    Policy.exhaustedKind(status: response.status),
                    "\(operation): HTTP \(response.status) after \(tries) tries\(fault.summarySuffix)", underlying: fault)
            }
            let throttling = Policy.throttling(of: response)
            let delay = retry.delay(beforeTry: tries + 1, retryAfter: response.headers["Retry-After"],
                                    minimum: throttling?.minimumWait, now: context.clock(), random: context.random)
            var metadata: Logger.Metadata = [
                "http.status": "\(response.status)", "\(prefix).try": "\(tries)", "\(prefix).delay": "\(delay.seconds)",
            ]
            if let throttling {
                await limiter?.pause(for: delay)
                if let name = throttling.limiter { metadata["\(prefix).limiter"] = "\(name)" }
            }
            logger.warning(throttling == nil ? "server failure, trying again" : "rate limited, waiting", metadata: metadata)
            try await context.sleep(delay)
        }
    }

    private func authorizationHeader() async throws -> String? {
        switch authorization {
        case .fixed(let header)?: header
        case .tokens(let cache)?: try await cache.authorization()
        case nil: nil
        }
    }
}
