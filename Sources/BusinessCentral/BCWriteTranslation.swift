import Foundation
import PosBridgeCore

/// Canonical records → BC request bodies (the reverse of the translators), for the apply stage.
/// Bodies are v2.0 API objects; members are only those posbridge owns, so a PATCH built from the
/// same function touches nothing else. A canonical `null` is written as BC's blank (`""`) so that a
/// PATCH clears the field (BC text fields are never null, Microsoft, "API (v2.0) for Dynamics 365 Business Central" resource pages).
enum BCWriteTranslation {
    /// The `customers` POST/PATCH body and, for a company with a contact person, the `contacts`
    /// POST body for that person (BC 18+). `companyContactNumber` is the number of the company
    /// contact BC created for the customer (known after the customer exists).
    static func customer(_ record: SnapshotRecord, companyContactNumber: String? = nil) -> (customer: BCObject, contactPerson: BCObject?) {
        typealias C = CanonicalModel.Customer
        let fields = record.fields
        let isCompany = fields[C.kind]?.stringValue == "company"
        let address = fields[C.billingAddress]?.objectValue ?? [:]
        typealias A = CanonicalModel.Address
        var body: BCObject = [
            "displayName": text(fields[C.name]),
            "type": .string(isCompany ? "Company" : "Person"),
            "email": text(fields[C.email]),
            "phoneNumber": text(fields[C.phone]),
            "addressLine1": BCTranslationAddress.join(street: address[A.street]?.stringValue, houseNumber: address[A.houseNumber]?.stringValue).json,
            "addressLine2": text(address[A.line2]),
            "postalCode": text(address[A.postalCode]),
            "city": text(address[A.city]),
            "state": text(address[A.state]),
            "country": text(address[A.country]),
            "taxRegistrationNumber": text(fields[C.vatNumber]),
        ]
        if body["addressLine1"] == .null { body["addressLine1"] = "" }
        if let currency = fields[C.currency]?.stringValue { body["currencyCode"] = .string(currency) }
        var contact: BCObject?
        if isCompany, let person = fields[C.contactPerson]?.objectValue, let name = person["name"]?.stringValue, !name.isEmpty {
            var contactBody: BCObject = [
                "type": "Person",
                "displayName": .string(name),
                "email": text(person["email"]),
                "phoneNumber": text(person["phone"]),
            ]
            if let companyContactNumber { contactBody["companyNumber"] = .string(companyContactNumber) }
            contact = contactBody
        }
        return (body, contact)
    }

    /// The companion `customerClassifications` PATCH body for a canonical customer class object.
    static func customerClassification(_ record: SnapshotRecord) -> BCObject? {
        guard let object = record.fields[CanonicalModel.Customer.customerClass]?.objectValue else { return nil }
        return [
            "customerPostingGroup": text(object["customerPostingGroup"]),
            "genBusPostingGroup": text(object["genBusPostingGroup"]),
            "customerPriceGroup": text(object["priceGroup"]),
        ]
    }

    /// A `salesOrders` or `salesInvoices` POST body with its lines as a deep insert
    /// (`salesOrderLines`/`salesInvoiceLines`, Microsoft, "Using OData to modify data"). The external document number is
    /// the canonical source id, behind `lightspeedPrefix` for a Lightspeed sale (`BCSaleReference`,
    /// so the read side keys it back to the same order); `customerNumber` is the BC customer found or created first;
    /// `variantIds` gives the `itemVariantId` for a variant SKU (`item ␟ variant`), which v2.0 lines
    /// need instead of a code. A line that cannot be written rejects the whole order.
    static func salesDocument(
        _ record: SnapshotRecord, documentType: BCOrderTranslator.DocumentType, customerNumber: String,
        variantIds: [String: String] = [:], externalSource: String = "lightspeed",
        lightspeedPrefix: String = BCSaleReference.defaultPrefix
    ) -> Result<BCObject, TranslationReject> {
        typealias O = CanonicalModel.Order
        let fields = record.fields
        var external = text(fields[O.sourceId])
        if fields[O.sourceSystem]?.stringValue == externalSource, let saleId = fields[O.sourceId]?.stringValue {
            external = .string(BCSaleReference.externalDocumentNumber(saleId: saleId, prefix: lightspeedPrefix))
        }
        var body: BCObject = [
            "externalDocumentNumber": external,
            "customerNumber": .string(customerNumber),
        ]
        if let date = fields[O.orderDate]?.stringValue { body[documentType.dateName] = .string(date) }
        if let currency = fields[O.currency]?.stringValue { body["currencyCode"] = .string(currency) }
        if case .bool(let included)? = fields[O.pricesIncludeTax] { body["pricesIncludeTax"] = .bool(included) }
        if let shipping = fields[O.shippingAddress]?.objectValue {
            typealias A = CanonicalModel.Address
            body["shipToAddressLine1"] = BCTranslationAddress.join(street: shipping[A.street]?.stringValue, houseNumber: shipping[A.houseNumber]?.stringValue).json
            body["shipToAddressLine2"] = text(shipping[A.line2])
            body["shipToPostCode"] = text(shipping[A.postalCode])
            body["shipToCity"] = text(shipping[A.city])
            body["shipToState"] = text(shipping[A.state])
            body["shipToCountry"] = text(shipping[A.country])
            if body["shipToAddressLine1"] == .null { body["shipToAddressLine1"] = "" }
        }
        var lines: [JSONValue] = []
        guard case .array(let canonicalLines)? = fields[O.lines] else {
            return .failure(TranslationReject(source: "order", key: record.key, field: O.lines, reason: "is missing"))
        }
        for case .object(let line) in canonicalLines {
            let type = line["type"]?.stringValue ?? "item"
            var body: BCObject = ["description": text(line["description"])]
            switch type {
            case "item":
                guard let sku = line["sku"]?.stringValue, !sku.isEmpty else {
                    return .failure(TranslationReject(source: "order", key: record.key, field: "lines.sku", reason: "is empty on an item line"))
                }
                let parts = sku.components(separatedBy: CanonicalModel.keySeparator)
                body["lineType"] = "Item"
                body["lineObjectNumber"] = .string(parts[0])
                if parts.count > 1 {
                    guard let variantId = variantIds[sku] else {
                        return .failure(TranslationReject(source: "order", key: record.key, field: "lines.sku", reason: "names a variant with no known BC id"))
                    }
                    body["itemVariantId"] = .string(variantId)
                }
            case "comment":
                body["lineType"] = "Comment"
            default:
                body["lineType"] = "Account"
                body["lineObjectNumber"] = text(line["accountNumber"])
            }
            if type != "comment" {
                for name in ["quantity", "unitPrice", "discountAmount", "discountPercent"] {
                    if case .number(let value)? = line[name] { body[name] = .number(value) }
                }
            }
            lines.append(.object(body))
        }
        body[documentType.linesName] = .array(lines)
        return .success(body)
    }

    /// The PATCH body that turns `current` (the entity as BC returned it) into `desired` (a body
    /// from this type): only the members whose values differ (Microsoft, "Using OData to modify data": send only changed
    /// fields). Text is compared as BC stores it, so `""` and a missing member are equal; nil when
    /// nothing changed.
    static func patch(current: BCObject, desired: BCObject) -> BCObject? {
        var changes: BCObject = [:]
        for (name, value) in desired {
            let old = current[name]
            let unchanged: Bool
            switch (old, value) {
            case (.string(let a)?, .string(let b)): unchanged = a == b
            case (nil, .string(let b)), (.null?, .string(let b)): unchanged = b.isEmpty
            case (.number(let a)?, .number(let b)): unchanged = a == b
            case (let a?, let b): unchanged = a == b
            case (nil, _): unchanged = false
            }
            if !unchanged { changes[name] = value }
        }
        return changes.isEmpty ? nil : changes
    }

    private static func text(_ value: JSONValue?) -> JSONValue {
        switch value {
        case .string(let text)?: .string(text)
        case .number(let number)?: .string(number.text)
        default: .string("")
        }
    }
}
