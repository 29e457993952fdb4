import Foundation
import GRDB
import PosBridgeCore

/// Keeps the derived Category fields right: `fullPathName` (`Gear/Tents`), `nodeDepth` and the nested set
/// (`leftNode`, `rightNode`), recomputed for all categories after every category write.
enum LSCategoryTree {
    /// Recomputes the derived fields; records whose fields changed get `timeStamp` = `now` when given.
    static func renumber(_ db: Database, now: String?) throws {
        let categories = try LSStore.all(db, "Category")
        var children: [Int64: [[String: JSONValue]]] = [:]
        for category in categories { children[category.int("parentID") ?? 0, default: []].append(category) }
        var counter: Int64 = 0
        func walk(_ parent: Int64, path: String, depth: Int) throws {
            for var category in children[parent] ?? [] {
                guard let id = category.int("categoryID") else { continue }
                let name = LSWireFormat.text(category["name"])
                let full = path.isEmpty ? name : path + "/" + name
                counter += 1
                let left = counter
                try walk(id, path: full, depth: depth + 1)
                counter += 1
                let derived: [String: JSONValue] = [
                    "fullPathName": .string(full), "nodeDepth": .number(CanonicalNumber(depth)),
                    "leftNode": .number(CanonicalNumber(Int(left))), "rightNode": .number(CanonicalNumber(Int(counter))),
                ]
                var changed = false
                for (field, value) in derived where category[field] != value {
                    category[field] = value
                    changed = true
                }
                if changed {
                    if let now, category["timeStamp"] != nil { category["timeStamp"] = .string(now) }
                    try LSStore.put(db, "Category", id: id, category)
                }
            }
        }
        try walk(0, path: "", depth: 0)
    }
}
