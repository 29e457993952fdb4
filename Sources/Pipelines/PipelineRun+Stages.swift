import BusinessCentral
import Diffing
import Foundation
import Lightspeed
import PosBridgeCore
import Snapshots

/// The stages themselves, each reading and writing files of the run folder.
extension PipelineRun {
    func perform(_ stage: RunStage) async throws {
        switch stage {
        case .extract: try await extract()
        case .normalize: try normalize()
        case .map: try map()
        case .diff: try diff()
        case .apply: try await apply()
        case .archive: break
        }
    }

    var entity: String { pipeline.schema.name }
    var sourceSnapshot: String { path("snapshots/bc.\(entity).ndjson") }
    var targetSnapshot: String { path("snapshots/lightspeed.\(entity).ndjson") }
    var diffFile: String { path("diff.\(entity).ndjson") }
    var diffSummaryFile: String { path("diff.\(entity).summary.json") }

    func path(_ relative: String) -> String { (folder as NSString).appendingPathComponent(relative) }

    /// The Lightspeed translation settings of the pipeline: its price level and tax basis, and
    /// for stock its shops named by their BC locations, so both snapshots share keys.
    var lightspeedOptions: LSTranslationOptions {
        var options = LSTranslationOptions()
        if case .products(let settings) = pipeline.settings {
            options.priceUseType = settings.priceLevel
            options.pricesIncludeTax = settings.pricesIncludeTax
        }
        for (location, shop) in pipeline.tables["locations"] ?? [:] { options.locations[shop] = location }
        return options
    }

    /// extract: both systems' raw pages (`extract/bc/…`, `extract/lightspeed/…`), translated into
    /// their canonical snapshots by the connectors as they are read.
    private func extract() async throws {
        guard case .connection(let sourceName) = source, case .connection(let targetName) = target else { return }
        let createdAt = Timestamp.iso8601(context.clock())
        let bcEntity: BCExport.Entity = pipeline.flow == .stock ? .stock : .products
        let bc = try await BCExport(client: try connections.bc(sourceName), runFolder: folder).run(bcEntity, createdAt: createdAt)
        counts.rejected += bc.rejected
        var export = LSExport(client: try connections.lightspeed(targetName), runFolder: folder)
        export.options = lightspeedOptions
        let ls = try await export.run(pipeline.flow == .stock ? .stock : .products, createdAt: createdAt)
        counts.rejected += ls.rejected
    }

    /// normalize: the canonical snapshots checked (sorted, unique keys, canonical lines, manifest),
    /// so the diff never vouches for a record `snapshot validate` would refuse.
    private func normalize() throws {
        for snapshot in [sourceSnapshot, targetSnapshot] {
            let report = try SnapshotValidator.validate(path: snapshot)
            guard report.isValid else {
                throw PipelineError(.stage, "\(snapshot): \(report.problemCount) problems, first: \(report.problems.first ?? "?")")
            }
        }
    }

    /// map: `desired.<entity>.ndjson`, the source in the target's terms.
    private func map() throws {
        let result = try MapStage(pipeline: pipeline).run(source: sourceSnapshot, folder: folder, createdAt: Timestamp.iso8601(context.clock()))
        counts.rejected += result.rejected
        counts.skipped += result.skipped
        counts.warnings += result.warnings.count
        warnings += result.warnings
    }

    /// diff: the target's snapshot (old) against the desired records (new), under the pipeline's
    /// compare rules: `diff.<entity>.ndjson` and its summary.
    private func diff() throws {
        let scratch = path(".diff-\(entity)")
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let summary = try SnapshotDiff(rules: pipeline.diffRules).run(
            old: targetSnapshot, new: MapStage.desiredPath(in: folder, entity: entity), outputFolder: scratch)
        for (from, to) in [(SnapshotDiff.diffFileName, diffFile), (SnapshotDiff.summaryFileName, diffSummaryFile)] {
            try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.moveItem(atPath: (scratch as NSString).appendingPathComponent(from), toPath: to)
        }
        try? FileManager.default.removeItem(atPath: scratch)
        diffCounts = ["create": summary.counts.create, "update": summary.counts.update, "missing": summary.counts.missing,
                      "unchanged": summary.counts.unchanged]
    }

    /// apply: the diff written to Lightspeed through the journal.
    private func apply() async throws {
        guard case .connection(let targetName) = target else { return }
        let diff = try DiffEntry.read(path: diffFile)
        let desired = try Self.records(MapStage.desiredPath(in: folder, entity: entity))
        let current = try Self.records(targetSnapshot)
        let unchanged = Self.unchangedCount(diffSummaryFile)
        let log = try ApplyLog(entity: entity, folder: folder, runId: runId, store: store, clock: context.clock)
        let client = try connections.lightspeed(targetName)
        defer {
            counts.created += log.counts.created
            counts.updated += log.counts.updated
            counts.archived += log.counts.archived
            counts.missing += log.counts.missing
            counts.unchanged += log.counts.unchanged
            counts.skipped += log.counts.skipped
            counts.rejected += log.counts.rejected
            counts.warnings += log.counts.warnings
            warnings += log.warnings.map(\.message)
        }
        do {
            switch pipeline.flow {
            case .stock:
                try await StockApply(pipeline: pipeline, writer: client, log: log).run(diff: diff, desired: desired, target: current, unchanged: unchanged)
            default:
                var options = lightspeedOptions
                options.currency = client.settings.currency
                try await ProductApply(pipeline: pipeline, writer: client, log: log, options: options)
                    .run(diff: diff, desired: desired, target: current, unchanged: unchanged)
            }
        } catch {
            // What was rejected so far is still worth its file.
            try? log.commit()
            throw error
        }
    }

    /// Every record of a snapshot by key.
    static func records(_ path: String) throws -> [String: SnapshotRecord] {
        let reader = try SnapshotReader(path: path, requireSorted: false)
        var records: [String: SnapshotRecord] = [:]
        while let view = try reader.next() {
            let record = try SnapshotLine.decode(Array(view.line))
            records[record.key] = record
        }
        return records
    }

    /// The diff summary's unchanged count.
    static func unchangedCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path),
              case .number(let number)? = (try? JSONParser.parse(bytes: Array(data)))?.objectValue?["counts"]?.objectValue?["unchanged"] else { return 0 }
        return Int(number.text) ?? 0
    }
}
