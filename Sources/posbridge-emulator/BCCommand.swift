import ArgumentParser
import EmulatorCore
import BCEmulator
import Foundation
import Hummingbird
import Logging

/// `posbridge-emulator bc`: the Business Central emulator. Prints its base URL on one line once it
/// accepts connections; SIGTERM or SIGINT stop it cleanly (exit 0).
struct BCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bc", abstract: "Run the Business Central API emulator (see docs/bc-emulator.md).")

    @Option(help: "TCP port on 127.0.0.1; 0 picks a free one.") var port: Int = 0
    @Option(help: "SQLite state file; created (and seeded) when new, reused otherwise.") var state: String
    @Option(help: "Seed folder (fixtures/bc layout), loaded into a new state file.") var seed: String?
    @Option(help: "Access-token lifetime in seconds.") var tokenLifetime: Double = 3600
    @Option(help: "Rate limit N/S[:T]: 429 with Retry-After T (default 1) past N requests per S seconds.") var rateLimit: String?
    @Option(help: "Fail the next requests: STATUS:COUNT (e.g. 503:2).") var failNext: String?
    @Option(help: "Delay every API response by this many milliseconds.") var delayMs: Int = 0
    @Option(help: "Drop the connection of the next N API requests.") var dropNext: Int = 0
    @Option(help: "HTTP status of Internal_EntityWithSameKeyExists (409 or 400).") var duplicateKeyStatus: Int = 409
    @Option(help: "OAuth client id accepted by the token endpoint.") var clientId = "posbridge-emulator-client"
    @Option(help: "OAuth client secret accepted by the token endpoint.") var clientSecret = "posbridge-emulator-secret"
    @Option(help: "On-premises Basic user name.") var basicUser = "ADMIN"
    @Option(help: "On-premises web-service access key.") var basicKey = "emulator-web-service-key"
    @Flag(help: "Serve API calls without credentials.") var noAuth = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        _ = try parsedFaults()
    }

    func run() async throws {
        var options = BCEmulatorOptions()
        options.tokenLifetime = tokenLifetime
        options.seedFolder = seed.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.faults = try parsedFaults()
        options.duplicateKeyStatus = duplicateKeyStatus
        options.clientId = clientId
        options.clientSecret = clientSecret
        options.basicUser = basicUser
        options.basicKey = basicKey
        options.requireAuth = !noAuth
        let emulator: BCEmulator
        do {
            emulator = try BCEmulator(statePath: state, options: options)
        } catch {
            FileHandle.standardError.write(Data("posbridge-emulator: \(error.message) [\(error.code)]\n".utf8))
            throw ExitCode.failure
        }
        let app = EmulatorServer.application(emulator: emulator, port: port) { bound in
            // Unbuffered write: a parent reading our stdout through a pipe must see the line at once.
            FileHandle.standardOutput.write(Data("http://\(EmulatorServer.host):\(bound)\n".utf8))
        }
        try await PosBridgeEmulatorCommand.serve([(app, port)])
    }

    private func parsedFaults() throws -> FaultSettings {
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
}
