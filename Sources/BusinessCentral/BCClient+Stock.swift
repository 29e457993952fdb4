import Foundation
import Logging
import PosBridgeCore

/// Stock of one item (and variant) at one location, or across all locations.
package struct BCStockFigure: Sendable, Hashable {
    package let itemNumber: String
    /// Nil when the figure covers all locations (the `standard` source cannot split by location).
    package let locationCode: String?
    /// Nil unless the source reports per variant (the companion API).
    package let variantCode: String?
    /// Quantity on hand.
    package let inventory: Decimal
    /// Outstanding quantity on open sales order lines.
    package let onSalesOrders: Decimal

    package init(itemNumber: String, locationCode: String?, variantCode: String? = nil, inventory: Decimal,
                 onSalesOrders: Decimal) {
        self.itemNumber = itemNumber
        self.locationCode = locationCode
        self.variantCode = variantCode
        self.inventory = inventory
        self.onSalesOrders = onSalesOrders
    }

    /// What can still be sold: inventory minus the outstanding sales order quantity.
    package var available: Decimal { inventory - onSalesOrders }
}

extension BCClient {
    /// Field names of the stock page published as an OData web service (an Item list/card page with the
    /// `Location Filter` flow filter). UNVERIFIED: derived from the captions by the ODataV4 naming rule
    /// (`No.` → `No`, `Qty. on Sales Order` → `Qty_on_Sales_Order`); the reference documents only
    /// `No` and `Location_Filter` (§1.1, §2.12).
    enum ODataStockField {
        static let number = "No", inventory = "Inventory", onSalesOrders = "Qty_on_Sales_Order"
        static let locationFilter = "Location_Filter"
    }

    /// Field names of the companion extension's `itemStock` entity. ASSUMED: they must match
    /// `docs/bc-companion-api.md` (written in parallel); adjust here if that document differs.
    enum CompanionStockField {
        static let entitySet = "itemStock"
        static let itemNumber = "itemNumber", variantCode = "variantCode", locationCode = "locationCode"
        static let inventory = "inventory", onSalesOrders = "reservedOnSalesOrders"
    }

    /// Stock figures from the source the connection names (`stockSource`):
    /// - `odataPage`: one read of the stock page per location with `Location_Filter eq '{code}'`
    ///   (one read without the filter, giving totals, when `locations` is empty);
    /// - `standard`: `items.inventory` minus the outstanding quantity (`quantity - shippedQuantity`) of
    ///   item lines on open sales orders, per item across all locations (`locationCode` nil) — the
    ///   standard API has no per-location quantity (reference §2.12);
    /// - `companion`: the companion API's `itemStock`, filtered to the locations.
    package func stock(locations: [String]) async throws -> [BCStockFigure] {
        switch settings.stockSource {
        case .odataPage: try await odataPageStock(locations: locations)
        case .standard: try await standardStock(locations: locations)
        case .companion: try await companionStock(locations: locations)
        }
    }

    private func odataPageStock(locations: [String]) async throws -> [BCStockFigure] {
        let base = BCQuery(settings.odataStockService, route: .odataPage)
            .select(ODataStockField.number, ODataStockField.inventory, ODataStockField.onSalesOrders)
        var figures: [BCStockFigure] = []
        let targets: [String?] = locations.isEmpty ? [nil] : locations.map { $0 }
        for location in targets {
            let query = location.map { base.filter(.equals(ODataStockField.locationFilter, $0)) } ?? base
            try await readAll(query) { page in
                for row in page.values {
                    guard let number = row[ODataStockField.number]?.stringValue else { continue }
                    figures.append(BCStockFigure(
                        itemNumber: number, locationCode: location,
                        inventory: try Self.decimal(row[ODataStockField.inventory], field: ODataStockField.inventory),
                        onSalesOrders: try Self.decimal(row[ODataStockField.onSalesOrders], field: ODataStockField.onSalesOrders)))
                }
            }
        }
        return figures
    }

    private func standardStock(locations: [String]) async throws -> [BCStockFigure] {
        if !locations.isEmpty {
            effects.logger.notice("the standard API has no stock per location; reporting totals",
                                  metadata: ["bc.stock-source": "standard"])
        }
        var outstanding: [String: Decimal] = [:]
        let orders = BCQuery("salesOrders").select("id")
            .expand(BCQuery.Expand("salesOrderLines", select: ["lineType", "lineObjectNumber", "quantity", "shippedQuantity"]))
        try await readAll(orders) { page in
            for order in page.values {
                guard case .array(let lines)? = order["salesOrderLines"] else { continue }
                for case .object(let line) in lines {
                    guard Self.enumValue(line["lineType"], is: "Item"),
                          let number = line["lineObjectNumber"]?.stringValue, !number.isEmpty else { continue }
                    let open = try Self.decimal(line["quantity"], field: "quantity")
                        - Self.decimal(line["shippedQuantity"], field: "shippedQuantity")
                    if open > 0 { outstanding[number, default: 0] += open }
                }
            }
        }
        var figures: [BCStockFigure] = []
        try await readAll(BCQuery("items").select("number", "inventory")) { page in
            for item in page.values {
                guard let number = item["number"]?.stringValue else { continue }
                figures.append(BCStockFigure(
                    itemNumber: number, locationCode: nil,
                    inventory: try Self.decimal(item["inventory"], field: "inventory"),
                    onSalesOrders: outstanding[number] ?? 0))
            }
        }
        return figures
    }

    private func companionStock(locations: [String]) async throws -> [BCStockFigure] {
        guard settings.companion.installed else {
            throw BCError(.configuration, "\(settings.name): stockSource is companion but companionAPI.installed is not true")
        }
        var query = BCQuery(CompanionStockField.entitySet, route: .companion)
        if let first = locations.first {
            // `or` over the same field is allowed (reference §3.1).
            let filter = locations.dropFirst().reduce(BCQuery.Filter.equals(CompanionStockField.locationCode, first)) {
                $0 || .equals(CompanionStockField.locationCode, $1)
            }
            query = query.filter(filter)
        }
        var figures: [BCStockFigure] = []
        try await readAll(query) { page in
            for row in page.values {
                guard let number = row[CompanionStockField.itemNumber]?.stringValue else { continue }
                let variant = row[CompanionStockField.variantCode]?.stringValue
                figures.append(BCStockFigure(
                    itemNumber: number, locationCode: row[CompanionStockField.locationCode]?.stringValue,
                    variantCode: variant?.isEmpty == true ? nil : variant,
                    inventory: try Self.decimal(row[CompanionStockField.inventory], field: CompanionStockField.inventory),
                    onSalesOrders: try Self.decimal(row[CompanionStockField.onSalesOrders], field: CompanionStockField.onSalesOrders)))
            }
        }
        return figures
    }

    /// An exact decimal from a JSON number (absent or null counts as 0).
    static func decimal(_ value: JSONValue?, field: String) throws -> Decimal {
        switch value {
        case nil, .null?: return 0
        case .number(let number)?:
            if let decimal = Decimal(string: number.text, locale: Locale(identifier: "en_US_POSIX")) { return decimal }
            fallthrough
        default:
            throw BCError(.malformedResponse, "stock: field \(field) is a \(value?.typeName ?? "missing value"), not a number")
        }
    }
}
