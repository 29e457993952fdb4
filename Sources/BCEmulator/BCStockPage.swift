import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// The published UI page `ItemStock` under `ODataV4/Company('{name}')/ItemStock` (Business Central API documentation (Microsoft Learn),
/// "API endpoint structure" and "Publishing a page as a web service"): one row per item with Item-Card-style field names and FlowFilters.
///
/// Shape chosen (BC publishes whatever page the partner picks; this mimics the Item Card's fields):
/// `No`, `Description`, `Type`, `Base_Unit_of_Measure`, `Inventory`, `Qty_on_Sales_Order`,
/// `Location_Filter`, `Variant_Filter`, `@odata.etag`. `$filter=Location_Filter eq 'MAIN'` (and
/// `Variant_Filter eq 'BLK-M'`) restrict the figures, not the rows; other comparisons filter rows.
/// Figures are sums over the companion `itemStock` records (`inventory`, `reservedOnSalesOrders`).
struct BCStockPage {
    /// The service name the page is published under.
    static let serviceName = "ItemStock"

    let handler: BCAPIHandler

    func respond() throws -> EmulatorResponse {
        let segments = handler.route.segments
        guard segments.count == 2, segments[0].name == "Company", let companyName = segments[0].key else {
            throw ODataError.segmentNotFound(segments.last?.name ?? "ODataV4")
        }
        guard segments[1].name == Self.serviceName else { throw ODataError.segmentNotFound(segments[1].name) }
        guard handler.request.method == "GET" else { throw handler.methodNotAllowed }
        let companies = try BCStore.all(handler.db, company: "", set: "companies")
        guard let company = companies.first(where: { $0.fields["name"]?.stringValue == companyName }) else {
            throw ODataError(404, "Internal_CompanyNotFound", "The company '\(companyName)' does not exist.")
        }
        let query = try ODataQuery(handler.request)
        let location = try flowFilter("Location_Filter", query.filter)
        let variant = try flowFilter("Variant_Filter", query.filter)
        var totals: [String: (inventory: Decimal, onOrder: Decimal)] = [:]
        for stock in try BCStore.all(handler.db, company: company.id, set: "itemStock") {
            if let location, stock.fields["locationCode"]?.stringValue != location { continue }
            if let variant, stock.fields["variantCode"]?.stringValue != variant { continue }
            let id = stock.fields["itemId"]?.stringValue?.lowercased() ?? ""
            var sum = totals[id] ?? (0, 0)
            sum.inventory += Self.decimal(stock.fields["inventory"])
            sum.onOrder += Self.decimal(stock.fields["reservedOnSalesOrders"])
            totals[id] = sum
        }
        let rows = try BCStore.all(handler.db, company: company.id, set: "items").map { item -> ODataPager.Row in
            let sum = totals[item.id] ?? (0, 0)
            let object: [String: JSONValue] = [
                "@odata.etag": .string(item.etag), "No": item.fields["number"] ?? "", "Description": item.fields["displayName"] ?? "",
                "Type": item.fields["type"] ?? "", "Base_Unit_of_Measure": item.fields["baseUnitOfMeasureCode"] ?? "",
                "Inventory": Self.number(sum.inventory), "Qty_on_Sales_Order": Self.number(sum.onOrder),
                "Location_Filter": .string(location ?? ""), "Variant_Filter": .string(variant ?? ""),
            ]
            return ODataPager.Row(key: item.seq, object: object)
        }
        let context = "\(handler.base)\(handler.route.root)/$metadata#Company('\(companyName)')/\(Self.serviceName)"
        let pager = ODataPager(request: handler.request, query: query, base: handler.base, maxPageSize: handler.options.maxPageSize, context: context, typeName: "NAV.\(Self.serviceName)")
        return try pager.respond(rows, filter: query.filter?.removing(["Location_Filter", "Variant_Filter"])) { try handler.select($0, query.select) }
    }

    private func flowFilter(_ name: String, _ filter: ODataFilter?) throws -> String? {
        guard let filter, filter.fields.contains(name) else { return nil }
        let values = filter.equalities(of: name)
        guard values.count == 1, case .string(let value) = values[0] else {
            throw ODataError(400, "BadRequest", "The emulator supports only '\(name) eq '<code>'' joined with 'and'.")
        }
        return value
    }

    private static func decimal(_ value: JSONValue?) -> Decimal {
        if case .number(let number)? = value { return Decimal(string: number.text) ?? 0 }
        return 0
    }

    private static func number(_ value: Decimal) -> JSONValue {
        .number(CanonicalNumber("\(value)") ?? CanonicalNumber(0))
    }
}
