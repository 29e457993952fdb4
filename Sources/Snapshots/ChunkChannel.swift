import Foundation

/// Hands record chunks from a producer thread to a consumer and back for reuse, with a fixed
/// number of chunks in all, so memory stays bounded whatever the file size.
final class ChunkChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var filled: [RecordChunk] = []
    private var free: [RecordChunk]
    private var cancelled = false

    init(chunks: Int, chunkBytes: Int) {
        free = (0..<chunks).map { _ in RecordChunk(capacity: chunkBytes) }
    }

    /// A chunk to fill, or nil once the consumer has gone away.
    func takeFree() -> RecordChunk? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty, !cancelled { condition.wait() }
        if cancelled { return nil }
        return free.removeLast()
    }

    func send(_ chunk: RecordChunk) {
        condition.lock()
        filled.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// The next filled chunk, in order; waits for the producer.
    func receive() -> RecordChunk {
        condition.lock()
        defer { condition.unlock() }
        while filled.isEmpty { condition.wait() }
        return filled.removeFirst()
    }

    func recycle(_ chunk: RecordChunk) {
        chunk.reset()
        condition.lock()
        free.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// Tells the producer to stop.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
