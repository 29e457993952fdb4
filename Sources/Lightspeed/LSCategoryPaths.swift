import Foundation
import PosBridgeCore

/// Category paths (names root → leaf) from `Category.fullPathName` (`"Apparel/Jackets"`, Lightspeed's
/// Category page), or, when a row has none, from its `parentID` chain.
struct LSCategoryPaths {
    private var rows: [String: LSObject] = [:]

    init(_ categories: [LSObject]) {
        for row in categories {
            if let id = LSFields.id(row, "categoryID"), rows[id] == nil { rows[id] = row }
        }
    }

    /// The path of a category id, nil when unknown or nameless.
    func path(_ id: String) -> [String]? {
        guard let row = rows[id] else { return nil }
        return Self.path(row, rows: rows)
    }

    /// The path of an item or matrix: its loaded `Category`, else its `categoryID` in the categories given.
    func path(of item: LSObject) -> [String]? {
        if let category = LSFields.object(item, "Category"), let path = Self.path(category, rows: rows) { return path }
        return LSFields.id(item, "categoryID").flatMap(path)
    }

    private static func path(_ row: LSObject, rows: [String: LSObject]) -> [String]? {
        if let full = LSFields.trimmed(row, "fullPathName") {
            let parts = full.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !parts.isEmpty { return parts }
        }
        var names: [String] = []
        var current: LSObject? = row
        var visited = Set<String>()
        while let node = current {
            guard let name = LSFields.trimmed(node, "name") else { return nil }
            names.insert(name, at: 0)
            guard let parentID = LSFields.id(node, "parentID"), visited.insert(parentID).inserted else { break }
            current = rows[parentID]
        }
        return names.isEmpty ? nil : names
    }
}
