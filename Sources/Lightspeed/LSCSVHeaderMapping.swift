import Foundation

/// Which CSV column feeds which field (`docs/lightspeed-export-files.md`): `[column: target]`.
/// Targets are canonical field names where one exists (`sku`, `name`, `price`, …) and a few
/// Lightspeed-only ones (`systemSku`, `upc`, `itemType`, `firstName`, …); `stock:<shop>` is the
/// quantity on hand in a shop. Columns not in the mapping are ignored, except that an item
/// mapping with `stockColumnPrefix` also reads every column `<prefix><shop>` (`Qty. Main Store`)
/// as `stock:<shop>` and the bare prefix (`Qty.`) as the all-shops total.
/// The pipeline can change any entry (`with(_:)`), drop one (map it to `""`) or start empty.
struct LSCSVHeaderMapping: Sendable, Hashable {
    var columns: [String: String]
    var stockColumnPrefix: String?

    init(columns: [String: String], stockColumnPrefix: String? = nil) {
        self.columns = columns
        self.stockColumnPrefix = stockColumnPrefix
    }

    /// The default for Lightspeed's item export. Lightspeed's developer documentation lists no export columns; these are
    /// the labels of the Retail back office's item list, chosen here and documented (unsure).
    static let items = LSCSVHeaderMapping(columns: [
        "System ID": "systemSku",
        "Custom SKU": "sku",
        "Description": "name",
        "UPC": "upc",
        "EAN": "ean",
        "Price": "price",
        "Category": "categoryPath",
        "Publish to eCom": "publish",
        "Item Type": "itemType",
        "Long Description": "longDescription",
        "Short Description": "shortDescription",
    ], stockColumnPrefix: "Qty.")

    /// The default for Lightspeed's customer export (same caveat as `items`).
    static let customers = LSCSVHeaderMapping(columns: [
        "Customer ID": "customerID",
        "First Name": "firstName",
        "Last Name": "lastName",
        "Company": "companyName",
        "Email": "email",
        "Phone": "phone",
        "Mobile": "mobilePhone",
        "Address 1": "address1",
        "Address 2": "line2",
        "City": "city",
        "State": "state",
        "ZIP": "postalCode",
        "Country": "country",
        "Customer Type": "customerType",
        "VAT Number": "vatNumber",
    ])

    /// This mapping with `overrides` applied; a target `""` removes the column.
    func with(_ overrides: [String: String]) -> LSCSVHeaderMapping {
        var copy = self
        for (column, target) in overrides { copy.columns[column] = target.isEmpty ? nil : target }
        return copy
    }

    /// The target of each header column (nil = ignored).
    func targets(for header: [String]) -> [String?] {
        header.map { column in
            if let target = columns[column] { return target }
            guard let prefix = stockColumnPrefix, column.hasPrefix(prefix) else { return nil }
            let shop = column.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return "stock:" + (shop.isEmpty ? "0" : shop)
        }
    }
}
