import PosBridgeCore

/// Writes a canonical snapshot file line by line and, on commit, its manifest: counts the records,
/// gathers the top-level field names and the file's SHA-256 on the way.
package final class SnapshotOutput {
    /// What the manifest says about the snapshot besides what is counted.
    package struct Description: Sendable {
        package var entity: String
        package var system: String
        package var source: String
        package var keyFields: [String]
        package var createdAt: String

        package init(entity: String, system: String, source: String, keyFields: [String], createdAt: String) {
            self.entity = entity
            self.system = system
            self.source = source
            self.keyFields = keyFields
            self.createdAt = createdAt
        }
    }

    private let writer: FileWriter
    private var fieldNames = FieldNameScanner()
    /// Records written so far.
    package private(set) var recordCount = 0

    /// Opens the output (written under a temporary name until `commit`).
    package init(path: String) throws(SnapshotError) {
        writer = try FileWriter(path: path)
    }

    /// Appends one canonical line (no line ending).
    package func write(line: UnsafeBufferPointer<UInt8>) throws(SnapshotError) {
        if let layout = LineLayout.scan(line) {
            fieldNames.collect(UnsafeBufferPointer(rebasing: line[layout.fields]))
        }
        try writer.writeLine(line)
        recordCount += 1
    }

    /// Renames the file into place and writes its manifest; returns the manifest.
    @discardableResult
    package func commit(_ description: Description) throws(SnapshotError) -> SnapshotManifest {
        let digest = try writer.commit()
        let manifest = SnapshotManifest(
            entity: description.entity, system: description.system, createdAt: description.createdAt,
            recordCount: recordCount, bytes: writer.bytesWritten, sha256: digest, source: description.source,
            keyFields: description.keyFields, fields: fieldNames.names.sorted { $0.utf8Precedes($1) })
        try manifest.write(besides: writer.path)
        return manifest
    }
}
