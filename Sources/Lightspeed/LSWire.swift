import PosBridgeCore
import PosBridgeHTTP

/// The one decoding layer for Lightspeed's wire quirks (Lightspeed Retail API documentation, "Introduction" and "Relations"). Every object the client hands
/// out has passed `normalize`, so later stages see one shape:
///
/// - A collection wrapper always holds an array: `{"SaleLines":{"SaleLine":{…}}}` (one element sent as
///   an object) becomes `{"SaleLines":{"SaleLine":[{…}]}}`, and `"SaleLines":""` (empty collection sent
///   as an empty string) becomes `{"SaleLines":{"SaleLine":[]}}`. The wrappers are `collections`.
/// - `attribute1Values`…`attribute3Values` of an ItemMatrix (`""`, `"White"` or `["Black","White"]`)
///   always become arrays of strings.
/// - The entity key of a response (`"Item"`) is read with `entities(_:in:)`: an object becomes one
///   element, an array stays, a missing key (no match) or `""` is an empty list.
/// - Scalars stay the strings Lightspeed sent (ids, `"749.99"`, `"true"`); the typed accessors on
///   `JSONValue` (`lsInt`, `lsDecimal`, `lsBool`, `lsForeignKey`) read them, with `"0"` as "no key".
/// - Header names are matched without regard to case by `APIHeaders`.
/// - Prices are found by `useType`/`useTypeID` (`price(in:useType:)`), never by position.
enum LSWire {
    /// Collection wrappers and their element names (Lightspeed Retail API documentation,
    /// "Introduction", "Relations" and the endpoint pages). `ItemAttributes`, `Contact`,
    /// `Category`, `CustomerType`, `ItemECommerce`, `TaxClass`, `Note` are to-one records, not collections.
    static let collections: [String: String] = [
        "ItemShops": "ItemShop", "Prices": "ItemPrice", "Images": "Image", "ItemVendorNums": "ItemVendorNum",
        "ItemComponents": "ItemComponent", "TagRelations": "TagRelation", "CustomFieldValues": "CustomFieldValue",
        "Items": "Item", "SaleLines": "SaleLine", "SalePayments": "SalePayment", "SaleAccounts": "SaleAccount",
        "SalesAccounts": "SaleAccount", "Addresses": "ContactAddress", "Phones": "ContactPhone",
        "Emails": "ContactEmail", "Websites": "ContactWebsite", "OrderLines": "OrderLine",
        "TaxCategoryClasses": "TaxCategoryClass", "Registers": "Register", "Tags": "Tag",
        "WorkorderLines": "WorkorderLine", "WorkorderItems": "WorkorderItem",
    ]

    /// Fields that hold one string, a list of strings, or `""`.
    static let stringLists: Set<String> = ["attribute1Values", "attribute2Values", "attribute3Values"]

    /// The value with every collection wrapper and string list in the array shape, at any depth.
    static func normalize(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(normalize(members))
        case .array(let items): .array(items.map(normalize))
        default: value
        }
    }

    /// An object with every collection wrapper and string list in the array shape, at any depth.
    static func normalize(_ object: [String: JSONValue]) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        result.reserveCapacity(object.count)
        for (key, value) in object {
            if let element = collections[key] {
                result[key] = wrapper(value, element: element)
            } else if stringLists.contains(key) {
                result[key] = .array(manyStrings(value))
            } else {
                result[key] = normalize(value)
            }
        }
        return result
    }

    private static func wrapper(_ value: JSONValue, element: String) -> JSONValue {
        switch value {
        case .string(""), .null:
            return .object([element: .array([])])
        case .object(var members):
            let items = members[element].map(many) ?? []
            members[element] = nil
            var normalized = normalize(members)
            normalized[element] = .array(items.map(normalize))
            return .object(normalized)
        default:
            // An array or text where a wrapper belongs: not a documented shape, left as sent.
            return normalize(value)
        }
    }

    /// One-or-many: an object is one element, an array is itself, `""`/null is none.
    static func many(_ value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let items): items
        case .string(""), .null: []
        default: [value]
        }
    }

    private static func manyStrings(_ value: JSONValue) -> [JSONValue] {
        many(value).filter { $0 != .string("") }
    }

    /// The records under a response's entity key (`"Item"`), normalised: missing key or `""` → none,
    /// one object → one record. Anything but objects in the list is malformed.
    static func entities(_ key: String, in response: [String: JSONValue]) throws -> [[String: JSONValue]] {
        guard let value = response[key] else { return [] }
        return try many(value).map { item in
            guard case .object(let members) = item else {
                throw LSError(.malformedResponse, "\(key): expected records, found a \(item.typeName)")
            }
            return normalize(members)
        }
    }

    /// The elements of a collection below a normalised record, by dotted path to the element:
    /// `collection("Contact.Emails.ContactEmail", in: customer)`. Missing parts give no elements.
    static func collection(_ path: String, in record: [String: JSONValue]) -> [[String: JSONValue]] {
        var current: JSONValue = .object(record)
        for key in path.split(separator: ".") {
            guard case .object(let members) = current, let next = members[String(key)] else { return [] }
            current = next
        }
        return many(current).compactMap(\.objectValue)
    }

    /// `@attributes.next`/`.previous`/`.count` of a response; `""` reads as nil.
    static func attribute(_ name: String, in response: [String: JSONValue]) -> String? {
        guard let text = response["@attributes"]?.objectValue?[name]?.lsString, !text.isEmpty else { return nil }
        return text
    }

    /// The amount of the price level named `useType` (`"Default"`, `"MSRP"`, `"Online"` — names are
    /// account-defined) in `Prices.ItemPrice` of an Item or ItemMatrix.
    static func price(in record: [String: JSONValue], useType: String) -> CanonicalNumber? {
        collection("Prices.ItemPrice", in: record).first { $0["useType"]?.lsString == useType }?["amount"]?.lsDecimal
    }

    /// The amount of the price level with id `useTypeID` (`"1"` is Default in the standard setup).
    static func price(in record: [String: JSONValue], useTypeID: String) -> CanonicalNumber? {
        collection("Prices.ItemPrice", in: record).first { $0["useTypeID"]?.lsString == useTypeID }?["amount"]?.lsDecimal
    }
}
