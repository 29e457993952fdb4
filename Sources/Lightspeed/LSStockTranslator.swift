import Foundation
import PosBridgeCore

/// Lightspeed `ItemShop` rows → canonical `stock` records keyed `sku ␟ location`.
///
/// The location is `options.locations[shopID]` (the pipeline's location ↔ shop table), else the
/// shop's name from the `Shop` rows given, else the shop id; shop `0` — the all-shops summary row —
/// is always `*` (`CanonicalModel.allLocations`). `inventory` = `qoh`; Lightspeed has no reservation
/// on sales orders in the BC sense (layaways, special and work orders are shown separately in `ref`,
/// whether `qoh` already excludes them is not documented), so `reserved` = 0 and `available` = `qoh`:
/// what posbridge writes to Lightspeed is exactly `qoh`.
enum LSStockTranslator {
    /// From items with their `ItemShops` loaded; non-inventory items have no stock (their rows are
    /// left out by that rule). An item without a product key is one reject that stands for all of
    /// its rows (the reason says how many), so every row read is a record, a reject or counted there.
    static func translate(items: [LSObject], shops: [LSObject] = [], options: LSTranslationOptions = LSTranslationOptions()) -> TranslationResult {
        let skus = LSProductTranslator.skuIndex(items: items, options: options)
        var rows: [LSObject] = []
        var result = TranslationResult()
        for item in items {
            if LSFields.trimmed(item, "itemType")?.lowercased() == "non_inventory" { continue }
            let itemRows = LSFields.list(item, "ItemShops", "ItemShop")
            guard let itemID = LSFields.id(item, "itemID"), skus[itemID] != nil else {
                result.rejects.append(TranslationReject(
                    source: LSFields.source("Item", item, idName: "itemID"), field: LSFields.id(item, "itemID") == nil ? "itemID" : "customSku",
                    reason: "gives no product key, so its stock is left out (\(itemRows.count) ItemShop \(itemRows.count == 1 ? "row" : "rows"))"))
                continue
            }
            for var row in itemRows {
                if row["itemID"] == nil { row["itemID"] = .string(itemID) }
                rows.append(row)
            }
        }
        let translated = translate(itemShops: rows, skus: skus, shops: shops, options: options)
        result.records = translated.records
        result.rejects += translated.rejects
        return result
    }

    /// From `ItemShop` rows (the `/ItemShop` endpoint or unwrapped), matched to products through
    /// `skus` (`itemID` → canonical SKU, `LSProductTranslator.skuIndex`).
    static func translate(itemShops rows: [LSObject], skus: [String: String], shops: [LSObject] = [],
                                  options: LSTranslationOptions = LSTranslationOptions()) -> TranslationResult {
        var result = TranslationResult()
        let shopNames = Dictionary(shops.compactMap { shop in
            LSFields.trimmed(shop, "shopID").flatMap { id in LSFields.trimmed(shop, "name").map { (id, $0) } }
        }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        for row in rows {
            let source = "ItemShop(\(LSFields.trimmed(row, "itemShopID") ?? "?"))"
            guard let itemID = LSFields.id(row, "itemID"), let sku = skus[itemID] else {
                result.rejects.append(TranslationReject(source: source, field: "itemID", reason: "names no item with a product key"))
                continue
            }
            guard let shopID = LSFields.trimmed(row, "shopID") else {
                result.rejects.append(TranslationReject(source: source, field: "shopID", reason: "is empty"))
                continue
            }
            let location = location(shopID: shopID, shopNames: shopNames, options: options)
            // The SKU of a variant holds the separator itself (`1000␟RED-M`): its parts are key parts.
            guard let key = CanonicalModel.compositeKey(sku.components(separatedBy: CanonicalModel.keySeparator) + [location]),
                  seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, field: "shopID", reason: "gives an invalid or duplicate key"))
                continue
            }
            guard let qoh = LSFields.decimal(row, "qoh") else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "qoh", reason: "is not a decimal number"))
                continue
            }
            var ref: [String: JSONValue] = ["lsItemID": .string(itemID), "lsShopID": .string(shopID)]
            if let id = LSFields.id(row, "itemShopID") { ref["lsItemShopID"] = .string(id) }
            for name in ["onLayaway", "onSpecialOrder", "onWorkOrder", "onWorkorder"] {
                if let value = LSFields.decimal(row, name) { ref[name] = .number(value) }
            }
            typealias S = CanonicalModel.Stock
            result.records.append(SnapshotRecord(key: key, ref: ref, fields: [
                S.sku: .string(sku), S.location: .string(location), S.inventory: .number(qoh),
                S.reserved: .number(CanonicalNumber(0)), S.available: .number(qoh),
            ]))
        }
        return result
    }

    /// The location code of a shop (see the type's summary).
    static func location(shopID: String, shopNames: [String: String] = [:], options: LSTranslationOptions) -> String {
        if shopID == "0" { return CanonicalModel.allLocations }
        return options.locations[shopID] ?? shopNames[shopID] ?? shopID
    }
}
