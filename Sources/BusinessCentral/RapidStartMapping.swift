import PosBridgeCore
import Snapshots

/// RapidStart field names (sanitised AL names, Microsoft, "Apply company configuration packages") → v2.0 API names, per table, so that
/// package records go through the same translators as API rows.
enum RapidStartMapping {
    static let itemTable = 27
    static let itemVariantTable = 5401
    static let customerTable = 18
    /// General Ledger Setup (98): its `LCY Code` (`LCYCode`) is the company's local currency.
    static let generalLedgerSetupTable = 98

    /// Item (27). "Price Includes VAT" is the table's name for what the API calls `priceIncludesTax`.
    static let itemFields: [String: String] = [
        "No": "number", "Description": "displayName", "Description2": "displayName2", "Type": "type",
        "ItemCategoryCode": "itemCategoryCode", "Blocked": "blocked", "GTIN": "gtin", "UnitPrice": "unitPrice",
        "PriceIncludesVAT": "priceIncludesTax", "UnitCost": "unitCost", "BaseUnitofMeasure": "baseUnitOfMeasureCode",
        "TaxGroupCode": "taxGroupCode", "GenProdPostingGroup": "generalProductPostingGroupCode",
        "InventoryPostingGroup": "inventoryPostingGroupCode",
    ]
    /// Item Variant (5401).
    static let itemVariantFields: [String: String] = ["ItemNo": "itemNumber", "Code": "code", "Description": "description"]
    /// Customer (18). `ContactType` is the table field behind the API's `type` (unsure: field name
    /// taken from the AL table, "Contact Type").
    static let customerFields: [String: String] = [
        "No": "number", "Name": "displayName", "Address": "addressLine1", "Address2": "addressLine2", "City": "city",
        "County": "state", "PostCode": "postalCode", "CountryRegionCode": "country", "PhoneNo": "phoneNumber",
        "MobilePhoneNo": "mobilePhoneNumber", "E_Mail": "email", "HomePage": "website", "VATRegistrationNo": "taxRegistrationNumber",
        "CurrencyCode": "currencyCode", "Blocked": "blocked", "ContactType": "type",
    ]

    /// Option captions by index (RapidStart writes option indexes, Microsoft, "Apply company configuration packages").
    static let options: [Int: [String: [String]]] = [
        itemTable: ["Type": ["Inventory", "Service", "Non-Inventory"]],
        customerTable: ["Blocked": [" ", "Ship", "Invoice", "All"], "ContactType": ["Company", "Person"]],
    ]

    /// The API-shaped object for a record of Item, Item Variant or Customer; nil for other tables;
    /// a reject when an option index is out of range.
    static func apiObject(for record: RapidStartReader.Record) -> Result<BCObject, TranslationReject>? {
        let map: [String: String]
        switch record.tableID {
        case itemTable: map = itemFields
        case itemVariantTable: map = itemVariantFields
        case customerTable: map = customerFields
        default: return nil
        }
        var object: BCObject = [:]
        for field in record.fields {
            guard let apiName = map[field.name], object[apiName] == nil else { continue }
            var value = field.value
            if let captions = options[record.tableID]?[field.name], let index = Int(value.trimmingSpaces) {
                guard captions.indices.contains(index) else {
                    return .failure(TranslationReject(source: "RapidStart \(record.tableName) line \(record.line)", key: nil, field: field.name,
                                                      reason: "option index \(index) is out of range"))
                }
                value = captions[index]
            }
            object[apiName] = .string(value)
        }
        return .success(object)
    }

    /// A companion-shaped `customerClassifications` row from a Customer record's posting fields.
    static func classification(for record: RapidStartReader.Record) -> BCObject? {
        guard record.tableID == customerTable, let number = record.value("No")?.trimmingSpaces, !number.isEmpty else { return nil }
        return [
            "customerNumber": .string(number),
            "customerPostingGroup": .string(record.value("CustomerPostingGroup") ?? ""),
            "genBusPostingGroup": .string(record.value("GenBusPostingGroup") ?? ""),
            "customerPriceGroup": .string(record.value("CustomerPriceGroup") ?? ""),
        ]
    }
}
