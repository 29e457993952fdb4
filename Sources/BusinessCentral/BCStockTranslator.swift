import Foundation
import PosBridgeCore

/// BC stock figures → canonical `stock` records keyed `sku ␟ location` (the SKU itself is
/// `item` or `item ␟ variant`), from whichever of three sources the connection has:
/// the companion extension's `itemStock` (per item, variant and location), a published OData page
/// read once per location with a location filter, or the standard API's total (`items.inventory`
/// minus what open sales order lines still have to ship).
package enum BCStockTranslator {
    /// From companion `itemStock` rows (`itemNumber`, `variantCode`, `locationCode`, `inventory`,
    /// `reservedOnSalesOrders`, `available`). A blank location code becomes `_`
    /// (`CanonicalModel.blankLocation`); a missing `available` is `inventory − reserved`.
    package static func translate(companionStock rows: [BCObject]) -> TranslationResult {
        var result = TranslationResult()
        var seen = Set<String>()
        for row in rows {
            let source = "itemStock(\(BCFields.text(row, "itemNumber") ?? "?"),\(BCFields.text(row, "variantCode") ?? ""),\(BCFields.text(row, "locationCode") ?? ""))"
            guard let number = BCFields.trimmed(row, "itemNumber") else {
                result.rejects.append(TranslationReject(source: source, field: "itemNumber", reason: "is empty"))
                continue
            }
            let sku = [number] + (BCFields.trimmed(row, "variantCode").map { [$0] } ?? [])
            let location = BCFields.trimmed(row, "locationCode") ?? CanonicalModel.blankLocation
            guard let key = CanonicalModel.compositeKey(sku + [location]), seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, field: "itemNumber", reason: "gives an invalid or duplicate key"))
                continue
            }
            guard let inventory = BCFields.decimal(row, "inventory") else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "inventory", reason: "is not a decimal number"))
                continue
            }
            if BCFields.hasInvalidDecimal(row, "reservedOnSalesOrders") || BCFields.hasInvalidDecimal(row, "available") {
                result.rejects.append(TranslationReject(source: source, key: key, field: "reservedOnSalesOrders", reason: "is not a decimal number"))
                continue
            }
            let reserved = BCFields.decimal(row, "reservedOnSalesOrders") ?? CanonicalNumber(0)
            let available = BCFields.decimal(row, "available") ?? subtract(inventory, reserved)
            result.records.append(record(key: key, sku: sku, location: location, inventory: inventory, reserved: reserved,
                                         available: available, ref: [:]))
        }
        return result
    }

    /// Where a published OData page (e.g. the item card as a web service, read with
    /// `$filter=Location_Filter eq '<code>'`, Microsoft, "itemLedgerEntry resource type") keeps its figures. The page's field
    /// names are the control names of whatever page the partner publishes, so they are settings;
    /// the defaults follow the item card (`No`, `Inventory`, `Qty_on_Sales_Order`), unverified.
    package struct LocationPageLayout: Sendable, Hashable {
        /// The item number field.
        package var number = "No"
        /// The inventory (quantity on hand at the filtered location) field.
        package var inventory = "Inventory"
        /// The quantity on open sales orders, or nil when the page has none (reserved = 0).
        package var reserved: String? = "Qty_on_Sales_Order"
        /// The item card's names.
        package init() {}
    }

    /// From the rows of one per-location read of a published OData page.
    package static func translate(locationPage rows: [BCObject], location: String, layout: LocationPageLayout = LocationPageLayout()) -> TranslationResult {
        var result = TranslationResult()
        let locationKey = location.trimmingSpaces.isEmpty ? CanonicalModel.blankLocation : location.trimmingSpaces
        var seen = Set<String>()
        for row in rows {
            let source = "\(layout.number)(\(BCFields.text(row, layout.number) ?? "?"))@\(locationKey)"
            guard let number = BCFields.trimmed(row, layout.number), let key = CanonicalModel.compositeKey([number, locationKey]),
                  seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, field: layout.number, reason: "is empty or a duplicate"))
                continue
            }
            guard let inventory = BCFields.decimal(row, layout.inventory) else {
                result.rejects.append(TranslationReject(source: source, key: key, field: layout.inventory, reason: "is not a decimal number"))
                continue
            }
            let reserved = layout.reserved.flatMap { BCFields.decimal(row, $0) } ?? CanonicalNumber(0)
            result.records.append(record(key: key, sku: [number], location: locationKey, inventory: inventory, reserved: reserved,
                                         available: subtract(inventory, reserved), ref: [:]))
        }
        return result
    }

    /// The `omitted` rule for items without stock.
    package static let notStocked = "items: Service or Non-Inventory, no stock record"

    /// The standard-API fallback: per item, `items.inventory` (all locations, so location `*`)
    /// minus the outstanding quantity (`quantity − shippedQuantity`) of the `Item` lines of open
    /// sales orders, matched by `lineObjectNumber` (v2.0 lines carry the item number there).
    /// Service and Non-Inventory items (`type`) give no record; they are counted in `omitted`.
    package static func translate(items: [BCObject], openOrderLines: [BCObject]) -> TranslationResult {
        var result = TranslationResult()
        var outstanding: [String: Decimal] = [:]
        for line in openOrderLines {
            let type = BCEnum.decode(BCFields.text(line, "lineType") ?? "Item")
            guard type.lowercased() == "item", let number = BCFields.trimmed(line, "lineObjectNumber") else { continue }
            guard let quantity = BCFields.decimal(line, "quantity") else {
                result.rejects.append(TranslationReject(source: BCFields.source("salesOrderLines", line), field: "quantity", reason: "is not a decimal number"))
                continue
            }
            let shipped = BCFields.decimal(line, "shippedQuantity").map(ExactDecimal.decimal) ?? 0
            let open = ExactDecimal.decimal(quantity) - shipped
            if open > 0 { outstanding[number, default: 0] += open }
        }
        var seen = Set<String>()
        for item in items {
            let source = BCFields.source("items", item)
            guard let number = BCFields.trimmed(item, "number"), let key = CanonicalModel.compositeKey([number, CanonicalModel.allLocations]),
                  seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, field: "number", reason: "is empty or a duplicate"))
                continue
            }
            // Services and non-inventory items have no stock record (counted, not rejected). The
            // read must select `type`: without it every item would count as Inventory.
            let type = BCEnum.decode(BCFields.text(item, "type") ?? "Inventory").lowercased()
            guard type == "inventory" else {
                result.omitted[Self.notStocked, default: 0] += 1
                continue
            }
            guard let inventory = BCFields.decimal(item, "inventory") else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "inventory", reason: "is not a decimal number"))
                continue
            }
            let reserved = ExactDecimal.number(outstanding[number] ?? 0)
            var ref: [String: JSONValue] = [:]
            if let id = BCFields.guid(item, "id") { ref["bcId"] = .string(id) }
            result.records.append(record(key: key, sku: [number], location: CanonicalModel.allLocations, inventory: inventory,
                                         reserved: reserved, available: subtract(inventory, reserved), ref: ref))
        }
        return result
    }

    private static func subtract(_ a: CanonicalNumber, _ b: CanonicalNumber) -> CanonicalNumber {
        ExactDecimal.number(ExactDecimal.decimal(a) - ExactDecimal.decimal(b))
    }

    private static func record(key: String, sku: [String], location: String, inventory: CanonicalNumber, reserved: CanonicalNumber,
                               available: CanonicalNumber, ref: [String: JSONValue]) -> SnapshotRecord {
        typealias S = CanonicalModel.Stock
        return SnapshotRecord(key: key, ref: ref, fields: [
            S.sku: .string(sku.joined(separator: CanonicalModel.keySeparator)),
            S.location: .string(location),
            S.inventory: .number(inventory),
            S.reserved: .number(reserved),
            S.available: .number(available),
        ])
    }
}
