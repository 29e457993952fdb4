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

    @exclusivity(unchecked) private(set) var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var capacity: Int
    @exclusivity(unchecked) private(set) var used = 0
    @exclusivity(unchecked) private(set) var entries: [Entry] = []
    var ending: Ending?

    init(capacity: Int) {
        self.capacity = capacity
        arena = .allocate(capacity: capacity)
        entries.reserveCapacity(capacity / 128)
    }

    deinit { arena.deallocate() }

    /// Whether a record of `bytes` still fits (an empty chunk takes any record, growing if needed).
    func fits(_ bytes: Int) -> Bool { entries.isEmpty || used + bytes <= capacity }

    func reset() {
        used = 0
        entries.removeAll(keepingCapacity: true)
        ending = nil
    }

    /// Copies a record in.
    func append(_ record: RecordView) {
        let line = record.line
        let keyInsideLine = record.key.baseAddress.map { $0 >= line.baseAddress! && $0 + record.key.count <= line.baseAddress! + line.count } ?? true
        let needed = line.count + (keyInsideLine ? 0 : record.key.count)
        if used + needed > capacity { grow(to: used + needed) }
        let lineOffset = used
        (arena + used).update(from: line.baseAddress!, count: line.count)
        used += line.count
        let keyOffset: Int
        if keyInsideLine {
            keyOffset = record.key.baseAddress.map { lineOffset + (line.baseAddress!.distance(to: $0)) } ?? lineOffset
        } else {
            keyOffset = used
            (arena + used).update(from: record.key.baseAddress!, count: record.key.count)
            used += record.key.count
        }
        func offset(_ part: UnsafeBufferPointer<UInt8>) -> Int32 { Int32(line.baseAddress!.distance(to: part.baseAddress!)) }
        entries.append(Entry(
            line: lineOffset, lineLength: Int32(line.count), key: keyOffset, keyLength: Int32(record.key.count),
            keyLiteral: offset(record.keyLiteral), keyLiteralLength: Int32(record.keyLiteral.count),
            ref: offset(record.ref), refLength: Int32(record.ref.count),
            fields: offset(record.fields), fieldsLength: Int32(record.fields.count), lineNumber: record.lineNumber))
    }

    /// The record at `index`, pointing into the arena.
    func view(_ index: Int) -> RecordView {
        let entry = entries[index]
        let line = arena + entry.line
        return RecordView(
            line: UnsafeBufferPointer(start: line, count: Int(entry.lineLength)),
            key: UnsafeBufferPointer(start: arena + entry.key, count: Int(entry.keyLength)),
            keyLiteral: UnsafeBufferPointer(start: line + Int(entry.keyLiteral), count: Int(entry.keyLiteralLength)),
            ref: UnsafeBufferPointer(start: line + Int(entry.ref), count: Int(entry.refLength)),
            fields: UnsafeBufferPointer(start: line + Int(entry.fields), count: Int(entry.fieldsLength)),
            lineNumber: entry.lineNumber)
    }

    private func grow(to needed: Int) {
        let grown = max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        fresh.update(from: arena, count: used)
        arena.deallocate()
        arena = fresh
        capacity = grown
    }
}

/// What a snapshot reader counted by the end of its file.
package struct SnapshotStreamStatistics: Sendable {
    package let path: String
    package let records: Int
    package let bytes: Int
    /// `algorithm:hex`, e.g. `xxh3-128:…`.
    package let digest: String
    package let nonCanonicalLines: Int
}
