import Foundation
import Hummingbird

/// An emulator served on a free loopback port inside the current process, for tests of clients
/// that need real HTTP. `stop()` cancels the server task and waits for it.
package final class RunningEmulatorServer<Emulator: HTTPEmulator>: Sendable {
    /// `http://127.0.0.1:PORT`.
    package let baseURL: String
    /// The emulator behind the server (for its request log and faults).
    package let emulator: Emulator
    private let task: Task<Void, any Error>

    private init(baseURL: String, emulator: Emulator, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.emulator = emulator
        self.task = task
    }

    /// Starts serving and returns once the port is bound.
    package static func start(_ emulator: Emulator) async throws -> RunningEmulatorServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = EmulatorServer.application(emulator: emulator, port: 0) { port in
            continuation.yield(port)
            continuation.finish()
        }
        // No signal handlers: the test process owns its signals; cancellation stops the service group.
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw EmulatorError(.server, "the \(Emulator.name) emulator stopped before it listened")
        }
        return RunningEmulatorServer(baseURL: "http://\(EmulatorServer.host):\(port)", emulator: emulator, task: task)
    }

    /// Stops the server and waits until it has.
    package func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
