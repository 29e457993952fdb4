import Foundation
import GRDB
@testable import Pipelines
import TestSupport
import Testing

@Suite struct StateStoreTests {
    private let time = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func migratesAnEmptyHomeToTheCurrentSchema() throws {
        let workspace = try TempWorkspace("state")
        let store = try StateStore(home: workspace.url.path)
        #expect(workspace.exists("state/posbridge.sqlite"))
        #expect(try store.appliedMigrations() == ["v1-run-ledger", "v2-id-cross-reference", "v3-watermarks", "v4-apply-journal-index"])
        let tables = try DatabaseQueue(path: StateStore.path(home: workspace.url.path)).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(tables == ["applyJournalIndex", "grdb_migrations", "idCrossReference", "run", "watermark"])
        // Opening again migrates nothing and keeps the data.
        try store.createRun(id: "r1", pipeline: "products", at: time)
        let reopened = try StateStore(home: workspace.url.path)
        #expect(try reopened.run(id: "r1")?.pipeline == "products")
    }

    @Test func theLedgerPersistsTheLifecycle() throws {
        let store = try StateStore()
        try store.createRun(id: "20261129-010000-products", pipeline: "products", dryRun: true, at: time)
        try store.advance(run: "20261129-010000-products", .completed(.extract), at: time + 1)
        let run = try store.advance(run: "20261129-010000-products", .completed(.normalize), at: time + 2)
        #expect(run.state == .normalized)
        #expect(try store.run(id: "20261129-010000-products")?.state == .normalized)
        #expect(try store.run(id: "20261129-010000-products")?.updatedAt == time + 2)
        // An illegal move is refused and leaves the stored state alone.
        #expect(throws: PipelineError.self) { try store.advance(run: "20261129-010000-products", .applyStarted, at: time + 3) }
        #expect(try store.run(id: "20261129-010000-products")?.state == .normalized)
        try store.advance(run: "20261129-010000-products", .failed(.map), at: time + 4)
        try store.finish(run: "20261129-010000-products", outcome: .failed, counts: ["rejected": 2], at: time + 5)
        let finished = try #require(try store.run(id: "20261129-010000-products"))
        #expect(finished.state == .failed(.map) && finished.outcome == .failed && finished.counts == ["rejected": 2] && finished.dryRun)
        #expect(try store.runs(pipeline: "products").map(\.id) == ["20261129-010000-products"])
        #expect(throws: PipelineError.self) { try store.advance(run: "nope", .completed(.extract), at: time) }
    }

    @Test func idsWatermarksAndTheJournalIndex() throws {
        let store = try StateStore()
        try store.save(IdCrossReference(entity: "products", key: "1000", bcId: "5b1c", lightspeedId: nil, runId: "r1", updatedAt: time))
        try store.save(IdCrossReference(entity: "products", key: "1000", bcId: "5b1c", lightspeedId: "42", runId: "r2", updatedAt: time))
        #expect(try store.crossReference(entity: "products", key: "1000")?.lightspeedId == "42")
        #expect(try store.crossReference(entity: "stock", key: "1000") == nil)

        try store.save(Watermark(pipeline: "orders", entity: "orders", value: "2026-11-28T23:59:00Z", runId: "r1", updatedAt: time))
        try store.save(Watermark(pipeline: "orders", entity: "orders", value: "2026-11-29T23:59:00Z", runId: "r2", updatedAt: time))
        #expect(try store.watermark(pipeline: "orders", entity: "orders")?.value == "2026-11-29T23:59:00Z")

        try store.createRun(id: "r2", pipeline: "products", at: time)
        try store.save(ApplyJournalIndexEntry(runId: "r2", entity: "products", key: "1000", operation: "create", state: .intent, updatedAt: time))
        try store.save(ApplyJournalIndexEntry(runId: "r2", entity: "products", key: "1000", operation: "create", state: .succeeded, targetId: "42", updatedAt: time))
        try store.save(ApplyJournalIndexEntry(runId: "r2", entity: "products", key: "1001", operation: "update", state: .intent, updatedAt: time))
        let journal = try store.journal(run: "r2")
        #expect(journal.map(\.state) == [.succeeded, .intent])
        #expect(journal.first?.targetId == "42")
    }
}
