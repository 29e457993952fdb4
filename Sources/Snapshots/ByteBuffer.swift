import Foundation

/// A growable byte buffer whose storage address stays valid until the next write, for handing out
/// `UnsafeBufferPointer`s without copying. It grows with `realloc`, which for large buffers moves
/// pages instead of copying them, so growing never holds the old and the new storage at once.
package final class ByteBuffer {
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// The bytes held.
    @exclusivity(unchecked) package private(set) var count = 0

    /// Growth never goes past this many bytes unless a single write needs more.
    private let growthLimit: Int

    package init(capacity: Int = 256, growthLimit: Int = .max) {
        self.growthLimit = growthLimit
        self.capacity = max(capacity, 16)
        storage = Self.allocate(self.capacity)
    }

    deinit { free(storage) }

    /// Replaces the content with `bytes`.
    package func set<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        count = 0
        append(bytes)
    }

    /// Appends bytes.
    package func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        reserve(count + bytes.count)
        var index = count
        for byte in bytes { storage[index] = byte; index += 1 }
        count = index
    }

    /// Replaces the content with the bytes of a raw buffer.
    package func set(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = 0
        append(bytes)
    }

    /// Appends the bytes of a raw buffer (one copy, no per-byte loop).
    package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(count + bytes.count)
        if let base = bytes.baseAddress { (storage + count).update(from: base, count: bytes.count) }
        count += bytes.count
    }

    /// Empties the buffer, keeping its storage.
    package func removeAll() { count = 0 }

    /// Gives the storage back to the system.
    package func release() {
        free(storage)
        capacity = 16
        storage = Self.allocate(capacity)
        count = 0
    }

    /// Empties the buffer and gives back storage beyond `limit` bytes (after one large record).
    package func removeAll(keepingAtMost limit: Int) {
        count = 0
        guard capacity > max(limit, 16) else { return }
        free(storage)
        capacity = max(limit, 16)
        storage = Self.allocate(capacity)
    }

    /// The first byte's address, valid until the next write.
    package var baseAddress: UnsafeMutablePointer<UInt8> { storage }

    /// The bytes the storage holds without growing.
    package var reservedCapacity: Int { capacity }

    /// The bytes as a raw buffer, valid until the next write.
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        var grown = capacity
        while grown < needed { grown *= 2 }
        grown = max(min(grown, growthLimit), needed)
        guard let fresh = realloc(storage, grown) else { fatalError("out of memory growing a buffer to \(grown) bytes") }
        storage = fresh.assumingMemoryBound(to: UInt8.self)
        capacity = grown
    }

    private static func allocate(_ bytes: Int) -> UnsafeMutablePointer<UInt8> {
        guard let memory = malloc(bytes) else { fatalError("out of memory allocating \(bytes) bytes") }
        return memory.assumingMemoryBound(to: UInt8.self)
    }
}

/// Compares two byte strings: negative, zero or positive, as memcmp, shorter first on a tie.
@inline(__always)
package func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
        let result = memcmp(a.baseAddress!, b.baseAddress!, common)
        if result != 0 { return Int(result) }
    }
    return a.count - b.count
}

/// Whether two byte strings are equal.
@inline(__always)
package func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}
