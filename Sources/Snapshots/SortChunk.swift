import Foundation

/// The in-memory part of an external sort: lines packed into one arena with an index of where
/// each line and its key are, sorted by key bytes (then by input line, so the first of two equal
/// keys comes first).
final class SortChunk {
    struct Entry {
        var lineOffset: Int
        var keyOffset: Int
        var lineNumber: Int
        var lineLength: Int32
        var keyLength: Int32
    }

    static let entryCost = MemoryLayout<Entry>.stride

    private let arena: ByteBuffer
    private let arenaCapacity: Int
    private(set) var entries: [Entry] = []

    /// The longest line added since the last reset.
    private(set) var longestLine = 0

    /// A chunk that may hold up to `capacity` bytes of lines; its storage grows as lines arrive.
    init(capacity: Int) {
        arenaCapacity = capacity
        arena = ByteBuffer(capacity: min(capacity, 1 << 20), growthLimit: capacity)
    }

    /// Bytes held: arena content plus the index's storage.
    var footprint: Int { arena.count + entries.capacity * Self.entryCost }

    /// What the chunk would hold after adding `bytes` of line: while the index grows, its old and
    /// new storage exist at once.
    func footprint(adding bytes: Int) -> Int {
        let index = entries.count < entries.capacity ? entries.capacity : max(entries.capacity, 16) * 3
        return arena.count + bytes + index * Self.entryCost
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Whether a line (and maybe a separate key copy) of this size still fits.
    func fits(_ bytes: Int) -> Bool { arena.count + bytes <= arenaCapacity }

    /// Copies a line in; `key` is copied too unless it lies inside `line`.
    func add(line: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, lineNumber: Int) {
        let lineOffset = arena.count
        arena.append(line)
        let keyOffset: Int
        if let keyBase = key.baseAddress, let lineBase = line.baseAddress,
           keyBase >= lineBase, keyBase + key.count <= lineBase + line.count {
            keyOffset = lineOffset + (keyBase - lineBase)
        } else {
            keyOffset = arena.count
            arena.append(key)
        }
        longestLine = max(longestLine, line.count)
        entries.append(Entry(lineOffset: lineOffset, keyOffset: keyOffset, lineNumber: lineNumber,
                             lineLength: Int32(line.count), keyLength: Int32(key.count)))
    }

    func line(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena.baseAddress + entry.lineOffset, count: Int(entry.lineLength))
    }

    func key(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena.baseAddress + entry.keyOffset, count: Int(entry.keyLength))
    }

    /// Sorts the index by key bytes, then input line.
    func sort() {
        let base = arena.baseAddress
        entries.sort { a, b in
            let order = compareBytes(UnsafeBufferPointer(start: base + a.keyOffset, count: Int(a.keyLength)),
                                     UnsafeBufferPointer(start: base + b.keyOffset, count: Int(b.keyLength)))
            return order != 0 ? order < 0 : a.lineNumber < b.lineNumber
        }
    }

    /// Gives the arena and index back to the system (before merging, so the merge has the budget).
    func releaseStorage() {
        arena.release()
        entries = []
    }

    /// Empties the chunk, keeping its arena.
    func reset() {
        arena.removeAll()
        entries.removeAll(keepingCapacity: true)
        longestLine = 0
    }
}
