import Foundation
import PosBridgeCore
import Snapshots

extension BCExport {
    /// Reads what `entity` needs and translates it.
    func translate(_ entity: Entity, pages: BCRawPageStore) async throws -> TranslationResult {
        let settings = client.settings
        let version: BCTranslationAPIVersion = settings.apiVersion == .v1 ? .v1 : .v2
        func read(_ set: BCQuery.SnapshotEntity, timestamped: Bool = true) async throws -> [BCObject] {
            guard set.isAvailable(in: settings.apiVersion) else { return [] }
            let query = set.query(apiVersion: settings.apiVersion, modifiedAfter: timestamped ? modifiedAfter : nil)
            return try await pages.collect(query, from: client)
        }
        func companion(_ entitySet: String) async throws -> [BCObject] {
            guard settings.companion.installed else { return [] }
            return try await pages.collect(BCQuery(entitySet, route: .companion), from: client)
        }
        let prefix = settings.lightspeedSalePrefix
        switch entity {
        case .products:
            let (items, variants, omitted) = try await itemsAndVariants(pages: pages)
            var result = BCProductTranslator.translate(
                items: items, variants: variants,
                categories: try await read(.itemCategories, timestamped: false),
                pictures: try await pictures(of: items),
                companionSettings: try await companion("itemSyncSettings"),
                companionAttributes: try await companion("itemAttributes"),
                currency: try await localCurrency(pages: pages), apiVersion: version)
            result.omitted.merge(omitted, uniquingKeysWith: +)
            return result
        case .categories:
            return BCProductTranslator.translateCategories(try await read(.itemCategories))
        case .customers:
            return BCCustomerTranslator.translate(
                customers: try await read(.customers), contacts: try await read(.contacts, timestamped: false),
                classifications: try await companion("customerClassifications"),
                localCurrency: try await localCurrency(pages: pages), apiVersion: version)
        case .orders:
            return BCOrderTranslator.translate(documents: try await read(.salesOrders), documentType: .salesOrder,
                                               lightspeedPrefix: prefix, localCurrency: try await localCurrency(pages: pages),
                                               apiVersion: version)
        case .invoices:
            return BCOrderTranslator.translate(documents: try await read(.salesInvoices), documentType: .salesInvoice,
                                               lightspeedPrefix: prefix, localCurrency: try await localCurrency(pages: pages),
                                               apiVersion: version)
        case .orderStatus:
            return BCOrderStatusTranslator.translate(
                salesOrders: try await read(.salesOrders), salesShipments: try await read(.salesShipments),
                salesInvoices: try await read(.salesInvoices), lightspeedPrefix: prefix)
        case .stock:
            return try await stock(pages: pages)
        }
    }

    /// The company's local currency (LCY): `companyInformation.currencyCode` ("the currency the
    /// company does business in", read-only; the API docs' companyInformation resource, v1.0 and
    /// v2.0). The same code BC puts in a record's `currencyCode` when the record's own currency is
    /// blank. Nil when the company has no company information row.
    private func localCurrency(pages: BCRawPageStore) async throws -> String? {
        let rows = try await pages.collect(BCQuery("companyInformation").select("id", "currencyCode"), from: client)
        return rows.lazy.compactMap { BCFields.trimmed($0, "currencyCode")?.uppercased() }.first
    }

    /// The expanded `picture` of each item, with the digest of its content when `imageContent` is on.
    private func pictures(of items: [BCObject]) async throws -> [BCObject] {
        var pictures: [BCObject] = []
        for item in items {
            guard case .object(var picture)? = item["picture"] else { continue }
            if picture["id"] == nil { picture["id"] = item["id"] }
            if imageContent, picture["contentType"]?.stringValue?.isEmpty == false,
               let link = BCClient.mediaReadLink(picture) {
                picture["digest"] = .string(ContentDigest.sha256(try await client.mediaContent(link)))
            }
            pictures.append(picture)
        }
        return pictures
    }

    /// Stock from the source the connection names: the companion API's `itemStock`, the published
    /// OData stock page read once per location, or the standard API's item totals less what open
    /// sales orders still have to ship (totals across all locations: the standard API has no
    /// per-location quantity, Microsoft, "itemLedgerEntry resource type").
    /// UNVERIFIED: the stock page's field names (`No`, `Inventory`, `Qty_on_Sales_Order`) follow the
    /// ODataV4 naming rule for the Item Card captions; Microsoft documents only `No` and
    /// `Location_Filter` (ODataV4 web services and "itemLedgerEntry resource type"). They are `BCStockTranslator.LocationPageLayout`'s defaults.
    private func stock(pages: BCRawPageStore) async throws -> TranslationResult {
        let settings = client.settings
        switch settings.stockSource {
        case .companion:
            guard settings.companion.installed else {
                throw BCError(.configuration, "\(settings.name): stockSource is companion but companionAPI.installed is not true")
            }
            return BCStockTranslator.translate(companionStock: try await pages.collect(BCQuery("itemStock", route: .companion), from: client))
        case .odataPage:
            let locations = try await pages.collect(BCQuery.SnapshotEntity.locations.query(apiVersion: settings.apiVersion), from: client)
            var result = TranslationResult()
            for code in locations.compactMap({ $0["code"]?.stringValue }) {
                let query = BCQuery(settings.odataStockService, route: .odataPage).filter(.equals("Location_Filter", code))
                let rows = try await pages.collect(query, from: client, label: "\(settings.odataStockService)@\(code)")
                let part = BCStockTranslator.translate(locationPage: rows, location: code)
                result.append(part)
            }
            return result
        case .standard:
            let items = try await pages.collect(BCQuery("items").select("id", "number", "type", "inventory"), from: client)
            let orders = try await pages.collect(BCQuery("salesOrders").select("id", "number")
                .expand(BCQuery.Expand("salesOrderLines", select: ["documentId", "lineType", "lineObjectNumber", "quantity", "shippedQuantity"])),
                from: client)
            let lines = orders.flatMap { order -> [BCObject] in
                guard case .array(let lines)? = order["salesOrderLines"] else { return [] }
                return lines.compactMap(\.objectValue)
            }
            return BCStockTranslator.translate(items: items, openOrderLines: lines)
        }
    }
}
