import Foundation
import PosBridgeCore

extension TranslatedSnapshotWriter {
    /// Writes what `system`'s connector translated for `entity` into `runFolder`: the snapshot
    /// `snapshots/<system>.<entity>.ndjson` with its manifest and `rejects.<system>.<entity>.ndjson`.
    package static func export<Entity: ExportedEntity>(
        _ translation: TranslationResult, entity: Entity, system: String, runFolder: String, pages: Int,
        createdAt: String, source: String
    ) throws -> ExportResult<Entity> {
        let snapshot = (runFolder as NSString).appendingPathComponent("snapshots/\(system).\(entity.rawValue).ndjson")
        let written = try write(
            translation, snapshot: snapshot,
            rejects: (runFolder as NSString).appendingPathComponent("rejects.\(system).\(entity.rawValue).ndjson"),
            description: SnapshotOutput.Description(
                entity: entity.canonicalEntity, system: system, source: source,
                keyFields: CanonicalModel.keyFields(of: entity.canonicalEntity), createdAt: createdAt))
        return ExportResult(entity: entity, snapshot: snapshot, manifest: written.manifest, rejected: written.rejected,
                            rejectsFile: written.rejectsFile, pages: pages, omitted: translation.omitted)
    }

    /// Copies an export file as received to `extract/<system>/<entity>/` of `runFolder`, replacing an
    /// earlier copy, so the run folder keeps what was read.
    package static func keepAsReceived(_ file: String, system: String, entity: String, runFolder: String) throws {
        let copy = (runFolder as NSString).appendingPathComponent("extract/\(system)/\(entity)/\((file as NSString).lastPathComponent)")
        try FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: file, toPath: copy)
    }
}
