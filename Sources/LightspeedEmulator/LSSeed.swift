import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// Loads a seed folder (`fixtures/lightspeed` layout: one `<Entity>.json` array per entity, records in natural
/// JSON) into the store. Category paths and the nested set are computed here, not seeded.
enum LSSeed {
    /// Loads the seed into an open transaction.
    package static func load(_ db: Database, from folder: URL) throws {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw EmulatorError(.seed, "cannot read the seed folder \(folder.path)", underlying: error)
        }
        guard files.contains("Account.json") else { throw EmulatorError(.seed, "the seed folder \(folder.path) has no Account.json") }
        for file in files {
            let entity = String(file.dropLast(5))
            let key = entity == "Account" ? "accountID" : LSCatalog.entities[entity]?.key
            guard let key else { throw EmulatorError(.seed, "\(file) names no entity the emulator serves") }
            for case .object(let record) in try EmulatorSeed.rows(folder.appendingPathComponent(file)) {
                guard let id = record.int(key) else { throw EmulatorError(.seed, "a record in \(file) has no \(key)") }
                try LSStore.put(db, entity, id: id, record)
            }
        }
        try LSCategoryTree.renumber(db, now: nil)
    }
}
