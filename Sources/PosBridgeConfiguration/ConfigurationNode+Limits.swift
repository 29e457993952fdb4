import PosBridgeHTTP

extension ConfigurationNode {
    /// The keys of a `retry:` mapping, the same for every connector.
    static let retryKeys: Set<String> = ["maxTries", "baseDelaySeconds", "maxDelaySeconds", "maxRetryAfterSeconds"]

    /// A `retry:` mapping (`docs/configuration.md`); a key left out keeps the connector's default.
    package func retryPolicy(defaults: RetryPolicy) throws -> RetryPolicy {
        let keys = try mapping(allowed: Self.retryKeys)
        func seconds(_ key: String, in range: ClosedRange<Int>, _ fallback: Duration) throws -> Duration {
            try keys[key].map { .seconds(try $0.int(in: range)) } ?? fallback
        }
        return RetryPolicy(
            maxTries: try keys["maxTries"]?.int(in: 1...20) ?? defaults.maxTries,
            baseDelay: try seconds("baseDelaySeconds", in: 0...600, defaults.baseDelay),
            maxDelay: try seconds("maxDelaySeconds", in: 0...3600, defaults.maxDelay),
            maxRetryAfter: try seconds("maxRetryAfterSeconds", in: 0...3600, defaults.maxRetryAfter))
    }

    /// A number (fractions allowed) within `range`, for limits such as a leaky bucket's drip rate.
    package func number(in range: ClosedRange<Double>) throws -> Double {
        guard let value = Double(try string()), value.isFinite else { throw error("expected a number") }
        guard range.contains(value) else { throw error("must be between \(range.lowerBound) and \(range.upperBound)") }
        return value
    }
}
