import PosBridgeCore

/// What one pipeline run did: where its files and archive are, how it ended and its counts.
package struct RunReport: Sendable {
    package var runId: String
    package var pipeline: String
    package var entity: String
    /// `runs/<run-id>`.
    package var folder: String
    /// The archive, when the run was archived.
    package var archive: String?
    package var state: RunState
    package var outcome: RunOutcome
    package var dryRun: Bool
    package var counts: EntityCounts
    /// The stages this invocation ran.
    package var stages: [RunStage] = []
    /// The one-line error of the stage that failed.
    package var failure: String?
    /// `rejects.ndjson`, when anything was rejected.
    package var rejectsFile: String?
    /// The warnings, one line each (also in `warnings.<entity>.ndjson`).
    package var warnings: [String] = []

    /// The report as `--json` prints it and run.json holds it.
    package var json: JSONValue {
        .object([
            "runId": .string(runId), "pipeline": .string(pipeline), "entity": .string(entity), "folder": .string(folder),
            "archive": archive.map(JSONValue.string) ?? .null, "state": .string(state.description),
            "outcome": .string(outcome.rawValue), "dryRun": .bool(dryRun), "counts": counts.json,
            "stages": .array(stages.map { .string($0.rawValue) }), "failure": failure.map(JSONValue.string) ?? .null,
            "rejects": rejectsFile.map(JSONValue.string) ?? .null, "warnings": .array(warnings.map(JSONValue.string)),
        ])
    }

    /// The exit status the run stands for: 0 all applied, 1 failed, 3 finished with rejects or warnings.
    package var exitStatus: Int32 {
        switch outcome {
        case .succeeded: 0
        case .failed: 1
        case .finishedWithRejects, .finishedWithWarnings: 3
        }
    }
}
