import ArgumentParser
import Emulators

/// `posbridge-emulator`: local API servers for tests and the demo.
@main
struct PosBridgeEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posbridge-emulator",
        abstract: "Local emulators of the Business Central and Lightspeed Retail APIs, on loopback.",
        subcommands: [BCCommand.self, LightspeedCommand.self, BothCommand.self])
}
