import Logging

/// Keeps a connection's requests inside its server's limits so that normal operation never meets a
/// 429: `HTTPSender` waits on it before every try, and tells it how each try ended. Business
/// Central's sliding-window pacer and Lightspeed's leaky bucket conform.
package protocol Limiter: Sendable {
    /// What an admitted request holds until it is settled.
    associatedtype Ticket: Sendable

    /// Waits until `request` may leave, and counts it in.
    func admit(_ request: APIRequest) async throws -> Ticket
    /// The request got `response`, whose headers may correct the limiter's estimate.
    func settle(_ ticket: Ticket, with response: APIResponse, logger: Logger) async
    /// The request got no response (or was never sent).
    func cancel(_ ticket: Ticket) async
    /// The server refused a request as throttled and asked for `duration`.
    func pause(for duration: Duration) async
}
