import Synchronization

/// How far a long piece of work has come, counted in bytes of input read, shared between the thread
/// doing the work and whoever displays it. Updating it costs one relaxed atomic add.
package final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let expected = Atomic<Int>(0)

    package init() {}

    /// Adds to the bytes done.
    package func advance(by bytes: Int) { done.add(bytes, ordering: .relaxed) }

    /// Adds to the bytes expected in all (a command that reads several files adds each size).
    package func expect(_ bytes: Int) { expected.add(bytes, ordering: .relaxed) }

    /// Bytes done so far.
    package var completed: Int { done.load(ordering: .relaxed) }

    /// Bytes expected in all (0 when unknown).
    package var total: Int { expected.load(ordering: .relaxed) }
}
