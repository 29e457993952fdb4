/// What a connector's export wrote into a run folder: the sorted snapshot with its manifest, the
/// rejects, and how many pages (or files) it read.
package struct ExportResult<Entity: ExportedEntity>: Sendable {
    /// The entity exported.
    package let entity: Entity
    /// `snapshots/<system>.<entity>.ndjson`.
    package let snapshot: String
    /// The snapshot's manifest.
    package let manifest: SnapshotManifest
    /// Records that could not be translated.
    package let rejected: Int
    /// `rejects.<system>.<entity>.ndjson`, when there were rejects.
    package let rejectsFile: String?
    /// API pages read (1 for a file).
    package let pages: Int
    /// Source records a documented rule left out or folded into another record, per rule
    /// (`TranslationResult.omitted`): read = records + rejected + these.
    package let omitted: [String: Int]
}

/// An entity a connector exports: its name on the command line and in file names, and the
/// canonical entity it becomes.
package protocol ExportedEntity: RawRepresentable<String>, Sendable {
    /// The canonical entity name the snapshot's manifest carries (`docs/canonical-model.md`).
    var canonicalEntity: String { get }
}
