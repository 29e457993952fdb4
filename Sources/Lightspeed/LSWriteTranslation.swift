import Foundation
import PosBridgeCore

/// Canonical records → Lightspeed R-Series request bodies, for the apply stage. Bodies follow the
/// wire conventions (Lightspeed Retail API documentation, "Introduction" and "Relations"): every scalar is a string (`"129.9"`, `"true"`), nested records
/// are wrapped plural → singular (`ItemShops.ItemShop`), and a PUT is partial, so an update body
/// holds only the members of the canonical fields named in `only` (the changed fields of a diff);
/// `nil` means every field (a create). A canonical `null` is written as `""`, which clears the field.
package enum LSWriteTranslation {
    /// The length of a UPC-A code, which Lightspeed keeps in `upc` rather than `ean`.
    static let upcADigits = 12

    /// The `Item` POST/PUT body for a `simple`, `non_inventory`, `service` or `variant` product.
    /// - Parameters:
    ///   - categoryID: the Lightspeed category of the product's `categoryPath` (looked up or created
    ///     first); not written when nil.
    ///   - itemMatrixID, itemAttributes: for a variant, its matrix and `ItemAttributes`
    ///     (`itemAttributeSetID`, `attribute1…3`), which the pipeline's attribute mapping gives.
    package static func item(
        _ record: SnapshotRecord, categoryID: String? = nil, itemMatrixID: String? = nil, itemAttributes: LSObject? = nil,
        only: Set<String>? = nil, options: LSTranslationOptions = LSTranslationOptions()
    ) -> Result<LSObject, TranslationReject> {
        typealias P = CanonicalModel.Product
        let fields = record.fields
        func wants(_ name: String) -> Bool { only?.contains(name) ?? true }
        let type = fields[P.type]?.stringValue ?? "simple"
        var body: LSObject = [:]
        switch type {
        case "simple", "variant": if wants(P.type) { body["itemType"] = "default" }
        case "non_inventory", "service": if wants(P.type) { body["itemType"] = "non_inventory" }
        default:
            return .failure(TranslationReject(source: "product", key: record.key, field: P.type, reason: "\(type) is not written as an Item"))
        }
        let isVariant = type == "variant"
        if wants(P.sku) || wants(P.variantCode) || wants(P.parentSku) {
            if isVariant {
                guard let parent = fields[P.parentSku]?.stringValue, let code = fields[P.variantCode]?.stringValue else {
                    return .failure(TranslationReject(source: "product", key: record.key, field: P.variantCode, reason: "is missing on a variant"))
                }
                body["customSku"] = .string(parent + options.variantSeparator + code)
            } else {
                body["customSku"] = .string(record.key)
            }
        }
        if isVariant {
            if wants(P.shortDescription) || wants(P.name) {
                body["description"] = text(fields[P.shortDescription]?.stringValue == nil ? fields[P.name] : fields[P.shortDescription])
            }
            if let itemMatrixID { body["itemMatrixID"] = .string(itemMatrixID) }
            if let itemAttributes { body["ItemAttributes"] = .object(itemAttributes) }
        } else {
            if wants(P.name) { body["description"] = text(fields[P.name]) }
            var ecommerce: LSObject = [:]
            if wants(P.longDescription) { ecommerce["longDescription"] = text(fields[P.longDescription]) }
            if wants(P.shortDescription) { ecommerce["shortDescription"] = text(fields[P.shortDescription]) }
            if !ecommerce.isEmpty { body["ItemECommerce"] = .object(ecommerce) }
        }
        if wants(P.ean) {
            // UPC-A goes to `upc`; everything else (EAN-13, GTIN-14, EAN-8) goes to `ean`.
            let code = fields[P.ean]?.stringValue ?? ""
            body[code.count == upcADigits ? "upc" : "ean"] = .string(code)
        }
        if wants(P.price), case .number(let price)? = fields[P.price] {
            body["Prices"] = ["ItemPrice": [["amount": .string(price.text), "useType": .string(options.priceUseType)]]]
        }
        if wants(P.publish), case .bool(let publish)? = fields[P.publish] { body["publishToEcom"] = .string(publish ? "true" : "false") }
        if let categoryID, wants(P.categoryPath) || wants(P.categoryCode) { body["categoryID"] = .string(categoryID) }
        return .success(body)
    }

    /// The `ItemMatrix` POST/PUT body for a `variant_parent` product (a create needs only
    /// `description` and `itemAttributeSetID`, Lightspeed Retail API documentation, endpoint pages).
    package static func itemMatrix(
        _ record: SnapshotRecord, itemAttributeSetID: String? = nil, categoryID: String? = nil,
        only: Set<String>? = nil, options: LSTranslationOptions = LSTranslationOptions()
    ) -> LSObject {
        typealias P = CanonicalModel.Product
        let fields = record.fields
        func wants(_ name: String) -> Bool { only?.contains(name) ?? true }
        var body: LSObject = [:]
        if wants(P.name) { body["description"] = text(fields[P.name]) }
        if let itemAttributeSetID { body["itemAttributeSetID"] = .string(itemAttributeSetID) }
        if let categoryID, wants(P.categoryPath) || wants(P.categoryCode) { body["categoryID"] = .string(categoryID) }
        if wants(P.price), case .number(let price)? = fields[P.price] {
            body["Prices"] = ["ItemPrice": [["amount": .string(price.text), "useType": .string(options.priceUseType)]]]
        }
        return body
    }

    /// The `Category` POST body for the last name of a canonical path, under `parentID` (`"0"` or
    /// nil = root); the caller creates the path from the root down.
    package static func category(name: String, parentID: String?) -> LSObject {
        ["name": .string(name), "parentID": .string(parentID ?? "0")]
    }

    /// Which categories of a canonical path exist already and which must be created: the id of the
    /// deepest existing one (`parentID` for the first to create, `"0"` = root) and the names still
    /// missing, root → leaf; with nothing missing, `parentID` is the category of the whole path.
    package static func categoryPlan(path: [String], categories: [LSObject]) -> (parentID: String, missing: [String]) {
        var parentID = "0"
        for (depth, name) in path.enumerated() {
            let match = categories.first { row in
                LSFields.trimmed(row, "name") == name && (LSFields.trimmed(row, "parentID") ?? "0") == parentID
            }
            guard let match, let id = LSFields.id(match, "categoryID") else { return (parentID, Array(path[depth...])) }
            parentID = id
        }
        return (parentID, [])
    }

    /// The `PUT Item/{itemID}` body that sets `qoh` per shop for the stock records of one product:
    /// `{"ItemShops":{"ItemShop":[{"qoh":"5","shopID":"1"}]}}` (Lightspeed Retail API documentation, endpoint pages, setting quantity on
    /// hand), `qoh` = `available`. `shopIDs` maps location codes to shop ids; `itemShopIDs` (by
    /// shop id), when known, are sent instead of `shopID` (accounts before 2025-06 need them).
    /// Records that cannot be written — location `*`, an unmapped location, a fraction — are
    /// rejected one by one; the body is nil when none is left.
    package static func stock(
        _ records: [SnapshotRecord], shopIDs: [String: String], itemShopIDs: [String: String] = [:]
    ) -> (body: LSObject?, rejects: [TranslationReject]) {
        typealias S = CanonicalModel.Stock
        var rows: [(String, LSObject)] = []
        var rejects: [TranslationReject] = []
        for record in records {
            let location = record.fields[S.location]?.stringValue ?? ""
            guard location != CanonicalModel.allLocations, let shopID = shopIDs[location] else {
                rejects.append(TranslationReject(source: "stock", key: record.key, field: S.location,
                                                 reason: location == CanonicalModel.allLocations ? "* (all shops) cannot be written" : "has no Lightspeed shop"))
                continue
            }
            // qoh is a whole number in every example of Lightspeed's documentation; fractions are refused (unsure).
            guard case .number(let available)? = record.fields[S.available], Int(available.text) != nil else {
                rejects.append(TranslationReject(source: "stock", key: record.key, field: S.available, reason: "is not a whole number"))
                continue
            }
            var row: LSObject = ["qoh": .string(available.text)]
            if let itemShopID = itemShopIDs[shopID] { row["itemShopID"] = .string(itemShopID) } else { row["shopID"] = .string(shopID) }
            rows.append((shopID, row))
        }
        guard !rows.isEmpty else { return (nil, rejects) }
        let sorted = rows.sorted { ($0.0.count, $0.0) < ($1.0.count, $1.0) }.map { JSONValue.object($0.1) }
        return (["ItemShops": ["ItemShop": .array(sorted)]], rejects)
    }

    /// The `Customer` POST/PUT body with its nested `Contact` (contact records have no endpoint of
    /// their own, Lightspeed Retail API documentation, endpoint pages). A company writes `company` and the contact person's name; a person
    /// splits `name` at the last space into `firstName` and `lastName`. Whether a PUT replaces the
    /// nested `Emails`/`Phones`/`Addresses` lists or merges them is not documented (unsure): the
    /// body always carries the whole list of the kind it changes.
    package static func customer(_ record: SnapshotRecord, customerTypeID: String? = nil, only: Set<String>? = nil) -> LSObject {
        typealias C = CanonicalModel.Customer
        typealias A = CanonicalModel.Address
        let fields = record.fields
        func wants(_ names: String...) -> Bool { only.map { !$0.isDisjoint(with: names) } ?? true }
        let isCompany = fields[C.kind]?.stringValue == "company"
        var body: LSObject = [:]
        if wants(C.name, C.kind, C.companyName, C.contactPerson) {
            let person = isCompany ? fields[C.contactPerson]?.objectValue?["name"]?.stringValue : fields[C.name]?.stringValue
            let (first, last) = splitName(person ?? "")
            body["firstName"] = .string(first)
            body["lastName"] = .string(last)
            body["company"] = isCompany ? text(fields[C.companyName]?.stringValue == nil ? fields[C.name] : fields[C.companyName]) : ""
        }
        if wants(C.vatNumber) { body["vatNumber"] = text(fields[C.vatNumber]) }
        if let customerTypeID, wants(C.customerClass) { body["customerTypeID"] = .string(customerTypeID) }
        var contact: LSObject = [:]
        if wants(C.email) {
            contact["Emails"] = ["ContactEmail": [["address": text(fields[C.email]), "useType": "Primary"]]]
        }
        if wants(C.phone, C.mobilePhone) {
            var phones: [JSONValue] = []
            if let phone = fields[C.phone]?.stringValue { phones.append(["number": .string(phone), "useType": isCompany ? "Work" : "Home"]) }
            if let mobile = fields[C.mobilePhone]?.stringValue { phones.append(["number": .string(mobile), "useType": "Mobile"]) }
            contact["Phones"] = phones.isEmpty ? "" : ["ContactPhone": .array(phones)]
        }
        if wants(C.billingAddress) {
            if let address = fields[C.billingAddress]?.objectValue {
                contact["Addresses"] = ["ContactAddress": [.object([
                    "address1": AddressLine.join(street: address[A.street]?.stringValue, houseNumber: address[A.houseNumber]?.stringValue).map(JSONValue.string) ?? "",
                    "address2": text(address[A.line2]),
                    "city": text(address[A.city]),
                    "state": text(address[A.state]),
                    "zip": text(address[A.postalCode]),
                    "countryCode": text(address[A.country]),
                ])]]
            } else {
                contact["Addresses"] = ""
            }
        }
        if !contact.isEmpty { body["Contact"] = .object(contact) }
        return body
    }

    /// The `PUT Sale/{saleID}` body that writes an `order_status` back: `referenceNumber` = the BC
    /// document number, `referenceNumberSource` = `source`, and a sale note saying the state. The
    /// note's shape (`SaleNotes.SaleNote.note`) is not in the field tables of Lightspeed's Sale page (unsure);
    /// `withNote: false` leaves it out.
    static func saleStatus(_ record: SnapshotRecord, source: String = "Business Central", withNote: Bool = true) -> LSObject {
        typealias S = CanonicalModel.OrderStatus
        let number = record.fields[S.documentNumber]?.stringValue ?? ""
        var body: LSObject = ["referenceNumber": .string(number), "referenceNumberSource": .string(source)]
        if withNote {
            let document = (record.fields[S.documentType]?.stringValue ?? "document").replacingOccurrences(of: "_", with: " ")
            let status = record.fields[S.status]?.stringValue ?? "open"
            body["SaleNotes"] = ["SaleNote": [["note": .string("\(source) \(document) \(number): \(status)")]]]
        }
        return body
    }

    /// The PUT body that turns `current` (as Lightspeed returned it) into `desired` (a body from
    /// this type): only the top-level members that differ, comparing scalars as wire text (`"5"`
    /// equals `5`, `""` equals missing); nil when nothing changed.
    package static func patch(current: LSObject, desired: LSObject) -> LSObject? {
        var changes: LSObject = [:]
        for (name, value) in desired where !same(current[name], value) { changes[name] = value }
        return changes.isEmpty ? nil : changes
    }

    private static func same(_ old: JSONValue?, _ new: JSONValue) -> Bool {
        switch (old, new) {
        case (nil, .string(let b)), (.null?, .string(let b)): return b.isEmpty
        case (let a?, let b): return wireText(a) != nil ? wireText(a) == wireText(b) : a == b
        case (nil, _): return false
        }
    }

    private static func wireText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): CanonicalNumber(text)?.text ?? text
        case .number(let number): number.text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// `Anna Maria Muster` → (`Anna Maria`, `Muster`); one word → last name only.
    static func splitName(_ name: String) -> (first: String, last: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.lastIndex(of: " ") else { return ("", trimmed) }
        return (String(trimmed[..<space]).trimmingCharacters(in: .whitespaces), String(trimmed[trimmed.index(after: space)...]))
    }

    private static func text(_ value: JSONValue?) -> JSONValue {
        switch value {
        case .string(let text)?: .string(text)
        case .number(let number)?: .string(number.text)
        case .bool(let flag)?: .string(flag ? "true" : "false")
        default: .string("")
        }
    }
}
