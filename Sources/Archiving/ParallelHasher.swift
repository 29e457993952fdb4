import Crypto
import Dispatch

/// Hashes a stream of chunks with SHA-256 on the calling thread and SHA-512 on a helper queue, so
/// that on two cores the slower SHA-512 no longer adds to the reading (or decompressing) and the
/// SHA-256 time. Chunks rotate through three 1 MiB buffers; the caller fills one while the helper
/// still hashes the previous ones. One instance hashes many files in turn (`finalize` between them).
final class ParallelHasher {
    private static let slotCount = 3
    private let slots = (0..<ParallelHasher.slotCount).map { _ in ChunkBuffer() }
    private var slot = 0
    private let available = DispatchSemaphore(value: ParallelHasher.slotCount)
    private let queue = DispatchQueue(label: "posbridge.archiving.sha512")
    private let helper = HelperState()
    private var sha256 = SHA256()

    init() {}

    /// Waits for the helper to finish with everything handed over, so the buffers outlive its use.
    deinit { queue.sync {} }

    /// Lets `fill` write into the next free buffer, hashes what it wrote, and returns how many bytes
    /// that was (0 at the end of the stream, in which case nothing is hashed).
    func consume(_ fill: (UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int) throws(ArchiveError) -> Int {
        available.wait()
        let buffer = slots[slot]
        let count: Int
        do {
            count = try fill(buffer.bytes)
        } catch {
            available.signal()
            throw error
        }
        guard count > 0 else {
            available.signal()
            return 0
        }
        let chunk = SharedChunk(bytes: buffer.prefix(count))
        let helper = self.helper, available = self.available
        queue.async {
            helper.sha512.update(bufferPointer: chunk.bytes)
            available.signal()
        }
        sha256.update(bufferPointer: chunk.bytes)
        slot = (slot + 1) % slots.count
        return count
    }

    /// The digests of everything consumed since the last call; starts over for the next file.
    func finalize() -> BagDigests {
        let helper = self.helper
        let sha512 = queue.sync { () -> String in
            defer { helper.sha512 = SHA512() }
            return BagHasher.hex(helper.sha512.finalize())
        }
        defer { sha256 = SHA256() }
        return BagDigests(sha256: BagHasher.hex(sha256.finalize()), sha512: sha512)
    }
}

/// The helper queue's SHA-512 state. Only ever touched on that serial queue.
private final class HelperState: @unchecked Sendable {
    var sha512 = SHA512()
}

/// A read-only view of a buffer slot handed to the helper queue. The slot is not refilled until the
/// helper signals `available`, so the bytes stay valid and unchanged while it reads them.
private struct SharedChunk: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}
