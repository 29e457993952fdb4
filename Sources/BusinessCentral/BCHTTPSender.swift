import PosBridgeHTTP
import Foundation
import Logging

/// Sends requests with authorization, pacing and the retry policy; the one place that waits and
/// retries. Answers every status it does not retry; callers decide what a status means.
struct BCHTTPSender: Sendable {
    let transport: any BCHTTPTransport
    let effects: BCClientEffects
    let retry: BCRetryPolicy
    let pacer: BCPacer?
    let auth: BCAuthTokenProvider?

    /// Sends `request` until it gets a final response. `operation` (e.g. `GET items`) names the
    /// request in logs and errors; the URL is logged without its query, headers never.
    func send(_ request: BCHTTPRequest, safety: BCRetryPolicy.Safety, operation: String) async throws -> BCHTTPResponse {
        var tries = 0
        var refreshed = false
        var logger = effects.logger
        logger[metadataKey: "http.method"] = "\(request.method.rawValue)"
        logger[metadataKey: "bc.url"] = "\(APIURL.withoutQuery(request.url))"
        while true {
            tries += 1
            var outgoing = request
            var authorization: String?
            if let auth {
                let value = try await auth.authorization()
                authorization = value
                outgoing.headers.set("Authorization", value)
            }
            let response: BCHTTPResponse
            if let pacer { try await pacer.acquire() }
            do {
                response = try await transport.send(outgoing)
                if let pacer { await pacer.release() }
            } catch {
                if let pacer { await pacer.release() }
                if error is CancellationError { throw error }
                guard safety == .idempotent, tries < retry.maxTries else {
                    throw BCError(.transport, "\(operation): no response after \(tries) tries", underlying: error)
                }
                let delay = retry.delay(beforeTry: tries + 1, retryAfter: nil, now: effects.now(), random: effects.random)
                logger.warning("no response, trying again", metadata: [
                    "bc.try": "\(tries)", "bc.delay": "\(delay.seconds)", "error.type": "\(type(of: error))",
                ])
                try await effects.sleep(delay)
                continue
            }
            logger.debug("response", metadata: ["http.status": "\(response.status)", "bc.try": "\(tries)"])
            if response.status == 401, let auth, auth.canRefresh, !refreshed, let authorization {
                // The token expired or was revoked early: fetch a new one, once.
                refreshed = true
                tries -= 1
                await auth.invalidate(authorization)
                logger.notice("401, refreshing the token once", metadata: ["http.status": "401"])
                continue
            }
            if BCRetryPolicy.retries(status: response.status, safety: safety) {
                guard tries < retry.maxTries else {
                    let fault = BCServiceFault(status: response.status, body: response.body)
                    throw BCError(.throttled, "\(operation): HTTP \(response.status) after \(tries) tries\(fault.summarySuffix)", underlying: fault)
                }
                let delay = retry.delay(beforeTry: tries + 1, retryAfter: response.headers["Retry-After"],
                                        now: effects.now(), random: effects.random)
                logger.warning("throttled or unavailable, trying again", metadata: [
                    "http.status": "\(response.status)", "bc.try": "\(tries)", "bc.delay": "\(delay.seconds)",
                ])
                try await effects.sleep(delay)
                continue
            }
            return response
        }
    }
}
