import Foundation
import Hummingbird
import Logging

/// An emulator served on a free loopback port inside the current process, for tests of clients
/// (`Lightspeed`) that need real HTTP. `stop()` cancels the server task and waits for it.
package final class LSRunningServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    package let baseURL: String
    /// The emulator behind the server (for its request log and faults).
    package let emulator: LSEmulator
    private let task: Task<Void, any Error>

    private init(baseURL: String, emulator: LSEmulator, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.emulator = emulator
        self.task = task
    }

    /// Starts serving and returns once the port is bound.
    package static func start(_ emulator: LSEmulator) async throws -> LSRunningServer {
        var logger = Logger(label: "posbridge-emulator.lightspeed")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = LSServer.application(emulator: emulator, port: 0, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        // No signal handlers: the test process owns its signals; cancellation stops the service group.
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw EmulatorError(.server, "the Lightspeed emulator stopped before it listened")
        }
        return LSRunningServer(baseURL: "http://\(Emulators.host):\(port)", emulator: emulator, task: task)
    }

    /// Stops the server and waits until it has.
    package func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
