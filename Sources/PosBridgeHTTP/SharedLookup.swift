import Synchronization

/// A value a client looks up from its server once (Business Central's company, Lightspeed's
/// account): concurrent first callers share the one lookup, and a failed lookup is tried afresh
/// by the next caller instead of failing every later call.
package final class SharedLookup<Value: Sendable>: Sendable {
    private let pending = Mutex<Task<Value, any Error>?>(nil)

    package init() {}

    /// The value, looked up with `lookUp` unless a lookup has succeeded or is running.
    package func value(_ lookUp: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = pending.withLock { current -> Task<Value, any Error> in
            if let current { return current }
            let task = Task { try await lookUp() }
            current = task
            return task
        }
        do {
            return try await task.value
        } catch {
            pending.withLock { $0 = nil }
            throw error
        }
    }
}
