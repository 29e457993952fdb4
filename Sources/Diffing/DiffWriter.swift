import PosBridgeCore
import Snapshots

/// Writes `diff.ndjson`: one line per create, update or missing record, in key order, each
/// `{"key":…,"op":…,"ref":…,…}` with the envelope in that fixed order and canonical JSON inside.
/// Update and missing lines carry OLD's `ref` (the target's ids); create lines NEW's.
final class DiffWriter {
    private let file: FileWriter
    private var line: [UInt8] = []

    init(path: String) throws(SnapshotError) {
        file = try FileWriter(path: path)
        line.reserveCapacity(4096)
    }

    /// `{"key":K,"op":"create","ref":NEWREF,"fields":NEWFIELDS,"fingerprint":…}`
    func create(_ record: RecordView) throws(SnapshotError) {
        begin(record, op: "create", ref: record.ref)
        line.append(contentsOf: #","fields":"#.utf8)
        line.append(contentsOf: record.fields)
        appendFingerprint(record.fields)
        try finish()
    }

    /// `{"key":K,"op":"update","ref":OLDREF,"changes":{path:{"old","new"}},"fingerprint":…}`
    func update(old: RecordView, new: RecordView, changes: [String: JSONValue]) throws(SnapshotError) {
        begin(new, op: "update", ref: old.ref)
        line.append(contentsOf: #","changes":"#.utf8)
        CanonicalJSON.writeObject(changes, into: &line)
        appendFingerprint(new.fields)
        try finish()
    }

    /// `{"key":K,"op":"missing","ref":OLDREF,"fields":OLDFIELDS}`
    func missing(_ record: RecordView) throws(SnapshotError) {
        begin(record, op: "missing", ref: record.ref)
        line.append(contentsOf: #","fields":"#.utf8)
        line.append(contentsOf: record.fields)
        try finish()
    }

    /// Puts the file in place; returns its SHA-256.
    func commit() throws(SnapshotError) -> String { try file.commit() }

    private func begin(_ record: RecordView, op: String, ref: UnsafeBufferPointer<UInt8>) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: #"{"key":""#.utf8)
        line.append(contentsOf: record.keyLiteral)
        line.append(contentsOf: #"","op":""#.utf8)
        line.append(contentsOf: op.utf8)
        line.append(contentsOf: #"","ref":"#.utf8)
        line.append(contentsOf: ref)
    }

    private func appendFingerprint(_ fields: UnsafeBufferPointer<UInt8>) {
        line.append(contentsOf: #","fingerprint":""#.utf8)
        line.append(contentsOf: Fingerprint.of(fields).utf8)
        line.append(UInt8(ascii: "\""))
    }

    private func finish() throws(SnapshotError) {
        line.append(UInt8(ascii: "}"))
        try file.writeLine(line)
    }
}
