import ArgumentParser
import EmulatorCore
import LightspeedEmulator
import Foundation
import Hummingbird
import Logging

/// `posbridge-emulator lightspeed`: the Lightspeed Retail (R-Series) emulator. Prints its base URL on one line
/// once it accepts connections; SIGTERM or SIGINT stop it cleanly (exit 0).
struct LightspeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightspeed", abstract: "Run the Lightspeed Retail API emulator (see docs/lightspeed-emulator.md).")

    @Option(help: "TCP port on 127.0.0.1; 0 picks a free one.") var port: Int = 0
    @OptionGroup var settings: LightspeedSettings

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        try settings.check()
    }

    func run() async throws {
        let emulator = try settings.emulator()
        let app = EmulatorServer.application(emulator: emulator, port: port) { bound in
            // Unbuffered write: a parent reading our stdout through a pipe must see the line at once.
            FileHandle.standardOutput.write(Data("http://\(EmulatorServer.host):\(bound)\n".utf8))
        }
        try await PosBridgeEmulatorCommand.serve([(app, port)])
    }
}

/// The Lightspeed emulator's options, shared by `lightspeed` and `both`.
struct LightspeedSettings: ParsableArguments {
    @Option(name: .customLong("state"), help: "SQLite state file; created (and seeded) when new, reused otherwise.") var state: String
    @Option(name: .customLong("seed"), help: "Seed folder (fixtures/lightspeed layout), loaded into a new state file.") var seed: String?
    @Option(help: "Access-token lifetime in seconds (expires_in).") var tokenLifetime: Double = 3600
    @Option(help: "Leaky bucket size in drips.") var bucketSize: Double = 90
    @Option(help: "Leaky bucket drip rate in drips per second.") var dripRate: Double = 1
    @Option(help: "Burst limiter: requests per one-second window; 0 is off.") var burstLimit: Int = 0
    @Option(help: "Rate limit N/S[:T]: 429 with Retry-After T (default 1) past N requests per S seconds.") var rateLimit: String?
    @Option(help: "Fail the next requests: STATUS:COUNT (e.g. 503:2).") var failNext: String?
    @Option(help: "Delay every API response by this many milliseconds.") var delayMs: Int = 0
    @Option(help: "Drop the connection of the next N API requests.") var dropNext: Int = 0
    @Option(help: "OAuth client id accepted by the token endpoint.") var clientId = "posbridge-emulator-client"
    @Option(help: "OAuth client secret accepted by the token endpoint.") var clientSecret = "posbridge-emulator-secret"
    @Option(help: "Refresh token valid from the start.") var refreshToken = "posbridge-emulator-refresh"
    @Flag(help: "Serve API calls without a bearer token.") var noAuth = false

    static var logger: Logger {
        var logger = Logger(label: "posbridge-emulator.lightspeed")
        logger.logLevel = .warning
        return logger
    }

    func check() throws {
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        guard burstLimit >= 0 else { throw ValidationError("--burst-limit must be 0 or more") }
        guard bucketSize > 0, dripRate > 0 else { throw ValidationError("--bucket-size and --drip-rate must be positive") }
        _ = try faults()
    }

    func faults() throws -> FaultSettings {
        var faults = FaultSettings()
        faults.delayMs = delayMs
        faults.dropNext = dropNext
        if let rateLimit {
            let parts = rateLimit.split(whereSeparator: { $0 == "/" || $0 == ":" }).map { Int($0) }
            guard parts.count == 2 || parts.count == 3, let n = parts[0], let s = parts[1], n > 0, s > 0 else {
                throw ValidationError("--rate-limit must look like 100/60 or 100/60:5")
            }
            faults.rateLimit = .init(requests: n, windowSeconds: s, retryAfter: parts.count == 3 ? (parts[2] ?? 1) : 1)
        }
        if let failNext {
            let parts = failNext.split(separator: ":").map { Int($0) }
            guard parts.count == 2, let status = parts[0], let count = parts[1], (400...599).contains(status) else {
                throw ValidationError("--fail-next must look like 503:2")
            }
            faults.failNext = .init(status: status, count: count)
        }
        return faults
    }

    func emulator() throws -> LSEmulator {
        var options = LSEmulatorOptions()
        options.tokenLifetime = tokenLifetime
        options.seedFolder = seed.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.faults = try faults()
        options.bucketSize = bucketSize
        options.dripRate = dripRate
        options.burstLimit = burstLimit
        options.clientId = clientId
        options.clientSecret = clientSecret
        options.initialRefreshToken = refreshToken
        options.requireAuth = !noAuth
        do {
            return try LSEmulator(statePath: state, options: options)
        } catch {
            FileHandle.standardError.write(Data("posbridge-emulator: \(error.message) [\(error.code)]\n".utf8))
            throw ExitCode.failure
        }
    }
}
