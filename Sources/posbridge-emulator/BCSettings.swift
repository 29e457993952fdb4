import ArgumentParser
import BCEmulator
import EmulatorCore
import Foundation

/// The Business Central emulator's options, shared by `bc` (as they are) and `both` (with `-bc`).
struct BCSettings<Spelling: OptionSpelling>: ParsableArguments {
    @Option(name: Spelling.long("state"), help: "SQLite state file; created (and seeded) when new, reused otherwise.")
    var state: String
    @Option(name: Spelling.long("seed"), help: "Seed folder (fixtures/bc layout), loaded into a new state file.")
    var seed: String?
    @Option(name: Spelling.long("token-lifetime"), help: "Access-token lifetime in seconds.")
    var tokenLifetime: Double = 3600
    @OptionGroup var faults: FaultOptions<Spelling>
    @Option(name: Spelling.long("duplicate-key-status"), help: "HTTP status of Internal_EntityWithSameKeyExists (409 or 400).")
    var duplicateKeyStatus: Int = 409
    @Option(name: Spelling.long("client-id"), help: "OAuth client id accepted by the token endpoint.")
    var clientId = "posbridge-emulator-client"
    @Option(name: Spelling.long("client-secret"), help: "OAuth client secret accepted by the token endpoint.")
    var clientSecret = "posbridge-emulator-secret"
    @Option(name: Spelling.long("basic-user"), help: "On-premises Basic user name.")
    var basicUser = "ADMIN"
    @Option(name: Spelling.long("basic-key"), help: "On-premises web-service access key.")
    var basicKey = "emulator-web-service-key"
    @Flag(name: Spelling.long("no-auth"), help: "Serve API calls without credentials.")
    var noAuth = false

    /// Refuses values the emulator cannot start with, naming the option.
    func check() throws {
        guard tokenLifetime > 0 else { throw ValidationError("\(Spelling.flag("token-lifetime")) must be positive") }
        _ = try faults.settings()
    }

    /// The emulator over its state file; a state or seed that cannot be used stops the process with one line.
    func emulator() throws -> BCEmulator {
        var options = BCEmulatorOptions()
        options.tokenLifetime = tokenLifetime
        options.seedFolder = seed.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.faults = try faults.settings()
        options.duplicateKeyStatus = duplicateKeyStatus
        options.clientId = clientId
        options.clientSecret = clientSecret
        options.basicUser = basicUser
        options.basicKey = basicKey
        options.requireAuth = !noAuth
        return try PosBridgeEmulatorCommand.opening { () throws(EmulatorError) in try BCEmulator(statePath: state, options: options) }
    }
}
