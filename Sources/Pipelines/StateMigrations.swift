import GRDB

/// The state store's schema as named, append-only migrations: a released migration is never
/// changed, a change is a new one at the end (GRDB records which ran in `grdb_migrations`).
enum StateMigrations {
    /// The names, in order.
    static let names = ["v1-run-ledger", "v2-id-cross-reference", "v3-watermarks", "v4-apply-journal-index"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(names[0]) { db in
            try db.create(table: "run") { table in
                table.primaryKey("id", .text)
                table.column("pipeline", .text).notNull().indexed()
                table.column("state", .text).notNull()
                table.column("dryRun", .boolean).notNull().defaults(to: false)
                table.column("createdAt", .datetime).notNull()
                table.column("updatedAt", .datetime).notNull()
                table.column("finishedAt", .datetime)
                table.column("counts", .jsonText).notNull().defaults(to: "{}")
                table.column("outcome", .text)
            }
        }
        migrator.registerMigration(names[1]) { db in
            try db.create(table: "idCrossReference") { table in
                table.column("entity", .text).notNull()
                table.column("key", .text).notNull()
                table.column("bcId", .text)
                table.column("lightspeedId", .text)
                table.column("runId", .text)
                table.column("updatedAt", .datetime).notNull()
                table.primaryKey(["entity", "key"])
            }
            try db.create(index: "idCrossReference_bcId", on: "idCrossReference", columns: ["entity", "bcId"])
            try db.create(index: "idCrossReference_lightspeedId", on: "idCrossReference", columns: ["entity", "lightspeedId"])
        }
        migrator.registerMigration(names[2]) { db in
            try db.create(table: "watermark") { table in
                table.column("pipeline", .text).notNull()
                table.column("entity", .text).notNull()
                table.column("value", .text).notNull()
                table.column("runId", .text).notNull()
                table.column("updatedAt", .datetime).notNull()
                table.primaryKey(["pipeline", "entity"])
            }
        }
        migrator.registerMigration(names[3]) { db in
            try db.create(table: "applyJournalIndex") { table in
                table.column("runId", .text).notNull().references("run", onDelete: .cascade)
                table.column("entity", .text).notNull()
                table.column("key", .text).notNull()
                table.column("operation", .text).notNull()
                table.column("state", .text).notNull()
                table.column("targetId", .text)
                table.column("updatedAt", .datetime).notNull()
                table.primaryKey(["runId", "entity", "key", "operation"])
            }
        }
        return migrator
    }
}
