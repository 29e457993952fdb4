import PosBridgeHTTP
import Foundation
import Logging

/// Sends requests with authorization, the leaky bucket and the retry policy; the one place that
/// waits and retries. Answers every status it does not retry; callers decide what a status means.
struct LSHTTPSender: Sendable {
    let transport: any LSHTTPTransport
    let effects: LSClientEffects
    let retry: LSRetryPolicy
    let bucket: LSBucket?
    let auth: LSAuthTokenProvider?

    /// Sends `request` until it gets a final response. `operation` (e.g. `GET Item`) names the
    /// request in logs and errors; the URL is logged without its query, headers never.
    func send(_ request: LSHTTPRequest, safety: LSRetryPolicy.Safety, operation: String) async throws -> LSHTTPResponse {
        var tries = 0
        var refreshed = false
        var logger = effects.logger
        logger[metadataKey: "http.method"] = "\(request.method.rawValue)"
        logger[metadataKey: "ls.url"] = "\(APIURL.withoutQuery(request.url))"
        let cost = bucket?.estimate(request) ?? 0
        while true {
            tries += 1
            // Capacity first, the token second: a wait on the bucket can outlast the token's remaining
            // life, so the token is picked (and refreshed if due) only once the request may leave.
            let ticket = try await bucket?.acquire(cost: cost)
            var outgoing = request
            var authorization: String?
            if let auth {
                let value: String
                do {
                    value = try await auth.authorization()
                } catch {
                    if let ticket { await bucket?.release(ticket) }
                    throw error
                }
                authorization = value
                outgoing.headers.set("Authorization", value)
            }
            let response: LSHTTPResponse
            do {
                response = try await transport.send(outgoing)
            } catch {
                if let ticket { await bucket?.release(ticket) }
                if error is CancellationError { throw error }
                guard safety == .idempotent, tries < retry.maxTries else {
                    throw LSError(.transport, "\(operation): no response after \(tries) \(tries == 1 ? "try" : "tries")", underlying: error)
                }
                let delay = retry.delay(beforeTry: tries + 1, retryAfter: nil, burst: false, random: effects.random)
                logger.warning("no response, trying again", metadata: [
                    "ls.try": "\(tries)", "ls.delay": "\(delay.lsSeconds)", "error.type": "\(type(of: error))",
                ])
                try await effects.sleep(delay)
                continue
            }
            if let ticket, let bucket {
                let reported = await bucket.record(ticket, headers: response.headers)
                if let reported, abs(reported - cost) > 0.001 {
                    logger.debug("request cost differs from the estimate", metadata: [
                        "ls.cost.estimated": "\(cost)", "ls.cost.reported": "\(reported)",
                    ])
                }
            }
            logger.debug("response", metadata: ["http.status": "\(response.status)", "ls.try": "\(tries)"])
            if response.status == 401, let auth, !refreshed, let authorization {
                // The token expired early or was revoked: refresh, once.
                refreshed = true
                tries -= 1
                await auth.invalidate(authorization)
                logger.notice("401, refreshing the token once", metadata: ["http.status": "401"])
                continue
            }
            if LSRetryPolicy.retries(response, safety: safety) {
                let limiter = response.headers["X-LS-API-RateLimit-Type"] ?? ""
                let burst = limiter.lowercased().contains("burst")
                    || (response.status == 429 && String(decoding: response.body, as: UTF8.self).lowercased().contains("burst rate limit"))
                guard tries < retry.maxTries else {
                    let fault = LSServiceFault(status: response.status, body: response.body)
                    let kind: LSErrorKind = response.status == 429 ? .throttled : .server
                    throw LSError(kind, "\(operation): HTTP \(response.status) after \(tries) tries\(fault.summarySuffix)", underlying: fault)
                }
                let delay = retry.delay(beforeTry: tries + 1, retryAfter: response.headers["Retry-After"], burst: burst,
                                        random: effects.random)
                if response.status == 429 { await bucket?.throttled(for: delay.lsSeconds) }
                logger.warning(response.status == 429 ? "rate limited, waiting" : "server failure, trying again", metadata: [
                    "http.status": "\(response.status)", "ls.try": "\(tries)", "ls.delay": "\(delay.lsSeconds)",
                    "ls.limiter": "\(limiter.isEmpty ? "unknown" : limiter)",
                ])
                try await effects.sleep(delay)
                continue
            }
            return response
        }
    }
}
