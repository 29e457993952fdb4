import Foundation
import PosBridgeCore

/// `snapshot convert`: a snapshot's NDJSON form to its XML form and back, record by record (never
/// the whole file in memory). Both directions check key order, so what comes out is a valid
/// snapshot; NDJSON → XML → NDJSON gives the same bytes.
package enum SnapshotConversion {
    /// Writes the XML form of an NDJSON snapshot; entity and system default to its manifest's.
    @discardableResult
    package static func toXML(input: String, output: String, entity: String?, system: String?, progress: ProgressCounter? = nil) throws -> Int {
        let manifest = try? SnapshotManifest.read(besides: input)
        let reader = try SnapshotReader(path: input, checkCanonical: true, digest: .none, progress: progress)
        let temporary = output + ".partial-\(getpid())"
        defer { unlink(temporary) }
        let writer = try XMLSnapshotWriter(path: temporary, entity: entity ?? manifest?.entity ?? "",
                                           system: system ?? manifest?.system ?? "")
        while let view = try reader.next() {
            let record: SnapshotRecord
            do { record = try SnapshotLine.decode(view.line) } catch {
                throw SnapshotError.malformed(FileLocation(path: input, line: view.lineNumber), error.description)
            }
            try writer.write(record)
        }
        try writer.finish()
        try moveIntoPlace(temporary, output)
        return writer.recordCount
    }

    /// Writes the NDJSON form (with its manifest) of an XML snapshot, validating it against the schema.
    package static func toNDJSON(input: String, output: String, createdAt: String) throws -> SnapshotManifest {
        let reader = try XMLSnapshotReader(path: input, validateAgainstSchema: true)
        let out = try SnapshotOutput(path: output)
        var previous: String?
        while let record = try reader.next() {
            if let previous, !previous.utf8Precedes(record.key) {
                let kind: SnapshotError.Kind = previous == record.key ? .duplicateKeys : .unsorted
                throw SnapshotError(kind, "\(input):\(reader.recordLine): key \"\(record.key)\" \(kind == .duplicateKeys ? "repeats" : "sorts before") the previous key")
            }
            previous = record.key
            try SnapshotLine.encode(record).withUnsafeBufferPointer { line throws(SnapshotError) in try out.write(line: line) }
        }
        return try out.commit(.init(entity: reader.entity, system: reader.system,
                                    source: "convert \((input as NSString).lastPathComponent)", keyFields: [], createdAt: createdAt))
    }

    private static func moveIntoPlace(_ temporary: String, _ output: String) throws(SnapshotError) {
        guard rename(temporary, output) == 0 else {
            throw SnapshotError(.io, "\(output): cannot rename into place (\(String(cString: strerror(errno))))")
        }
    }
}
