import Foundation
import PosBridgeCore

/// The result of a bulk stock correction through an inventory count.
struct LSInventoryCountResult: Sendable, Hashable {
    /// The count created (nil when its creation was rejected).
    package var inventoryCountID: String?
    /// One outcome per counted item, by item id.
    package var items: [String: LSWriteOutcome]
    /// The reconcile outcome (nil when not asked for or nothing was counted).
    package var reconcile: LSWriteOutcome?
}

extension LSClient {
    /// Bulk stock correction (Lightspeed Retail API documentation, endpoint pages, method 2): `POST InventoryCount {name, shopID}`, one
    /// `POST InventoryCountItem {inventoryCountID, itemID, qty, employeeID}` per item, then — when
    /// `reconcile` — `POST InventoryCountReconcile {inventoryCountID}` (QOH changes only then; 10 drips).
    func correctStockByCount(shopID: String, employeeID: String, name: String,
                                     counts: [(itemID: String, qty: Int)], reconcile: Bool) async throws
        -> LSInventoryCountResult {
        let created = try await create("InventoryCount", ["name": .string(name), "shopID": .string(shopID)])
        guard let countID = created.record?["inventoryCountID"]?.lsForeignKey else {
            var items: [String: LSWriteOutcome] = [:]
            let reason: String
            if case .rejected(let why) = created { reason = why } else { reason = "inventory count has no id" }
            for entry in counts { items[entry.itemID] = .rejected(reason: "inventory count not created: \(reason)") }
            return LSInventoryCountResult(inventoryCountID: nil, items: items, reconcile: nil)
        }
        var items: [String: LSWriteOutcome] = [:]
        for entry in counts {
            items[entry.itemID] = try await create("InventoryCountItem", [
                "inventoryCountID": .string(countID), "itemID": .string(entry.itemID),
                "qty": .number(CanonicalNumber(entry.qty)), "employeeID": .string(employeeID),
            ])
        }
        var reconciled: LSWriteOutcome?
        if reconcile, items.values.contains(where: { $0.record != nil }) {
            reconciled = try await create("InventoryCountReconcile", ["inventoryCountID": .string(countID)])
        }
        return LSInventoryCountResult(inventoryCountID: countID, items: items, reconcile: reconciled)
    }
}
