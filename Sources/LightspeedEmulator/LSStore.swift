import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// The Lightspeed emulator's state in one SQLite file: one table of records, each stored as natural JSON
/// (numbers, booleans, arrays) under its entity and integer primary key. Every function takes the caller's
/// `Database` so a request's writes commit together.
package final class LSStore: Sendable {
    /// The queue all requests go through.
    package let queue: DatabaseQueue

    /// Opens (creating if needed) the state file and applies the migrations.
    package init(path: String) throws(EmulatorError) {
        queue = try EmulatorStateFile.open(path, migrator: Self.migrator)
    }

    /// Named, append-only migrations.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-lightspeed-records") { db in
            try db.create(table: "record") { t in
                t.column("entity", .text).notNull()
                t.column("id", .integer).notNull()
                t.column("json", .text).notNull()
                t.primaryKey(["entity", "id"])
            }
            try db.create(table: "image") { t in
                t.column("id", .integer).primaryKey()
                t.column("content", .blob).notNull()
            }
        }
        return migrator
    }

    /// Whether nothing has been stored yet (a new state file).
    package func isEmpty() throws(EmulatorError) -> Bool {
        do {
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record") ?? 0 } == 0
        } catch {
            throw EmulatorError(.state, "cannot read the emulator state", underlying: error)
        }
    }

    /// All records of an entity by ascending primary key.
    package static func all(_ db: Database, _ entity: String) throws -> [[String: JSONValue]] {
        try String.fetchAll(db, sql: "SELECT json FROM record WHERE entity = ? ORDER BY id", arguments: [entity]).map(parse)
    }

    /// One record by primary key.
    package static func find(_ db: Database, _ entity: String, id: Int64) throws -> [String: JSONValue]? {
        try String.fetchOne(db, sql: "SELECT json FROM record WHERE entity = ? AND id = ?", arguments: [entity, id]).map(parse)
    }

    /// Inserts or replaces a record under `id`.
    package static func put(_ db: Database, _ entity: String, id: Int64, _ record: [String: JSONValue]) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO record (entity, id, json) VALUES (?, ?, ?)", arguments: [entity, id, CanonicalJSON.string(.object(record))])
    }

    /// Removes a record.
    package static func remove(_ db: Database, _ entity: String, id: Int64) throws {
        try db.execute(sql: "DELETE FROM record WHERE entity = ? AND id = ?", arguments: [entity, id])
    }

    /// The next free primary key of an entity.
    package static func nextID(_ db: Database, _ entity: String) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT max(id) FROM record WHERE entity = ?", arguments: [entity]) ?? 0) + 1
    }

    /// Stores uploaded image bytes.
    static func putImage(_ db: Database, id: Int64, _ bytes: [UInt8]) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO image (id, content) VALUES (?, ?)", arguments: [id, Data(bytes)])
    }

    /// Removes everything (admin reset before re-seeding).
    package static func wipe(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM record")
        try db.execute(sql: "DELETE FROM image")
    }

    private static func parse(_ text: String) throws -> [String: JSONValue] {
        guard case .object(let fields) = try JSONParser.parse(bytes: Array(text.utf8)) else {
            throw EmulatorError(.state, "a stored record holds JSON that is not an object")
        }
        return fields
    }
}

extension [String: JSONValue] {
    /// An integer member (stored as number or numeric string), or nil.
    func int(_ name: String) -> Int64? {
        switch self[name] {
        case .number(let number)?: Int64(number.text)
        case .string(let text)?: Int64(text)
        default: nil
        }
    }
}
