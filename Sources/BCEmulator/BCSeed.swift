import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// Loads a seed folder (`fixtures/bc` layout: `companies.json` plus `<seedFolder>/<entitySet>.json`
/// and `pictures.json`) into the store, keeping each record's seed `lastModifiedDateTime`.
enum BCSeed {
    /// Loads the seed into an open transaction; the caller decides when (new state file, admin reset).
    package static func load(_ db: Database, from folder: URL, now: String) throws {
        let companies = try EmulatorSeed.rows(folder.appendingPathComponent("companies.json"))
        for case .object(var company) in companies {
            guard let id = company["id"]?.stringValue else { throw EmulatorError(.seed, "a company in companies.json has no id") }
            let seedFolder = company.removeValue(forKey: "seedFolder")?.stringValue
            let modified = company.removeValue(forKey: "lastModifiedDateTime")?.stringValue ?? now
            company["id"] = nil
            try BCStore.insert(db, BCEntity(company: "", set: "companies", id: id, parentId: nil, fields: company, modifiedAt: modified))
            if let seedFolder {
                try loadCompany(db, company: id.lowercased(), folder: folder.appendingPathComponent(seedFolder), now: now)
            }
        }
    }

    private static func loadCompany(_ db: Database, company: String, folder: URL, now: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        for file in files {
            let set = String(file.dropLast(5))
            let rows = try EmulatorSeed.rows(folder.appendingPathComponent(file))
            if set == "pictures" {
                for case .object(let picture) in rows { try loadPicture(db, company: company, picture, file: file) }
                continue
            }
            for case .object(var fields) in rows {
                guard let id = fields.removeValue(forKey: "id")?.stringValue else { throw EmulatorError(.seed, "a record in \(file) has no id") }
                let modified = fields.removeValue(forKey: "lastModifiedDateTime")?.stringValue
                let parentId = BCCatalog.parents[set].flatMap { fields[$0.field]?.stringValue }
                let timed = !BCCatalog.untimedSets.contains(set)
                try BCStore.insert(db, BCEntity(company: company, set: set, id: id, parentId: parentId, fields: fields, modifiedAt: timed ? (modified ?? now) : nil))
            }
        }
    }

    private static func loadPicture(_ db: Database, company: String, _ fields: [String: JSONValue], file: String) throws {
        guard let id = fields["id"]?.stringValue, let base64 = fields["contentBase64"]?.stringValue, let bytes = Data(base64Encoded: base64) else {
            throw EmulatorError(.seed, "a picture in \(file) lacks id or contentBase64")
        }
        let number = { (name: String) in fields[name].flatMap { if case .number(let n) = $0 { Int(n.text) } else { nil } } ?? 0 }
        try BCStore.putPicture(db, company: company, id: id, BCStore.Picture(
            contentType: fields["contentType"]?.stringValue ?? "image/png", width: number("width"), height: number("height"), content: Array(bytes)))
    }
}
