import ArgumentParser
import EmulatorCore
import ServiceLifecycle

/// `posbridge-emulator both`: the BC and Lightspeed emulators in one process for the demo. Prints two lines once
/// both listen: `bc http://127.0.0.1:A` then `lightspeed http://127.0.0.1:B`; SIGTERM stops both (exit 0).
struct BothCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "both",
        abstract: "Run the BC and Lightspeed emulators together (BC's options as for bc, with -bc: --state-bc, --rate-limit-bc, …).")

    @Option(help: "BC port; 0 picks a free one.") var portBc: Int = 0
    @Option(help: "Lightspeed port; 0 picks a free one.") var portLightspeed: Int = 0
    @OptionGroup(title: "Business Central") var bc: BCSettings<BCSpelling>
    @OptionGroup(title: "Lightspeed") var lightspeed: LightspeedSettings

    func validate() throws {
        guard (0...65535).contains(portBc), (0...65535).contains(portLightspeed) else { throw ValidationError("ports must be 0…65535") }
        try bc.check()
        try lightspeed.check()
    }

    func run() async throws {
        let (bcPorts, bcDone) = AsyncStream<Int>.makeStream()
        let bcApp = EmulatorServer.application(emulator: try bc.emulator(), port: portBc) { port in
            bcDone.yield(port)
            bcDone.finish()
        }
        let lsApp = EmulatorServer.application(emulator: try lightspeed.emulator(), port: portLightspeed) { port in
            LinePrinter.write("lightspeed http://\(EmulatorServer.host):\(port)")
        }
        // Lightspeed starts once BC listens: BC's line comes first, so readers can rely on the order,
        // and when BC cannot listen, Lightspeed never starts (nothing half-started to report).
        let lsAfterBC = AfterBC(app: lsApp, bcPorts: bcPorts)
        try await PosBridgeEmulatorCommand.serve([(bcApp, portBc), (lsAfterBC, portLightspeed)])
    }
}

/// Runs the Lightspeed server once the BC server listens, after printing BC's line; returns
/// without starting it when BC never listens (the group is stopping).
private struct AfterBC: Service {
    let app: any Service
    let bcPorts: AsyncStream<Int>

    func run() async throws {
        // The wait ends when BC listens, or when the group shuts down (BC could not listen).
        let bcPorts = bcPorts
        let bcPort = try? await cancelWhenGracefulShutdown { () async throws -> Int? in
            var ports = bcPorts.makeAsyncIterator()
            return await ports.next()
        }
        guard let bcPort = bcPort ?? nil else { return }
        LinePrinter.write("bc http://\(EmulatorServer.host):\(bcPort)")
        try await app.run()
    }
}
