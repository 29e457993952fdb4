import Archiving
import Foundation
import PosBridgeCore
import Snapshots

/// run.json, the merged rejects file and the archive.
extension PipelineRun {
    /// Writes `run.json` (atomically): pipeline, configuration digest, version, times, stages,
    /// counts, outcome. The archive reads its `runId` and `startedAt`.
    func writeRunFile(state: RunState, failure: String?, archive: String?, outcome: RunOutcome? = nil) throws {
        var digest: JSONValue = .null
        if let found = try? FileDigest.sha256(of: request.configuration) { digest = .string("sha256:\(found.sha256)") }
        let run: [String: JSONValue] = [
            "runId": .string(runId), "pipeline": .string(pipeline.name), "pipelineFile": .string(pipelineFile),
            "flow": .string(pipeline.flow.rawValue), "entity": .string(entity), "configDigest": digest,
            "posbridgeVersion": .string(PosBridgeVersion.current), "startedAt": .string(Timestamp.iso8601(startedAt)),
            "updatedAt": .string(Timestamp.iso8601(context.clock())), "dryRun": .bool(dryRun), "state": .string(state.description),
            "stages": .object(stageTimes), "counts": counts.json, "outcome": outcome.map { .string($0.rawValue) } ?? .null,
            "failure": failure.map(JSONValue.string) ?? .null, "archive": archive.map(JSONValue.string) ?? .null,
            "warnings": .array(warnings.map(JSONValue.string)),
        ]
        let file = path("run.json")
        let temporary = file + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(CanonicalJSON.encode(.object(run)) + [10])),
              rename(temporary, file) == 0 else {
            throw PipelineError(.io, "\(file): cannot write the run file")
        }
    }

    /// `rejects.ndjson`: every stage's rejects (`rejects.bc.…`, `rejects.lightspeed.…`,
    /// `rejects.map.…`, `rejects.apply.…`) in one file, in that order; nil when there are none.
    func mergeRejects() throws -> String? {
        try merge(["rejects.bc.", "rejects.lightspeed.", "rejects.map.", "rejects.apply."], into: "rejects.ndjson")
    }

    /// `warnings.<entity>.ndjson`: the map stage's warnings (`warnings.map.…`), then the apply
    /// stage's (`warnings.apply.…`); nil when there are none.
    func mergeWarnings() throws -> String? {
        try merge(["warnings.map.", "warnings.apply."], into: "warnings.\(entity).ndjson")
    }

    /// The stage files whose names start with `order`'s prefixes, concatenated in that order.
    private func merge(_ order: [String], into name: String) throws -> String? {
        func rank(_ name: String) -> Int { order.firstIndex { name.hasPrefix($0) } ?? order.count }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { rank($0) < order.count && $0.hasSuffix(".ndjson") }
            .sorted { (rank($0), $0) < (rank($1), $1) }
        let merged = path(name)
        unlink(merged)
        var bytes = Data()
        for name in names {
            guard var data = FileManager.default.contents(atPath: path(name)), !data.isEmpty else { continue }
            if data.last != 10 { data.append(10) }
            bytes.append(data)
        }
        guard !bytes.isEmpty else { return nil }
        guard FileManager.default.createFile(atPath: merged, contents: bytes) else { throw PipelineError(.io, "\(merged): cannot write it") }
        return merged
    }

    /// archive: run.json finished, then the run folder bagged into `archive/YYYY/MM/<run-id>.tar.zst`.
    func archive(report: RunReport) throws -> String {
        let output = BagWriter.defaultOutput(runId: runId, date: startedAt, format: .tarZstd, base: request.home)
        try writeRunFile(state: report.state, failure: report.failure, archive: output, outcome: report.outcome)
        // A re-archived run (a stage re-run after its archive failed) replaces its earlier bag.
        let summary = try BagWriter(options: BagWriter.Options(format: .tarZstd, output: output, force: true)).create(runFolder: folder)
        return summary.archivePath
    }
}
