import ArgumentParser
import EmulatorCore
import Foundation
import LightspeedEmulator

/// The Lightspeed emulator's options, shared by `lightspeed` and `both` (spelled as they are in both).
struct LightspeedSettings: ParsableArguments {
    @Option(name: .customLong("state"), help: "SQLite state file; created (and seeded) when new, reused otherwise.") var state: String
    @Option(name: .customLong("seed"), help: "Seed folder (fixtures/lightspeed layout), loaded into a new state file.") var seed: String?
    @Option(help: "Access-token lifetime in seconds (expires_in).") var tokenLifetime: Double = 3600
    @Option(help: "Leaky bucket size in drips.") var bucketSize: Double = 90
    @Option(help: "Leaky bucket drip rate in drips per second.") var dripRate: Double = 1
    @Option(help: "Burst limiter: requests per one-second window; 0 is off.") var burstLimit: Int = 0
    @OptionGroup var faults: FaultOptions<PlainSpelling>
    @Option(help: "OAuth client id accepted by the token endpoint.") var clientId = "posbridge-emulator-client"
    @Option(help: "OAuth client secret accepted by the token endpoint.") var clientSecret = "posbridge-emulator-secret"
    @Option(help: "Refresh token valid from the start.") var refreshToken = "posbridge-emulator-refresh"
    @Flag(help: "Serve API calls without a bearer token.") var noAuth = false

    /// Refuses values the emulator cannot start with, naming the option.
    func check() throws {
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        guard burstLimit >= 0 else { throw ValidationError("--burst-limit must be 0 or more") }
        guard bucketSize > 0, dripRate > 0 else { throw ValidationError("--bucket-size and --drip-rate must be positive") }
        _ = try faults.settings()
    }

    /// The emulator over its state file; a state or seed that cannot be used stops the process with one line.
    func emulator() throws -> LSEmulator {
        var options = LSEmulatorOptions()
        options.tokenLifetime = tokenLifetime
        options.seedFolder = seed.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.faults = try faults.settings()
        options.bucketSize = bucketSize
        options.dripRate = dripRate
        options.burstLimit = burstLimit
        options.clientId = clientId
        options.clientSecret = clientSecret
        options.initialRefreshToken = refreshToken
        options.requireAuth = !noAuth
        return try PosBridgeEmulatorCommand.opening { () throws(EmulatorError) in try LSEmulator(statePath: state, options: options) }
    }
}
