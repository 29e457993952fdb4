import ArgumentParser
import EmulatorCore
import BCEmulator
import LightspeedEmulator
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `posbridge-emulator both`: the BC and Lightspeed emulators in one process for the demo. Prints two lines once
/// both listen: `bc http://127.0.0.1:A` then `lightspeed http://127.0.0.1:B`; SIGTERM stops both (exit 0).
struct BothCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "both", abstract: "Run the BC and Lightspeed emulators together (BC with its default options).")

    @Option(help: "BC port; 0 picks a free one.") var portBc: Int = 0
    @Option(help: "Lightspeed port; 0 picks a free one.") var portLightspeed: Int = 0
    @Option(help: "BC SQLite state file.") var stateBc: String
    @Option(help: "BC seed folder (fixtures/bc).") var seedBc: String?
    @OptionGroup var lightspeed: LightspeedSettings

    func validate() throws {
        guard (0...65535).contains(portBc), (0...65535).contains(portLightspeed) else { throw ValidationError("ports must be 0…65535") }
        try lightspeed.check()
    }

    func run() async throws {
        var bcOptions = BCEmulatorOptions()
        bcOptions.seedFolder = seedBc.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let bc: BCEmulator
        do {
            bc = try BCEmulator(statePath: stateBc, options: bcOptions)
        } catch {
            FileHandle.standardError.write(Data("posbridge-emulator: \(error.message) [\(error.code)]\n".utf8))
            throw ExitCode.failure
        }
        let ls = try lightspeed.emulator()
        let (bcPorts, bcDone) = AsyncStream<Int>.makeStream()
        let bcApp = EmulatorServer.application(emulator: bc, port: portBc) { port in
            bcDone.yield(port)
            bcDone.finish()
        }
        let printer = LinePrinter()
        let lsApp = EmulatorServer.application(emulator: ls, port: portLightspeed) { port in
            printer.write("lightspeed http://\(EmulatorServer.host):\(port)")
        }
        // Lightspeed starts once BC listens: BC's line comes first, so readers can rely on the order,
        // and when BC cannot listen, Lightspeed never starts (nothing half-started to report).
        let lsAfterBC = AfterBC(app: lsApp, bcPorts: bcPorts, printer: printer)
        try await PosBridgeEmulatorCommand.serve([(bcApp, portBc), (lsAfterBC, portLightspeed)])
    }
}

/// Runs the Lightspeed server once the BC server listens, after printing BC's line; returns
/// without starting it when BC never listens (the group is stopping).
private struct AfterBC: Service {
    let app: any Service
    let bcPorts: AsyncStream<Int>
    let printer: LinePrinter

    func run() async throws {
        // The wait ends when BC listens, or when the group shuts down (BC could not listen).
        let bcPorts = bcPorts
        let bcPort = try? await cancelWhenGracefulShutdown { () async throws -> Int? in
            var ports = bcPorts.makeAsyncIterator()
            return await ports.next()
        }
        guard let bcPort = bcPort ?? nil else { return }
        printer.write("bc http://\(EmulatorServer.host):\(bcPort)")
        try await app.run()
    }
}

/// Writes whole lines to stdout unbuffered.
private struct LinePrinter: Sendable {
    func write(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}
