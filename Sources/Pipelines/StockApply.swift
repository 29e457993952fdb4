import Foundation
import Lightspeed
import PosBridgeCore

/// The apply stage of a stock pipeline (BC → Lightspeed): update only. The changed quantities of
/// one item go out in one `PUT Item` with its `ItemShops` (absolute values, so a repeat is
/// harmless); unchanged ones are not written. A BC stock record whose SKU Lightspeed does not have
/// is a warning naming the SKU, not an error; a quantity that is not a whole number is a reject.
package struct StockApply: Sendable {
    typealias S = CanonicalModel.Stock

    let pipeline: EffectivePipeline
    let writer: any LightspeedWriter
    let log: ApplyLog

    package init(pipeline: EffectivePipeline, writer: any LightspeedWriter, log: ApplyLog) {
        self.pipeline = pipeline
        self.writer = writer
        self.log = log
    }

    /// One item's rows to write.
    struct ItemWrite {
        var sku: String
        var itemID: String
        var rows: [(key: String, quantity: LSShopQuantity)] = []
    }

    /// Applies `diff`; `target` is Lightspeed's stock snapshot by key (its item and shop ids).
    package func run(diff: [DiffEntry], desired: [String: SnapshotRecord], target: [String: SnapshotRecord], unchanged: Int) async throws {
        log.counts.unchanged += unchanged
        let shops = pipeline.tables["locations"] ?? [:]
        // SKU → Lightspeed item id, from every row Lightspeed has (any shop).
        var itemIDs: [String: String] = [:]
        for record in target.values {
            if let sku = record.fields[S.sku]?.stringValue, let id = record.ref["lsItemID"]?.stringValue { itemIDs[sku] = id }
        }
        var writes: [String: ItemWrite] = [:]
        var warnedSkus = Set<String>()
        for entry in diff.sorted(by: { $0.key < $1.key }) {
            switch entry.operation {
            case .missing:
                if pipeline.missing != .ignore { log.counts.missing += 1 }
                continue
            case .create, .update: break
            }
            guard let record = desired[entry.key], let sku = record.fields[S.sku]?.stringValue,
                  let location = record.fields[S.location]?.stringValue else { continue }
            guard let itemID = entry.operation == .update ? entry.ref["lsItemID"]?.stringValue ?? itemIDs[sku] : itemIDs[sku] else {
                if warnedSkus.insert(sku).inserted {
                    let shown = sku.replacingOccurrences(of: CanonicalModel.keySeparator, with: "/")
                    log.warn(key: sku, "SKU \(shown) is not in Lightspeed: its stock is not written")
                }
                log.counts.skipped += 1
                continue
            }
            guard let shopID = entry.ref["lsShopID"]?.stringValue ?? shops[location] else {
                try log.reject(key: record.key, field: S.location, reason: "location \(location) has no Lightspeed shop in table locations")
                continue
            }
            guard case .number(let available)? = record.fields[S.available], let quantity = Int(available.text) else {
                try log.reject(key: record.key, field: S.available, reason: "is not a whole number; Lightspeed's qoh is")
                continue
            }
            let row = LSShopQuantity(shopID: shopID, itemShopID: entry.ref["lsItemShopID"]?.stringValue, qoh: quantity)
            writes[itemID, default: ItemWrite(sku: sku, itemID: itemID)].rows.append((record.key, row))
        }
        for write in writes.values.sorted(by: { $0.sku < $1.sku }) {
            try await apply(write)
        }
        try log.commit()
    }

    private func apply(_ write: ItemWrite) async throws {
        let operation = ApplyJournal.Operation(entity: log.entity, key: write.sku, operation: "set-stock")
        if log.journal.finished(operation) == nil {
            let outcome = try await log.perform("set-stock", key: write.sku, request: "PUT Item (ItemShops)", idField: "itemID") {
                try await writer.setStock(itemID: write.itemID, shopQuantities: write.rows.map(\.quantity))
            }
            guard outcome.record != nil else {
                // The one reject stands for every row of the item: count the others too.
                log.counts.rejected += write.rows.count - 1
                return
            }
        }
        log.counts.updated += write.rows.count
    }
}
