import Foundation
import GRDB

/// posbridge's state in one SQLite file (`<home>/state/posbridge.sqlite`) through GRDB: the run
/// ledger with each run's lifecycle, the id cross-reference, watermarks and the apply journal's
/// index. Migrated to the current schema when opened.
package final class StateStore: Sendable {
    /// The file of a home folder's state.
    package static func path(home: String) -> String {
        ((home as NSString).appendingPathComponent("state") as NSString).appendingPathComponent("posbridge.sqlite")
    }

    private let queue: DatabaseQueue

    /// Opens (creating and migrating) the store of a home folder.
    package convenience init(home: String) throws(PipelineError) {
        try self.init(path: Self.path(home: home))
    }

    /// Opens (creating and migrating) the store at `path`.
    package init(path: String) throws(PipelineError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(5)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try StateMigrations.migrator.migrate(queue)
        } catch {
            throw PipelineError(.state, "\(path): cannot open the state store", underlying: error)
        }
    }

    /// An empty store in memory (tests).
    package init() throws(PipelineError) {
        do {
            queue = try DatabaseQueue()
            try StateMigrations.migrator.migrate(queue)
        } catch {
            throw PipelineError(.state, "cannot create an in-memory state store", underlying: error)
        }
    }

    /// The migrations applied, in order.
    package func appliedMigrations() throws(PipelineError) -> [String] {
        try read("list migrations") { db in try StateMigrations.migrator.appliedIdentifiers(db) }.sorted { StateMigrations.names.firstIndex(of: $0) ?? 0 < StateMigrations.names.firstIndex(of: $1) ?? 0 }
    }

    // MARK: Run ledger

    /// Records a new run in state `created`.
    @discardableResult
    package func createRun(id: String, pipeline: String, dryRun: Bool = false, at time: Date) throws(PipelineError) -> RunRecord {
        let run = RunRecord(id: id, pipeline: pipeline, dryRun: dryRun, createdAt: time)
        try write("record run \(id)") { db in try run.insert(db) }
        return run
    }

    /// A run by id.
    package func run(id: String) throws(PipelineError) -> RunRecord? {
        try read("read run \(id)") { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The runs of a pipeline, newest first.
    package func runs(pipeline: String) throws(PipelineError) -> [RunRecord] {
        try read("read the runs of \(pipeline)") { db in
            try RunRecord.filter(Column("pipeline") == pipeline).order(Column("createdAt").desc, Column("id").desc).fetchAll(db)
        }
    }

    /// Moves a run along its lifecycle in one transaction (read, check the edge, write); throws a
    /// lifecycle error when the edge does not exist, leaving the run as it was.
    @discardableResult
    package func advance(run id: String, _ event: RunState.Event, at time: Date) throws(PipelineError) -> RunRecord {
        var lifecycleError: PipelineError?
        let updated: RunRecord? = try write("update run \(id)") { db -> RunRecord? in
            guard var run = try RunRecord.fetchOne(db, key: id) else { return nil }
            do { run.state = try run.state.next(event) } catch let error as PipelineError { lifecycleError = error; return run }
            run.updatedAt = time
            try run.update(db)
            return run
        }
        if let lifecycleError { throw PipelineError(.lifecycle, "run \(id): \(lifecycleError.message)") }
        guard let updated else { throw PipelineError(.state, "no run \(id) in the state store") }
        return updated
    }

    /// Records a run's counts and outcome.
    package func finish(run id: String, outcome: RunOutcome, counts: [String: Int], at time: Date) throws(PipelineError) {
        let found: Bool = try write("finish run \(id)") { db -> Bool in
            guard var run = try RunRecord.fetchOne(db, key: id) else { return false }
            run.outcome = outcome
            run.counts = counts
            run.finishedAt = time
            run.updatedAt = time
            try run.update(db)
            return true
        }
        if !found { throw PipelineError(.state, "no run \(id) in the state store") }
    }

    // MARK: Id cross-reference, watermarks, journal index

    /// Adds or replaces the ids of one record.
    package func save(_ reference: IdCrossReference) throws(PipelineError) {
        try write("save the ids of \(reference.entity) \(reference.key)") { db in try reference.insert(db, onConflict: .replace) }
    }

    package func crossReference(entity: String, key: String) throws(PipelineError) -> IdCrossReference? {
        try read("read the ids of \(entity) \(key)") { db in
            try IdCrossReference.fetchOne(db, key: ["entity": entity, "key": key])
        }
    }

    /// Sets a pipeline's watermark for an entity.
    package func save(_ watermark: Watermark) throws(PipelineError) {
        try write("save the watermark of \(watermark.pipeline)") { db in try watermark.insert(db, onConflict: .replace) }
    }

    package func watermark(pipeline: String, entity: String) throws(PipelineError) -> Watermark? {
        try read("read the watermark of \(pipeline)") { db in
            try Watermark.fetchOne(db, key: ["pipeline": pipeline, "entity": entity])
        }
    }

    /// Adds or moves on one operation in the journal index.
    package func save(_ entry: ApplyJournalIndexEntry) throws(PipelineError) {
        try write("index the journal of run \(entry.runId)") { db in try entry.insert(db, onConflict: .replace) }
    }

    /// A run's operations, by entity and key.
    package func journal(run id: String) throws(PipelineError) -> [ApplyJournalIndexEntry] {
        try read("read the journal index of run \(id)") { db in
            try ApplyJournalIndexEntry.filter(Column("runId") == id).order(Column("entity"), Column("key"), Column("operation")).fetchAll(db)
        }
    }

    // MARK: Access

    private func read<T>(_ what: String, _ body: (Database) throws -> T) throws(PipelineError) -> T {
        do { return try queue.read(body) } catch {
            throw PipelineError(.state, "state store: cannot \(what)", underlying: error)
        }
    }

    private func write<T>(_ what: String, _ body: (Database) throws -> T) throws(PipelineError) -> T {
        do { return try queue.write(body) } catch {
            throw PipelineError(.state, "state store: cannot \(what)", underlying: error)
        }
    }
}
