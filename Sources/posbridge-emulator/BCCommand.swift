import ArgumentParser
import EmulatorCore

/// `posbridge-emulator bc`: the Business Central emulator. Prints its base URL on one line once it
/// accepts connections; SIGTERM or SIGINT stop it cleanly (exit 0).
struct BCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bc", abstract: "Run the Business Central API emulator (see docs/bc-emulator.md).")

    @Option(help: "TCP port on 127.0.0.1; 0 picks a free one.") var port: Int = 0
    @OptionGroup var settings: BCSettings<PlainSpelling>

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        try settings.check()
    }

    func run() async throws {
        let app = EmulatorServer.application(emulator: try settings.emulator(), port: port) { bound in
            LinePrinter.write("http://\(EmulatorServer.host):\(bound)")
        }
        try await PosBridgeEmulatorCommand.serve([(app, port)])
    }
}
