import Foundation
import PosBridgeCore

/// The sidecar `<file>.manifest.json` of a snapshot: what it holds and how to check it is intact.
package struct SnapshotManifest: Sendable, Equatable {
    /// The manifest format written by this version.
    package static let currentFormatVersion = 1

    package var formatVersion = SnapshotManifest.currentFormatVersion
    package var entity: String
    package var system: String
    package var createdAt: String
    package var recordCount: Int
    package var bytes: Int
    package var sha256: String
    package var source: String
    package var keyFields: [String]
    package var fields: [String]
    package var posbridgeVersion = PosBridgeVersion.current

    package init(entity: String, system: String, createdAt: String, recordCount: Int, bytes: Int,
                 sha256: String, source: String, keyFields: [String], fields: [String]) {
        self.entity = entity
        self.system = system
        self.createdAt = createdAt
        self.recordCount = recordCount
        self.bytes = bytes
        self.sha256 = sha256
        self.source = source
        self.keyFields = keyFields
        self.fields = fields
    }

    /// Where the manifest of a snapshot file lives.
    package static func path(for snapshotPath: String) -> String { snapshotPath + ".manifest.json" }

    /// The manifest as canonical JSON.
    package var json: JSONValue {
        .object([
            "formatVersion": .number(CanonicalNumber(formatVersion)),
            "entity": .string(entity), "system": .string(system), "createdAt": .string(createdAt),
            "recordCount": .number(CanonicalNumber(recordCount)), "bytes": .number(CanonicalNumber(bytes)),
            "sha256": .string(sha256), "source": .string(source),
            "keyFields": .array(keyFields.map(JSONValue.string)), "fields": .array(fields.map(JSONValue.string)),
            "posbridgeVersion": .string(posbridgeVersion),
        ])
    }

    /// Writes the manifest beside its snapshot.
    package func write(besides snapshotPath: String) throws(SnapshotError) {
        let writer = try FileWriter(path: Self.path(for: snapshotPath))
        try writer.writeLine(CanonicalJSON.encode(json))
        try writer.commit()
    }

    /// Reads the manifest beside a snapshot, or nil when there is none.
    package static func read(besides snapshotPath: String) throws(SnapshotError) -> SnapshotManifest? {
        let path = Self.path(for: snapshotPath)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes: data) } catch {
            throw SnapshotError(.manifestMismatch, "\(path): invalid JSON: \(error)")
        }
        guard let object = value.objectValue else { throw SnapshotError(.manifestMismatch, "\(path): not a JSON object") }
        func text(_ name: String) throws(SnapshotError) -> String {
            guard let text = object[name]?.stringValue else { throw SnapshotError(.manifestMismatch, "\(path): field \"\(name)\" missing or not a string") }
            return text
        }
        func integer(_ name: String) throws(SnapshotError) -> Int {
            guard case .number(let number)? = object[name], let value = Int(number.text) else {
                throw SnapshotError(.manifestMismatch, "\(path): field \"\(name)\" missing or not an integer")
            }
            return value
        }
        func list(_ name: String) -> [String] {
            guard case .array(let items)? = object[name] else { return [] }
            return items.compactMap(\.stringValue)
        }
        var manifest = SnapshotManifest(
            entity: try text("entity"), system: try text("system"), createdAt: try text("createdAt"),
            recordCount: try integer("recordCount"), bytes: try integer("bytes"), sha256: try text("sha256"),
            source: try text("source"), keyFields: list("keyFields"), fields: list("fields"))
        manifest.formatVersion = try integer("formatVersion")
        manifest.posbridgeVersion = (try? text("posbridgeVersion")) ?? ""
        guard manifest.formatVersion <= currentFormatVersion else {
            throw SnapshotError(.manifestMismatch, "\(path): format version \(manifest.formatVersion) is newer than this posbridge reads (\(currentFormatVersion))")
        }
        return manifest
    }
}
