import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// The emulator's state in one SQLite file: a generic entity table (JSON per record) plus picture
/// bytes. Every function takes the `Database` of the caller's transaction so `$batch` with
/// `Isolation: snapshot` can roll a whole batch back.
package final class BCStore: Sendable {
    /// The queue all requests go through; one writer at a time is plenty for an emulator.
    package let queue: DatabaseQueue

    /// Opens (creating if needed) the state file and applies the migrations.
    package init(path: String) throws(EmulatorError) {
        queue = try EmulatorStateFile.open(path, migrator: Self.migrator)
    }

    /// Named, append-only migrations.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-entities-and-media") { db in
            try db.create(table: "entity") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("company", .text).notNull()
                t.column("entitySet", .text).notNull()
                t.column("id", .text).notNull()
                t.column("parentId", .text)
                t.column("json", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("modifiedAt", .text)
                t.uniqueKey(["company", "entitySet", "id"])
            }
            try db.create(index: "entity_parent", on: "entity", columns: ["company", "entitySet", "parentId"])
            try db.create(table: "media") { t in
                t.column("company", .text).notNull()
                t.column("id", .text).notNull()
                t.column("contentType", .text).notNull()
                t.column("width", .integer).notNull()
                t.column("height", .integer).notNull()
                t.column("content", .blob).notNull()
                t.primaryKey(["company", "id"])
            }
        }
        return migrator
    }

    /// Whether nothing has been stored yet (a new state file).
    package func isEmpty() throws(EmulatorError) -> Bool {
        do {
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entity") ?? 0 } == 0
        } catch {
            throw EmulatorError(.state, "cannot read the emulator state", underlying: error)
        }
    }

    // MARK: Entities

    /// All entities of a set in a company, in insertion order.
    package static func all(_ db: Database, company: String, set: String) throws -> [BCEntity] {
        try Row.fetchAll(db, sql: "SELECT * FROM entity WHERE company = ? AND entitySet = ? ORDER BY seq", arguments: [company, set]).map(entity)
    }

    /// The children of one parent (lines of a document, variants of an item).
    package static func children(_ db: Database, company: String, set: String, parentId: String) throws -> [BCEntity] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM entity WHERE company = ? AND entitySet = ? AND parentId = ? ORDER BY seq",
            arguments: [company, set, parentId.lowercased()]
        ).map(entity)
    }

    /// One entity by id (GUIDs compare case-insensitively, as in BC URLs).
    package static func find(_ db: Database, company: String, set: String, id: String) throws -> BCEntity? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM entity WHERE company = ? AND entitySet = ? AND id = ?", arguments: [company, set, id.lowercased()]
        ).map(entity)
    }

    /// Stores a new entity with the next version; returns it with `seq` and `version` set.
    @discardableResult
    package static func insert(_ db: Database, _ new: BCEntity) throws -> BCEntity {
        var stored = new
        stored.id = new.id.lowercased()
        stored.parentId = new.parentId?.lowercased()
        stored.version = try nextVersion(db)
        try db.execute(
            sql: "INSERT INTO entity (company, entitySet, id, parentId, json, version, modifiedAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [stored.company, stored.set, stored.id, stored.parentId, CanonicalJSON.string(.object(stored.fields)), stored.version, stored.modifiedAt])
        stored.seq = db.lastInsertedRowID
        return stored
    }

    /// Writes an entity's fields back with the next version (every write moves the ETag).
    @discardableResult
    package static func update(_ db: Database, _ changed: BCEntity) throws -> BCEntity {
        var stored = changed
        stored.version = try nextVersion(db)
        try db.execute(
            sql: "UPDATE entity SET json = ?, version = ?, modifiedAt = ?, parentId = ? WHERE seq = ?",
            arguments: [CanonicalJSON.string(.object(stored.fields)), stored.version, stored.modifiedAt, stored.parentId, stored.seq])
        return stored
    }

    /// Removes an entity and its children.
    package static func delete(_ db: Database, _ entity: BCEntity) throws {
        try db.execute(sql: "DELETE FROM entity WHERE seq = ?", arguments: [entity.seq])
        try db.execute(sql: "DELETE FROM entity WHERE company = ? AND parentId = ?", arguments: [entity.company, entity.id])
        try db.execute(sql: "DELETE FROM media WHERE company = ? AND id = ?", arguments: [entity.company, entity.id])
    }

    /// Removes everything (admin reset before re-seeding).
    package static func wipe(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM entity")
        try db.execute(sql: "DELETE FROM media")
    }

    private static func nextVersion(_ db: Database) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT max(version) FROM entity") ?? 0) + 1
    }

    private static func entity(_ row: Row) throws -> BCEntity {
        let text: String = row["json"]
        guard case .object(let fields) = try JSONParser.parse(bytes: Array(text.utf8)) else {
            throw EmulatorError(.state, "entity \(row["seq"] as Int64) holds JSON that is not an object")
        }
        var entity = BCEntity(company: row["company"], set: row["entitySet"], id: row["id"], parentId: row["parentId"], fields: fields, modifiedAt: row["modifiedAt"])
        entity.seq = row["seq"]
        entity.version = row["version"]
        return entity
    }

    // MARK: Media

    /// A stored picture.
    package struct Picture: Sendable {
        /// MIME type, e.g. `image/png`.
        package var contentType: String
        /// Width in pixels (0 when unknown).
        package var width: Int
        /// Height in pixels (0 when unknown).
        package var height: Int
        /// The image bytes.
        package var content: [UInt8]
    }

    /// The picture of an entity, if any.
    package static func picture(_ db: Database, company: String, id: String) throws -> Picture? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM media WHERE company = ? AND id = ?", arguments: [company, id.lowercased()]) else { return nil }
        let data: Data = row["content"]
        return Picture(contentType: row["contentType"], width: row["width"], height: row["height"], content: Array(data))
    }

    /// Stores or replaces a picture.
    static func putPicture(_ db: Database, company: String, id: String, _ picture: Picture) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO media (company, id, contentType, width, height, content) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [company, id.lowercased(), picture.contentType, picture.width, picture.height, Data(picture.content)])
    }

    /// Removes a picture.
    static func deletePicture(_ db: Database, company: String, id: String) throws {
        try db.execute(sql: "DELETE FROM media WHERE company = ? AND id = ?", arguments: [company, id.lowercased()])
    }
}
