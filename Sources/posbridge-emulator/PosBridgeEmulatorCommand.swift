import ArgumentParser
import EmulatorCore
import Foundation
import Logging
import ServiceLifecycle

/// `posbridge-emulator`: local API servers for tests and the demo.
@main
struct PosBridgeEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posbridge-emulator",
        abstract: "Local emulators of the Business Central and Lightspeed Retail APIs, on loopback.",
        subcommands: [BCCommand.self, LightspeedCommand.self, BothCommand.self])

    /// The emulator `open` makes over its state file; one that cannot be opened (a state or seed that
    /// cannot be used) stops the process with one line on stderr and exit status 1.
    static func opening<Emulator>(_ open: () throws(EmulatorError) -> Emulator) throws -> Emulator {
        do {
            return try open()
        } catch {
            throw exit(error)
        }
    }

    /// Serves `services` (each with the port it listens on) until SIGTERM or SIGINT. A server that
    /// cannot listen (a busy port) stops the process with one line on stderr naming address and
    /// reason, and exit status 1, instead of the socket layer's text and the service group's log.
    static func serve(_ services: [(service: any Service, port: Int)]) async throws {
        var logger = Logger(label: "posbridge-emulator")
        // The group logs a failing service at error level; the failure is reported below instead.
        logger.logLevel = .critical
        // A failing server shuts the others down gracefully: cancelled, a listening Hummingbird
        // server would log a CancellationError beside the one line below.
        let group = ServiceGroup(configuration: .init(
            services: services.map {
                .init(service: PortService(base: $0.service, port: $0.port), failureTerminationBehavior: .gracefullyShutdownGroup)
            },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as EmulatorError {
            throw exit(error)
        }
    }
}

extension PosBridgeEmulatorCommand {
    /// Writes the one line for `error` on stderr; the exit status to stop with.
    fileprivate static func exit(_ error: EmulatorError) -> ExitCode {
        FileHandle.standardError.write(Data("posbridge-emulator: \(error.message) [\(error.code)]\n".utf8))
        return ExitCode.failure
    }
}

/// A server with the port it was asked to listen on, so that a bind failure can name it.
private struct PortService: Service {
    let base: any Service
    let port: Int

    func run() async throws {
        do {
            try await base.run()
        } catch {
            throw EmulatorServer.listenFailure(error, port: port) ?? error
        }
    }
}
