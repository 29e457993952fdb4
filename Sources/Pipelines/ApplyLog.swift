import Foundation
import Lightspeed
import PosBridgeCore
import Snapshots

/// The apply stage's bookkeeping for one entity: every write through the journal (intent before,
/// outcome after), the records it rejects (`rejects.apply.<entity>.ndjson`), its warnings
/// (`warnings.apply.<entity>.ndjson`), its counts and the id cross-reference of what it created.
package final class ApplyLog: @unchecked Sendable {
    package let entity: String
    package let journal: ApplyJournal
    package var counts = EntityCounts()
    package private(set) var warnings: [(key: String, message: String)] = []
    let rejects: RejectsFile
    let warningsPath: String
    private let store: StateStore?
    private let runId: String
    private let clock: @Sendable () -> Date

    /// The files of `entity` in `folder`; `store` receives the journal index and the cross-reference.
    package init(entity: String, folder: String, runId: String, store: StateStore?, clock: @escaping @Sendable () -> Date) throws(PipelineError) {
        self.entity = entity
        self.runId = runId
        self.store = store
        self.clock = clock
        journal = try ApplyJournal(path: Self.journalPath(in: folder), clock: clock)
        rejects = RejectsFile(path: (folder as NSString).appendingPathComponent("rejects.apply.\(entity).ndjson"), stage: "apply")
        warningsPath = (folder as NSString).appendingPathComponent("warnings.apply.\(entity).ndjson")
    }

    /// The journal of a run folder (one for all entities of the run).
    package static func journalPath(in folder: String) -> String {
        (folder as NSString).appendingPathComponent("apply.journal.ndjson")
    }

    /// A record that cannot be written, with the field and the reason; the others go on.
    package func reject(key: String, field: String?, reason: String) throws(PipelineError) {
        do { try rejects.reject(source: "apply \(entity)", key: key, field: field, reason: reason) } catch {
            throw PipelineError(.io, "\(rejects.path): \(error.message)", underlying: error)
        }
        counts.rejected += 1
    }

    /// Something to look at that is not an error.
    package func warn(key: String, _ message: String) {
        warnings.append((key, message))
        counts.warnings += 1
    }

    /// Sends one write with its journal entries. A record the target refused is `.rejected` (and in
    /// the rejects file, counted); no answer at all is thrown, after its `failed` outcome is written.
    package func perform(_ operation: String, key: String, request: String, idField: String,
                         _ send: () async throws -> LSWriteOutcome) async throws -> LSWriteOutcome {
        let op = ApplyJournal.Operation(entity: entity, key: key, operation: operation)
        try journal.intent(op, request: request)
        try index(op, state: .intent, targetId: nil)
        let outcome: LSWriteOutcome
        do {
            outcome = try await send()
        } catch {
            try journal.outcome(op, ApplyJournal.Outcome(result: "failed", reason: "no answer: \(type(of: error))"))
            try index(op, state: .failed, targetId: nil)
            throw error
        }
        switch outcome {
        case .written(let record):
            let id = LSFields.id(record, idField)
            try journal.outcome(op, ApplyJournal.Outcome(result: "succeeded", status: 200, targetId: id, etag: LSFields.trimmed(record, "timeStamp")))
            try index(op, state: .succeeded, targetId: id)
        case .rejected(let reason):
            try journal.outcome(op, ApplyJournal.Outcome(result: "rejected", status: Self.status(in: reason), reason: reason))
            try index(op, state: .failed, targetId: nil)
            try reject(key: key, field: nil, reason: "\(request): \(reason)")
        }
        return outcome
    }

    /// Records that an operation of unknown outcome was found done in the target.
    package func found(_ operation: String, key: String, targetId: String?) throws(PipelineError) {
        let op = ApplyJournal.Operation(entity: entity, key: key, operation: operation)
        try journal.outcome(op, ApplyJournal.Outcome(result: "found", targetId: targetId, reason: "found in the target after an interrupted run"))
        try index(op, state: .succeeded, targetId: targetId)
    }

    /// Saves the ids of a record the run wrote.
    package func crossReference(key: String, bcId: String?, lightspeedId: String?) throws(PipelineError) {
        try store?.save(IdCrossReference(entity: entity, key: key, bcId: bcId, lightspeedId: lightspeedId, runId: runId, updatedAt: clock()))
    }

    private func index(_ op: ApplyJournal.Operation, state: ApplyJournalIndexEntry.State, targetId: String?) throws(PipelineError) {
        try store?.save(ApplyJournalIndexEntry(runId: runId, entity: op.entity, key: op.key, operation: op.operation, state: state,
                                               targetId: targetId, updatedAt: clock()))
    }

    /// Puts the rejects and warnings files in place.
    package func commit() throws(PipelineError) {
        do { try rejects.commit() } catch { throw PipelineError(.io, "\(rejects.path): \(error.message)", underlying: error) }
        try WarningsFile.write(warnings.map { ($0.key, $0.message) }, stage: "apply", entity: entity, to: warningsPath)
    }

    /// `HTTP 400: …` → 400.
    static func status(in reason: String) -> Int? {
        guard reason.hasPrefix("HTTP ") else { return nil }
        return Int(reason.dropFirst(5).prefix { $0.isNumber })
    }
}
