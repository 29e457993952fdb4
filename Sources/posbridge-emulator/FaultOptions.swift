import ArgumentParser
import EmulatorCore

/// The switchable faults every emulator takes from the command line (the admin endpoint changes them later).
struct FaultOptions<Spelling: OptionSpelling>: ParsableArguments {
    @Option(name: Spelling.long("rate-limit"), help: "Rate limit N/S[:T]: 429 with Retry-After T (default 1) past N requests per S seconds.")
    var rateLimit: String?
    @Option(name: Spelling.long("fail-next"), help: "Fail the next requests: STATUS:COUNT (e.g. 503:2).")
    var failNext: String?
    @Option(name: Spelling.long("delay-ms"), help: "Delay every API response by this many milliseconds.")
    var delayMs: Int = 0
    @Option(name: Spelling.long("drop-next"), help: "Drop the connection of the next N API requests.")
    var dropNext: Int = 0

    /// The settings, or a validation error naming the malformed option.
    func settings() throws -> FaultSettings {
        var faults = FaultSettings()
        faults.delayMs = delayMs
        faults.dropNext = dropNext
        if let rateLimit {
            let parts = rateLimit.split(whereSeparator: { $0 == "/" || $0 == ":" }).map { Int($0) }
            guard parts.count == 2 || parts.count == 3, let n = parts[0], let s = parts[1], n > 0, s > 0 else {
                throw ValidationError("\(Spelling.flag("rate-limit")) must look like 100/60 or 100/60:5")
            }
            faults.rateLimit = .init(requests: n, windowSeconds: s, retryAfter: parts.count == 3 ? (parts[2] ?? 1) : 1)
        }
        if let failNext {
            let parts = failNext.split(separator: ":").map { Int($0) }
            guard parts.count == 2, let status = parts[0], let count = parts[1], (400...599).contains(status) else {
                throw ValidationError("\(Spelling.flag("fail-next")) must look like 503:2")
            }
            faults.failNext = .init(status: status, count: count)
        }
        return faults
    }
}
