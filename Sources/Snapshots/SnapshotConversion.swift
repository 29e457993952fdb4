import Foundation
import PosBridgeCore

/// `snapshot convert`: a snapshot's NDJSON form to its XML form and back, record by record (never
/// the whole file in memory). Both directions check key order, so what comes out is a valid
/// snapshot; NDJSON → XML → NDJSON gives the same bytes. Each form gets its manifest, so what the
/// manifest says (entity, system, key fields) survives the round trip.
package enum SnapshotConversion {
    /// What the unsorted-input error advises: `convert` cannot sort.
    static let unsortedAdvice = "sort it first (posbridge snapshot sort), then convert"

    /// Writes the XML form of an NDJSON snapshot, with its manifest beside it; entity, system and
    /// key fields default to the input manifest's.
    @discardableResult
    package static func toXML(input: String, output: String, entity: String?, system: String?, createdAt: String = "",
                              progress: ProgressCounter? = nil) throws -> Int {
        try checkPaths(input: input, output: output)
        let manifest = try? SnapshotManifest.read(besides: input)
        let reader = try SnapshotReader(path: input, checkCanonical: true, unsortedAdvice: unsortedAdvice, digest: .none, progress: progress)
        TemporaryFiles.removeStalePartials(of: output)
        let temporary = TemporaryFiles.partialPath(for: output)
        defer { unlink(temporary) }
        let writer = try XMLSnapshotWriter(path: temporary, entity: entity ?? manifest?.entity ?? "",
                                           system: system ?? manifest?.system ?? "", reportedPath: output)
        var fields = Set<String>()
        while let view = try reader.next() {
            let record: SnapshotRecord
            do { record = try SnapshotLine.decode(view.line) } catch {
                throw SnapshotError.malformed(FileLocation(path: input, line: view.lineNumber), error.description)
            }
            fields.formUnion(record.fields.keys)
            try writer.write(record)
        }
        try writer.finish()
        let (bytes, sha256) = try FileDigest.sha256(of: temporary, reportedAs: output)
        try moveIntoPlace(temporary, output)
        try SnapshotManifest(
            entity: entity ?? manifest?.entity ?? "", system: system ?? manifest?.system ?? "", createdAt: createdAt,
            recordCount: writer.recordCount, bytes: bytes, sha256: sha256,
            source: "convert \((input as NSString).lastPathComponent)", keyFields: manifest?.keyFields ?? [],
            fields: fields.sorted { $0.utf8Precedes($1) }
        ).write(besides: output)
        return writer.recordCount
    }

    /// Writes the NDJSON form (with its manifest) of an XML snapshot, validating it against the
    /// schema. Entity and system come from the options when given, else from the XML; the key
    /// fields from the XML's manifest when it has one.
    package static func toNDJSON(input: String, output: String, entity: String? = nil, system: String? = nil,
                                 createdAt: String) throws -> SnapshotManifest {
        try checkPaths(input: input, output: output)
        let inherited = try? SnapshotManifest.read(besides: input)
        let reader = try XMLSnapshotReader(path: input, validateAgainstSchema: true)
        let out = try SnapshotOutput(path: output)
        var previous: String?
        while let record = try reader.next() {
            if let previous, !previous.utf8Precedes(record.key) {
                let kind: SnapshotError.Kind = previous == record.key ? .duplicateKeys : .unsorted
                throw SnapshotError(kind, "\(input):\(reader.recordLine): key \(XMLSnapshotFormat.quoted(record.key)) "
                    + (kind == .duplicateKeys ? "repeats the previous key" : "sorts before the previous key \(XMLSnapshotFormat.quoted(previous)); \(unsortedAdvice)"))
            }
            previous = record.key
            try SnapshotLine.encode(record).withUnsafeBufferPointer { line throws(SnapshotError) in try out.write(line: line) }
        }
        return try out.commit(.init(entity: entity ?? reader.entity, system: system ?? reader.system,
                                    source: "convert \((input as NSString).lastPathComponent)",
                                    keyFields: inherited?.keyFields ?? [], createdAt: createdAt))
    }

    /// Refuses an output that is the input (or its manifest), see `OutputPaths`.
    package static func checkPaths(input: String, output: String) throws(SnapshotError) {
        try OutputPaths.check(inputs: [.init(input, "the input"), .init(SnapshotManifest.path(for: input), "the input's manifest")],
                              outputs: [.init(output, "the converted snapshot"), .init(SnapshotManifest.path(for: output), "its manifest")])
    }

    private static func moveIntoPlace(_ temporary: String, _ output: String) throws(SnapshotError) {
        guard rename(temporary, output) == 0 else {
            throw SnapshotError(.io, "\(output): cannot rename into place (\(String(cString: strerror(errno))))")
        }
    }
}
