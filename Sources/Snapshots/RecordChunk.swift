import Foundation

/// A batch of records copied out of a reader's buffer so another thread can use them: the line
/// bytes (and any decoded key) in one arena, and where each part of each record is.
final class RecordChunk: @unchecked Sendable {
    struct Entry {
        var line: Int
        var lineLength: Int32
        var key: Int
        var keyLength: Int32
        var keyLiteral: Int32  // offset from `line`
        var keyLiteralLength: Int32
        var ref: Int32  // offset from `line`
        var refLength: Int32
        var fields: Int32  // offset from `line`
        var fieldsLength: Int32
        var lineNumber: Int
    }

    /// How the stream ended after this chunk's records, if it did.
    enum Ending {
        case end(SnapshotStreamStatistics)
        case failure(SnapshotError)
    }

    private let arena: ByteBuffer
    private let capacity: Int
    @exclusivity(unchecked) private(set) var entries: [Entry] = []
    var ending: Ending?

    init(capacity: Int) {
        self.capacity = capacity
        arena = ByteBuffer(capacity: capacity)
        entries.reserveCapacity(capacity / 512)
    }

    /// Whether a record of `bytes` still fits, its index entry counted (an empty chunk takes any
    /// record, growing if needed).
    func fits(_ bytes: Int) -> Bool {
        entries.isEmpty || arena.count + bytes + (entries.count + 1) * MemoryLayout<Entry>.stride <= capacity
    }

    /// Empties the chunk; storage a long record made it grow to is given back.
    func reset() {
        arena.removeAll(keepingAtMost: capacity)
        entries.removeAll(keepingCapacity: true)
        ending = nil
    }

    /// Copies a record in.
    func append(_ record: RecordView) {
        let line = record.line
        let lineBase = line.baseAddress!
        let lineOffset = arena.count
        arena.append(line)
        let keyOffset: Int
        if let keyBase = record.key.baseAddress, keyBase >= lineBase, keyBase + record.key.count <= lineBase + line.count {
            keyOffset = lineOffset + lineBase.distance(to: keyBase)
        } else {
            keyOffset = arena.count
            arena.append(record.key)
        }
        func offset(_ part: UnsafeBufferPointer<UInt8>) -> Int32 { Int32(lineBase.distance(to: part.baseAddress!)) }
        entries.append(Entry(
            line: lineOffset, lineLength: Int32(line.count), key: keyOffset, keyLength: Int32(record.key.count),
            keyLiteral: offset(record.keyLiteral), keyLiteralLength: Int32(record.keyLiteral.count),
            ref: offset(record.ref), refLength: Int32(record.ref.count),
            fields: offset(record.fields), fieldsLength: Int32(record.fields.count), lineNumber: record.lineNumber))
    }

    /// The record at `index`, pointing into the arena.
    func view(_ index: Int) -> RecordView {
        let entry = entries[index]
        let base = arena.baseAddress
        let line = base + entry.line
        return RecordView(
            line: UnsafeBufferPointer(start: line, count: Int(entry.lineLength)),
            key: UnsafeBufferPointer(start: base + entry.key, count: Int(entry.keyLength)),
            keyLiteral: UnsafeBufferPointer(start: line + Int(entry.keyLiteral), count: Int(entry.keyLiteralLength)),
            ref: UnsafeBufferPointer(start: line + Int(entry.ref), count: Int(entry.refLength)),
            fields: UnsafeBufferPointer(start: line + Int(entry.fields), count: Int(entry.fieldsLength)),
            lineNumber: entry.lineNumber)
    }
}

/// What a snapshot reader counted by the end of its file.
package struct SnapshotStreamStatistics: Sendable {
    package let path: String
    package let records: Int
    package let bytes: Int
    /// `algorithm:hex`, e.g. `xxh3-128:…`.
    package let digest: String
    /// The hex digest asked for as `secondDigest`, if any.
    package let secondDigest: String?
    package let nonCanonicalLines: Int
}
