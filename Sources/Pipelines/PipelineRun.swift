import Foundation
import PosBridgeCore

/// One run of one pipeline: the stages extract → normalize → map → diff → apply → archive, each
/// reading and writing files in `runs/<run-id>/`, the run's lifecycle kept in the state store at
/// every step, under the pipeline's lock. A stage that fails ends the run as `failed:<stage>`,
/// and the run folder is still archived. Problems that keep the run from starting (an invalid
/// pipeline, the lock held, an unknown `--from-run`) are thrown; everything after is the report.
package final class PipelineRun: @unchecked Sendable {
    let request: RunRequest
    let context: RunContext
    let pipeline: EffectivePipeline
    let pipelineFile: String
    let store: StateStore
    let connections: RunConnections
    var runId = ""
    var folder = ""
    var dryRun = false
    var counts = EntityCounts()
    var warnings: [String] = []
    var startedAt = Date()
    var stageTimes: [String: JSONValue] = [:]
    /// The diff's counts (a dry run reports them as what apply would do).
    var diffCounts: [String: Int] = [:]

    /// Loads the pipeline (checking its connections against the configuration) and opens the state.
    package init(request: RunRequest, context: RunContext) throws {
        self.request = request
        self.context = context
        let connections = try PipelineConnections.load(path: request.configuration)
        let loaded = try PipelineLoader(connections: connections).load(path: request.pipelineFile)
        guard loaded.flow == .products || loaded.flow == .stock else {
            throw PipelineError(.run, "\(request.pipelineFile): flow \(loaded.flow.rawValue) cannot be run yet (products and stock can)")
        }
        guard case .connection = loaded.source, case .connection = loaded.target else {
            throw PipelineError(.run, "\(request.pipelineFile): inbox and outbox folders cannot be run yet; name connections")
        }
        pipeline = loaded.effective
        pipelineFile = request.pipelineFile
        store = try StateStore(home: request.home)
        self.connections = RunConnections(configuration: request.configuration, environment: request.environment, context: context)
        source = loaded.source
        target = loaded.target
    }

    let source: PipelineEndpoint
    let target: PipelineEndpoint

    /// Runs what was asked, holding the pipeline's lock.
    package func run() async throws -> RunReport {
        let lock = try RunLock(home: request.home, pipeline: pipeline.name)
        defer { lock.release() }
        var record = try begin()
        let stages = try plan(&record)
        var ran: [RunStage] = []
        var failure: String?
        for stage in stages where stage != .archive {
            if stage == .apply && dryRun { continue }
            ran.append(stage)
            let began = context.clock()
            do {
                if stage == .apply { record = try store.advance(run: runId, .applyStarted, at: context.clock()) }
                try await perform(stage)
                record = try store.advance(run: runId, .completed(stage), at: context.clock())
                stageTimes[stage.rawValue] = timing(began, outcome: "completed")
            } catch {
                failure = "stage \(stage.rawValue): \(Self.describe(error))"
                stageTimes[stage.rawValue] = timing(began, outcome: "failed")
                record = (try? store.advance(run: runId, .failed(stage), at: context.clock())) ?? record
                context.logger.error("stage failed", metadata: ["run.id": "\(runId)", "stage": "\(stage.rawValue)"])
                break
            }
            try? writeRunFile(state: record.state, failure: nil, archive: nil)
        }
        counts.requests = connections.requests
        counts.limiterWaitSeconds = await connections.limiterWaitSeconds()
        // Every client is done: the archive needs none (and AsyncHTTPClient must be shut down).
        await connections.shutdown()
        if dryRun, failure == nil { countDryRun() }
        let rejects = try mergeRejects()
        _ = try mergeWarnings()
        let outcome: RunOutcome = failure != nil ? .failed
            : counts.rejected > 0 ? .finishedWithRejects : counts.warnings > 0 ? .finishedWithWarnings : .succeeded
        var report = RunReport(runId: runId, pipeline: pipeline.name, entity: pipeline.schema.name, folder: folder, archive: nil,
                               state: record.state, outcome: outcome, dryRun: dryRun, counts: counts, stages: ran,
                               failure: failure, rejectsFile: rejects, warnings: warnings)
        if stages.contains(.archive) {
            ran.append(.archive)
            report.stages = ran
            do {
                let archive = try archive(report: report)
                record = try store.advance(run: runId, .completed(.archive), at: context.clock())
                report.archive = archive
            } catch {
                let message = "stage archive: \(Self.describe(error))"
                report.failure = report.failure.map { "\($0); \(message)" } ?? message
                report.outcome = .failed
                record = (try? store.advance(run: runId, .failed(.archive), at: context.clock())) ?? record
                try? writeRunFile(state: record.state, failure: report.failure, archive: nil, outcome: .failed)
            }
            report.state = record.state
        } else {
            try writeRunFile(state: record.state, failure: failure, archive: nil, outcome: outcome)
        }
        try store.finish(run: runId, outcome: report.outcome, counts: counts.ledger, at: context.clock())
        return report
    }

    /// A new run (`runs/<UTC time>-<pipeline>`) or the earlier one of `--from-run`.
    private func begin() throws -> RunRecord {
        startedAt = context.clock()
        if let id = request.fromRun {
            guard let record = try store.run(id: id), record.pipeline == pipeline.name else {
                throw PipelineError(.run, "no run \(id) of pipeline \(pipeline.name) in \(StateStore.path(home: request.home))")
            }
            runId = id
            folder = (request.runsFolder as NSString).appendingPathComponent(id)
            dryRun = record.dryRun || request.dryRun
            startedAt = record.createdAt
            guard FileManager.default.fileExists(atPath: folder) else { throw PipelineError(.run, "run \(id): its folder \(folder) is gone") }
            return record
        }
        if let stage = request.stage, stage != .extract {
            throw PipelineError(.run, "--stage \(stage.rawValue) reads the files of an earlier run: give --from-run ID")
        }
        let stamp = Self.idFormat(startedAt)
        var id = "\(stamp)-\(pipeline.name)"
        var suffix = 1
        while try FileManager.default.fileExists(atPath: (request.runsFolder as NSString).appendingPathComponent(id)) || store.run(id: id) != nil {
            suffix += 1
            id = "\(stamp)-\(pipeline.name)-\(suffix)"
        }
        runId = id
        folder = (request.runsFolder as NSString).appendingPathComponent(id)
        dryRun = request.dryRun
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw PipelineError(.io, "\(folder): cannot create the run folder", underlying: error)
        }
        let record = try store.createRun(id: id, pipeline: pipeline.name, dryRun: dryRun, at: startedAt)
        try writeRunFile(state: record.state, failure: nil, archive: nil)
        return record
    }

    /// The stages to run: one with `--stage`, else from where the run is to its archive.
    private func plan(_ record: inout RunRecord) throws -> [RunStage] {
        if let stage = request.stage {
            if record.state.nextStage != stage, !(stage == .apply && record.state == .applying) {
                record = try store.advance(run: runId, .restart(at: stage), at: context.clock())
            }
            return [stage]
        }
        guard let next = record.state.nextStage else { throw PipelineError(.run, "run \(runId) is archived; start a new run") }
        return RunStage.allCases.filter { $0 >= next }
    }

    private func timing(_ began: Date, outcome: String) -> JSONValue {
        .object(["startedAt": .string(Timestamp.iso8601(began)), "finishedAt": .string(Timestamp.iso8601(context.clock())),
                 "outcome": .string(outcome)])
    }

    /// A dry run's counts are what the diff found, which apply would have written.
    private func countDryRun() {
        if diffCounts.isEmpty, let data = FileManager.default.contents(atPath: diffSummaryFile),
           let found = (try? JSONParser.parse(bytes: Array(data)))?.objectValue?["counts"]?.objectValue {
            for (name, value) in found { if case .number(let number) = value { diffCounts[name] = Int(number.text) } }
        }
        counts.created = diffCounts["create"] ?? 0
        counts.updated = diffCounts["update"] ?? 0
        counts.missing = pipeline.missing == .ignore ? 0 : diffCounts["missing"] ?? 0
        counts.unchanged = diffCounts["unchanged"] ?? 0
    }

    /// `20261204T131500Z`.
    static func idFormat(_ date: Date) -> String {
        Timestamp.iso8601(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// One line for an error of any module (their messages name file, line or key).
    static func describe(_ error: any Error) -> String {
        if let error = error as? any PosBridgeError { return "\(error.message) [\(error.code)]" }
        return "\(error)"
    }
}
