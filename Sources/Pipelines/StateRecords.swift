import Foundation
import GRDB

/// One run in the ledger: which pipeline, where it is, when, what it counted and how it ended.
package struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "run"

    package var id: String
    package var pipeline: String
    package var state: RunState
    package var dryRun: Bool
    package var createdAt: Date
    package var updatedAt: Date
    package var finishedAt: Date?
    /// Counts by name (`created`, `updated`, `rejected`, …).
    package var counts: [String: Int]
    package var outcome: RunOutcome?

    package init(id: String, pipeline: String, state: RunState = .created, dryRun: Bool = false, createdAt: Date,
                 updatedAt: Date? = nil, finishedAt: Date? = nil, counts: [String: Int] = [:], outcome: RunOutcome? = nil) {
        self.id = id
        self.pipeline = pipeline
        self.state = state
        self.dryRun = dryRun
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.finishedAt = finishedAt
        self.counts = counts
        self.outcome = outcome
    }
}

/// How a run ended, matching the documented exit codes.
package enum RunOutcome: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Exit 0: everything applied.
    case succeeded
    /// Exit 3: finished, with rejected records (and perhaps warnings).
    case finishedWithRejects = "finished-with-rejects"
    /// Exit 3: finished, nothing rejected, but with warnings worth a look.
    case finishedWithWarnings = "finished-with-warnings"
    /// Exit 1.
    case failed
}

extension RunState: DatabaseValueConvertible {
    package var databaseValue: DatabaseValue { description.databaseValue }

    package static func fromDatabaseValue(_ value: DatabaseValue) -> RunState? {
        String.fromDatabaseValue(value).flatMap(RunState.init(text:))
    }
}

/// The same record's id on each side, per entity and key: how a run finds the Lightspeed item of
/// a BC item without asking.
package struct IdCrossReference: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "idCrossReference"

    package var entity: String
    package var key: String
    package var bcId: String?
    package var lightspeedId: String?
    /// The run that last wrote it.
    package var runId: String?
    package var updatedAt: Date

    package init(entity: String, key: String, bcId: String?, lightspeedId: String?, runId: String?, updatedAt: Date) {
        self.entity = entity
        self.key = key
        self.bcId = bcId
        self.lightspeedId = lightspeedId
        self.runId = runId
        self.updatedAt = updatedAt
    }
}

/// How far a pipeline's entity was read by its last successful run (e.g. the completion time of
/// the newest sale), where the next run starts.
package struct Watermark: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "watermark"

    package var pipeline: String
    package var entity: String
    package var value: String
    package var runId: String
    package var updatedAt: Date

    package init(pipeline: String, entity: String, value: String, runId: String, updatedAt: Date) {
        self.pipeline = pipeline
        self.entity = entity
        self.value = value
        self.runId = runId
        self.updatedAt = updatedAt
    }
}

/// The index of a run's apply journal (`apply.journal.ndjson` is the record; this finds its
/// operations fast): one row per operation and its latest state.
package struct ApplyJournalIndexEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "applyJournalIndex"

    /// Where an operation is.
    package enum State: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// Written to the journal before the request: its outcome is unknown until it is recorded.
        case intent
        case succeeded
        case failed
    }

    package var runId: String
    package var entity: String
    package var key: String
    /// `create`, `update`, `archive`, …
    package var operation: String
    package var state: State
    package var targetId: String?
    package var updatedAt: Date

    package init(runId: String, entity: String, key: String, operation: String, state: State, targetId: String? = nil, updatedAt: Date) {
        self.runId = runId
        self.entity = entity
        self.key = key
        self.operation = operation
        self.state = state
        self.targetId = targetId
        self.updatedAt = updatedAt
    }
}
