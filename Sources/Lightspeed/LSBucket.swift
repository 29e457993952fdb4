import Foundation
import Logging
import PosBridgeHTTP

/// A client-side copy of Lightspeed's leaky bucket (Lightspeed Retail API documentation, "Rate
/// limits"), so that normal operation never
/// meets a 429. Every response's `X-LS-API-Bucket-Level` (`level/size`, level fractional) and
/// `X-LS-API-Drip-Rate` correct the estimate; before a request the bucket waits until
/// `level + cost ≤ size − reserve`, i.e. `(level + cost − size + reserve) / drip` seconds. Requests in
/// flight count with their estimated cost until their response reports the server's level. A
/// `X-LS-API-Burst-Level` (`used/limit`) limit is kept as a sliding one-second window. A 429 pauses
/// every request of the connection for `Retry-After`.
package actor LSBucket {
    /// What to assume before the first response, and the headroom to keep.
    package struct Limits: Sendable, Hashable {
        /// Bucket size in drips (documented: 90 + 10 per extra register).
        package var size: Double
        /// Drips leaked per second (documented: 1 + 0.5 per extra register).
        package var dripRate: Double
        /// Drips kept free below the size (room for other tools or estimation error).
        package var reserve: Double
        /// The cost table for estimates.
        var costModel: LSBucketCost.Model

        package init(size: Double = 90, dripRate: Double = 1, reserve: Double = 2,
                     costModel: LSBucketCost.Model = .current) {
            self.size = max(1, size)
            self.dripRate = max(0.01, dripRate)
            self.reserve = max(0, reserve)
            self.costModel = costModel
        }
    }

    /// A request admitted into the bucket, to be settled with `record` or `release`.
    package struct Ticket: Sendable, Hashable {
        let id: Int
        /// The estimated cost it was admitted with.
        package let cost: Double
    }

    /// The bucket as the client currently believes it to be.
    package struct State: Sendable, Hashable {
        package var level: Double
        package var size: Double
        package var dripRate: Double
        package var burstLimit: Int?
    }

    private let limits: Limits
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void
    private var level = 0.0
    private var size: Double
    private var drip: Double
    private var updated: Date?
    private var inFlight: [Int: Double] = [:]
    private var nextID = 0
    private var burstLimit: Int?
    private var recentStarts: [Date] = []
    private var pausedUntil: Date?
    /// Every wait `acquire` made, for logs and tests.
    package private(set) var waits: [Duration] = []

    package init(limits: Limits, now: @escaping @Sendable () -> Date,
                 sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.limits = limits
        self.now = now
        self.sleep = sleep
        self.size = limits.size
        self.drip = limits.dripRate
    }

    /// The estimated cost of a request under the configured model.
    package nonisolated func estimate(_ request: APIRequest) -> Double {
        LSBucketCost.estimate(request, model: limits.costModel)
    }

    /// The current belief (level leaked to now).
    package var state: State {
        State(level: currentLevel(at: now()), size: size, dripRate: drip, burstLimit: burstLimit)
    }

    private func currentLevel(at time: Date) -> Double {
        guard let updated else { return level }
        return max(0, level - drip * max(0, time.timeIntervalSince(updated)))
    }

    /// Waits until a request of `cost` fits, then counts it in. A request costing more than the whole
    /// bucket is let through once the bucket is empty (the server serves the overflowing request).
    package func acquire(cost: Double) async throws -> Ticket {
        while true {
            let time = now()
            if let pausedUntil, time < pausedUntil {
                try await wait(pausedUntil.timeIntervalSince(time))
                continue
            }
            let current = currentLevel(at: time)
            let room = size - limits.reserve
            if current + cost > room, current > 0 {
                try await wait((current + cost - room) / drip)
                continue
            }
            if let burstLimit {
                recentStarts.removeAll { time.timeIntervalSince($0) >= 1 }
                if recentStarts.count >= max(1, burstLimit - 1) {
                    try await wait(1 - time.timeIntervalSince(recentStarts[0]))
                    continue
                }
                recentStarts.append(time)
            }
            level = current + cost
            updated = time
            nextID += 1
            inFlight[nextID] = cost
            return Ticket(id: nextID, cost: cost)
        }
    }

    private func wait(_ seconds: Double) async throws {
        let duration = Duration.milliseconds(roundingUp: seconds)
        waits.append(duration)
        try await sleep(duration)
    }

    /// Settles a ticket with the response's headers: the server's level (which includes this
    /// request) plus what is still in flight becomes the new level; size, drip rate and burst limit
    /// are taken as sent. Returns the server's reported cost of the request, if it sent one.
    @discardableResult
    package func record(_ ticket: Ticket, headers: APIHeaders) -> Double? {
        inFlight[ticket.id] = nil
        let time = now()
        if let (reported, reportedSize) = Self.fraction(headers[Self.levelHeader]) {
            level = reported + inFlight.values.reduce(0, +)
            if reportedSize > 0 { size = reportedSize }
            updated = time
        }
        if let rate = headers[Self.dripRateHeader].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), rate > 0 {
            drip = rate
        }
        if let (_, limit) = Self.fraction(headers[Self.burstHeader]), limit >= 1 {
            burstLimit = Int(limit)
        }
        return headers[Self.costHeader].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Settles a ticket whose request got no response: its estimated cost stays in the level.
    package func release(_ ticket: Ticket) {
        inFlight[ticket.id] = nil
    }

    /// After a 429: nothing of this connection is sent for `seconds` (the 429's own bucket headers
    /// have already been recorded).
    package func throttled(for seconds: Double) {
        let time = now()
        let until = time.addingTimeInterval(max(0, seconds))
        pausedUntil = max(pausedUntil ?? until, until)
    }

    /// The headers every response carries (their casing varies, `APIHeaders` ignores it).
    static let levelHeader = "X-LS-API-Bucket-Level"
    static let dripRateHeader = "X-LS-API-Drip-Rate"
    static let burstHeader = "X-LS-API-Burst-Level"
    static let costHeader = "X-LS-API-Request-Cost"

    /// `"9.2179536819447/90"` → (9.2179536819447, 90).
    static func fraction(_ text: String?) -> (Double, Double)? {
        guard let text else { return nil }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let a = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let b = Double(parts[1].trimmingCharacters(in: .whitespaces)), a.isFinite, b.isFinite else { return nil }
        return (a, b)
    }
}

extension LSBucket: Limiter {
    package func admit(_ request: APIRequest) async throws -> Ticket { try await acquire(cost: estimate(request)) }

    package func settle(_ ticket: Ticket, with response: APIResponse, logger: Logger) {
        if let reported = record(ticket, headers: response.headers), abs(reported - ticket.cost) > 0.001 {
            logger.debug("request cost differs from the estimate", metadata: [
                "ls.cost.estimated": "\(ticket.cost)", "ls.cost.reported": "\(reported)",
            ])
        }
    }

    package func cancel(_ ticket: Ticket) { release(ticket) }

    package func pause(for duration: Duration) { throttled(for: duration.seconds) }
}
