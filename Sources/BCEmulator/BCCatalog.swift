/// What the emulator knows about each entity set: which API serves it, its parent, its natural key,
/// its navigations. Everything else about an entity is its stored JSON.
package enum BCCatalog {
    /// The API families the emulator serves.
    package enum API: String, Sendable {
        /// `api/v2.0` — the standard API.
        case v2 = "v2.0"
        /// `api/v1.0` — read-only, v1.0 shapes for items and customers (Business Central API documentation (Microsoft Learn), API v1.0 reference).
        case v1 = "v1.0"
        /// `api/posbridge/sync/v1.0` — our companion extension.
        case companion = "posbridge/sync/v1.0"
    }

    /// Sets of the standard API v2.0.
    static let standardSets: Set<String> = [
        "items", "itemVariants", "itemCategories", "unitsOfMeasure", "locations", "customers", "contacts", "salesOrders", "salesOrderLines",
        "salesInvoices", "salesInvoiceLines", "salesShipments", "salesShipmentLines", "paymentTerms", "shipmentMethods", "currencies",
        "companyInformation",
    ]
    /// Sets of API v1.0 (v1.0 had no locations, itemVariants, salesShipments — Business Central API documentation (Microsoft Learn), API v1.0 reference).
    static let version1Sets: Set<String> = [
        "items", "itemCategories", "unitsOfMeasure", "customers", "salesOrders", "salesOrderLines", "salesInvoices",
        "salesInvoiceLines", "paymentTerms", "shipmentMethods", "currencies", "companyInformation",
    ]
    /// Sets of the companion API `api/posbridge/sync/v1.0`.
    static let companionSets: Set<String> = ["itemSyncSettings", "itemAttributes", "itemStock", "customerClassifications"]

    /// The sets an API serves.
    package static func sets(of api: API) -> Set<String> {
        switch api {
        case .v2: standardSets
        case .v1: version1Sets
        case .companion: companionSets
        }
    }

    /// Child sets and the field naming their parent.
    package static let parents: [String: (set: String, field: String)] = [
        "salesOrderLines": ("salesOrders", "documentId"),
        "salesInvoiceLines": ("salesInvoices", "documentId"),
        "salesShipmentLines": ("salesShipments", "documentId"),
        "itemVariants": ("items", "itemId"),
    ]

    /// Collection navigations: `salesOrders({id})/salesOrderLines`.
    static func childSet(of set: String, navigation: String) -> String? {
        guard let parent = parents[navigation], parent.set == set else { return nil }
        return navigation
    }

    /// Single-valued navigations that follow a GUID field: `items({id})/itemCategory`.
    package static let references: [String: [String: (set: String, field: String)]] = [
        "items": ["itemCategory": ("itemCategories", "itemCategoryId"), "unitOfMeasure": ("unitsOfMeasure", "baseUnitOfMeasureId")],
        "customers": ["paymentTerm": ("paymentTerms", "paymentTermsId"), "shipmentMethod": ("shipmentMethods", "shipmentMethodId")],
        "salesOrders": ["customer": ("customers", "customerId"), "paymentTerm": ("paymentTerms", "paymentTermsId"),
                        "shipmentMethod": ("shipmentMethods", "shipmentMethodId")],
        "salesInvoices": ["customer": ("customers", "customerId")],
        "itemVariants": ["item": ("items", "itemId")],
    ]

    /// Line sets whose top-level GET needs an id or a `documentId` filter (they sit on temporary tables in BC).
    static let documentLineSets: Set<String> = ["salesOrderLines", "salesInvoiceLines", "salesShipmentLines"]

    /// Sets without `lastModifiedDateTime` (lines have no timestamp, Business Central API documentation (Microsoft Learn), resource type salesOrderLine).
    static let untimedSets: Set<String> = documentLineSets

    /// GET-only sets: posted documents and the calculated stock.
    static let readOnlySets: Set<String> = ["salesShipments", "salesShipmentLines", "itemStock"]

    /// The natural key checked for duplicates on POST and PATCH, with BC's table caption and field caption.
    static let naturalKeys: [String: (field: String, table: String, caption: String)] = [
        "items": ("number", "Item", "No."), "customers": ("number", "Customer", "No."),
        "salesOrders": ("number", "Sales Header", "No."), "salesInvoices": ("number", "Sales Header", "No."),
        "itemCategories": ("code", "Item Category", "Code"), "unitsOfMeasure": ("code", "Unit of Measure", "Code"),
        "locations": ("code", "Location", "Code"), "paymentTerms": ("code", "Payment Terms", "Code"),
        "shipmentMethods": ("code", "Shipment Method", "Code"), "currencies": ("code", "Currency", "Code"),
    ]

    /// Number-series prefixes for sets whose number BC assigns when the POST omits it.
    static let numberSeries: [String: String] = [
        "items": "ITEM-", "customers": "CUST-", "salesOrders": "SO-", "salesInvoices": "SI-",
    ]

    /// The EDM type name in error messages, e.g. `Microsoft.NAV.item`.
    package static func typeName(_ set: String) -> String {
        var name = set
        if name.hasSuffix("ies") { name = String(name.dropLast(3)) + "y" } else if name.hasSuffix("s") { name.removeLast() }
        return "Microsoft.NAV.\(name)"
    }
}
