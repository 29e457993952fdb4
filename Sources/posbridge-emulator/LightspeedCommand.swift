import ArgumentParser
import EmulatorCore

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
        let app = EmulatorServer.application(emulator: try settings.emulator(), port: port) { bound in
            LinePrinter.write("http://\(EmulatorServer.host):\(bound)")
        }
        try await PosBridgeEmulatorCommand.serve([(app, port)])
    }
}
