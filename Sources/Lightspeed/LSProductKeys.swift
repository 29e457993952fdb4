import Foundation
import PosBridgeCore

/// The canonical product key of each Lightspeed item, decided once for the product, stock and
/// order translators alike (the matrix SKU rule is described on `LSProductTranslator`).
enum LSProductKeys {
    struct Entry {
        var item: LSObject
        var key: String
        var matrixID: String?
        var parentSku: String?
        var variantCode: String?
    }

    struct Plan {
        var entries: [Entry] = []
        var rejects: [TranslationReject] = []
    }

    static func plan(items: [LSObject], options: LSTranslationOptions) -> Plan {
        var plan = Plan()
        var groups: [(id: String, items: [(LSObject, String)])] = []
        var groupIndex: [String: Int] = [:]
        for item in items {
            let source = LSFields.source("Item", item, idName: "itemID")
            guard let sku = LSFields.trimmed(item, "customSku") else {
                plan.rejects.append(TranslationReject(source: source, field: "customSku", reason: "is empty (the product key)"))
                continue
            }
            if let matrixID = LSFields.id(item, "itemMatrixID") {
                if let index = groupIndex[matrixID] {
                    groups[index].items.append((item, sku))
                } else {
                    groupIndex[matrixID] = groups.count
                    groups.append((matrixID, [(item, sku)]))
                }
                continue
            }
            guard let key = CanonicalModel.compositeKey([sku]) else {
                plan.rejects.append(TranslationReject(source: source, field: "customSku", reason: "contains U+001F"))
                continue
            }
            plan.entries.append(Entry(item: item, key: key))
        }
        let separator = options.variantSeparator
        for group in groups {
            let children = group.items.sorted { itemNumber($0.0) < itemNumber($1.0) }
            let parentSku = options.matrixSkus[group.id]
                ?? children.lazy.compactMap { _, sku in sku.range(of: separator).map { String(sku[..<$0.lowerBound]) } }.first { !$0.isEmpty }
            guard let parentSku else {
                for (item, _) in children {
                    plan.rejects.append(TranslationReject(source: LSFields.source("Item", item, idName: "itemID"), field: "customSku",
                                                          reason: "of no item of matrix \(group.id) has the form <item>\(separator)<variant>, so the matrix SKU is unknown"))
                }
                continue
            }
            let prefix = parentSku + separator
            for (item, sku) in children {
                let source = LSFields.source("Item", item, idName: "itemID")
                guard sku.hasPrefix(prefix), sku.count > prefix.count,
                      let key = CanonicalModel.compositeKey([parentSku, String(sku.dropFirst(prefix.count))]) else {
                    plan.rejects.append(TranslationReject(source: source, field: "customSku",
                                                          reason: "does not have the form \(parentSku)\(separator)<variant> of its matrix"))
                    continue
                }
                plan.entries.append(Entry(item: item, key: key, matrixID: group.id, parentSku: parentSku,
                                          variantCode: String(sku.dropFirst(prefix.count))))
            }
        }
        return plan
    }

    /// `itemID` as a number for ordering (ids are numeric strings); unknown ids last.
    private static func itemNumber(_ item: LSObject) -> Int {
        LSFields.trimmed(item, "itemID").flatMap { Int($0) } ?? Int.max
    }
}
