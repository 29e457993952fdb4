import Foundation
import PosBridgeCore
import Snapshots

/// The map stage: a canonical source snapshot in, `desired.<entity>.ndjson` out — every record
/// mapped into the target's terms, sorted by key, with its manifest — and the records that could
/// not be mapped in `rejects.map.<entity>.ndjson`. Streams the source; the sort keeps within its budget.
package struct MapStage: Sendable {
    /// What one map stage did.
    package struct Result: Sendable, Equatable {
        /// Source records read.
        package var read = 0
        /// Desired records written.
        package var mapped = 0
        /// Records the filter (or the stock-managed setting) left out.
        package var skipped = 0
        /// Records that could not be mapped.
        package var rejected = 0
        /// One line per reason records were left out for that the user should hear of (a
        /// location without a shop), with how many; also in `warnings.map.<entity>.ndjson`.
        package var warnings: [String] = []
        package var desiredFile: String
        /// The rejects file, when anything was rejected.
        package var rejectsFile: String?
        package var manifest: SnapshotManifest?
    }

    package let pipeline: EffectivePipeline
    /// The sort's memory budget.
    package var sortBudget = ExternalSorter.defaultBudget

    package init(pipeline: EffectivePipeline) {
        self.pipeline = pipeline
    }

    /// Where the desired snapshot of an entity goes in a run folder.
    package static func desiredPath(in folder: String, entity: String) -> String {
        (folder as NSString).appendingPathComponent("desired.\(entity).ndjson")
    }

    /// Maps `source` into `folder`; `createdAt` goes into the manifest.
    package func run(source: String, folder: String, createdAt: String) throws(PipelineError) -> Result {
        let entity = pipeline.schema.name
        let engine = MappingEngine(pipeline: pipeline)
        var result = Result(desiredFile: Self.desiredPath(in: folder, entity: entity))
        var warned: [String: Int] = [:]
        let rejects = RejectsFile(path: (folder as NSString).appendingPathComponent("rejects.map.\(entity).ndjson"), stage: "map")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let reader = try SnapshotReader(path: source, requireSorted: false)
            let sorter = ExternalSorter(budget: sortBudget, temporaryFolder: folder, sourcePath: result.desiredFile)
            let sourceName = (source as NSString).lastPathComponent
            while let view = try reader.next() {
                result.read += 1
                let record: SnapshotRecord
                do { record = try SnapshotLine.decode(Array(view.line)) } catch {
                    throw PipelineError(.map, "\(source):\(view.lineNumber): \(error)")
                }
                switch engine.map(record, source: "\(sourceName):\(view.lineNumber)") {
                case .skipped(let reason):
                    result.skipped += 1
                    if !MappingEngine.quietSkipReasons.contains(reason) { warned[reason, default: 0] += 1 }
                case .rejected(let reject):
                    try rejects.reject(source: reject.source, key: reject.key, field: reject.field, reason: reject.reason)
                case .mapped(let desired):
                    let line = SnapshotLine.encode(desired)
                    let key = Array(desired.key.utf8)
                    try line.withUnsafeBufferPointer { lineBytes throws(SnapshotError) in
                        try key.withUnsafeBufferPointer { keyBytes throws(SnapshotError) in
                            try sorter.add(line: lineBytes, key: keyBytes, lineNumber: view.lineNumber)
                        }
                    }
                }
            }
            let output = try SnapshotOutput(path: result.desiredFile)
            try sorter.finish { line throws(SnapshotError) in try output.write(line: line) }
            try rejects.commit()
            result.manifest = try output.commit(SnapshotOutput.Description(
                entity: pipeline.schema.canonical, system: "desired", source: "map \(sourceName) by pipeline \(pipeline.name)",
                keyFields: pipeline.schema.keyFields, createdAt: createdAt))
            result.mapped = output.recordCount
        } catch let error as PipelineError {
            throw error
        } catch let error as SnapshotError {
            throw PipelineError(.map, "map stage of pipeline \(pipeline.name): \(error.message)", underlying: error)
        } catch {
            throw PipelineError(.map, "map stage of pipeline \(pipeline.name): \(error)", underlying: error)
        }
        result.rejected = rejects.count
        result.rejectsFile = rejects.count > 0 ? rejects.path : nil
        result.warnings = warned.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value) records)" }
        try WarningsFile.write(result.warnings.map { (nil, $0) }, stage: "map", entity: entity,
                               to: (folder as NSString).appendingPathComponent("warnings.map.\(entity).ndjson"))
        return result
    }
}
