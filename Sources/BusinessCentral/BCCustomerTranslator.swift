import PosBridgeCore

/// BC customers (+ contacts, + the companion extension's classifications) → canonical `customer`
/// records keyed by the e-mail address, trimmed and lower-cased (`docs/canonical-model.md`).
enum BCCustomerTranslator {
    /// Translates one extraction of customers.
    /// - Parameters:
    ///   - customers: `customers` rows (v2.0 flat address; v1.0 complex `address`).
    ///   - contacts: `contacts` rows (v2.0, BC 18+). A company customer's contact person is the
    ///     first person contact (by number) whose `companyName` equals the customer's name, or whose
    ///     `customerNumber` (added by an extractor that followed `contactsInformation`) equals the
    ///     customer number. The standard contact entity has no customer link of its own, so the name
    ///     match is a heuristic.
    ///   - classifications: companion `customerClassifications` rows, matched by `customerNumber`.
    ///   - localCurrency: the company's local currency (ISO 4217), the currency of a customer whose
    ///     `currencyCode` is blank.
    static func translate(
        customers: [BCObject], contacts: [BCObject] = [], classifications: [BCObject] = [],
        localCurrency: String? = nil, apiVersion: BCTranslationAPIVersion = .v2
    ) -> TranslationResult {
        var result = TranslationResult()
        let classes = Dictionary(classifications.compactMap { row in BCFields.trimmed(row, "customerNumber").map { ($0, row) } },
                                 uniquingKeysWith: { first, _ in first })
        let persons = contacts
            .filter { BCEnum.matches(BCFields.text($0, "type") ?? "", "Person") }
            .sorted { (BCFields.trimmed($0, "number") ?? "").utf8Precedes(BCFields.trimmed($1, "number") ?? "") }
        var seen: [String: String] = [:]
        for customer in customers {
            let source = BCFields.source("customers", customer)
            let number = BCFields.trimmed(customer, "number")
            guard let emailText = BCFields.text(customer, "email") else {
                result.rejects.append(TranslationReject(source: source, field: "email", reason: "is empty (the customer key)"))
                continue
            }
            guard let key = CanonicalModel.customerKey(email: emailText) else {
                result.rejects.append(TranslationReject(source: source, field: "email", reason: "is not an e-mail address"))
                continue
            }
            if let first = seen[key] {
                result.rejects.append(TranslationReject(source: source, key: key, field: "email",
                                                        reason: "is also the e-mail of customer \(first)"))
                continue
            }
            seen[key] = number ?? "?"
            guard let name = BCFields.text(customer, "displayName") else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "displayName", reason: "is empty"))
                continue
            }
            let isCompany: Bool
            switch BCEnum.decode(BCFields.text(customer, "type") ?? "Company").lowercased() {
            case "company": isCompany = true
            case "person": isCompany = false
            default:
                result.rejects.append(TranslationReject(source: source, key: key, field: "type", reason: "is neither Company nor Person"))
                continue
            }
            let contact = isCompany ? persons.first { person in
                (number != nil && BCFields.trimmed(person, "customerNumber") == number) || BCFields.text(person, "companyName") == name
            } : nil
            let address = apiVersion == .v1
                ? BCTranslationAddress.address(complex: BCFields.object(customer, "address"))
                : BCTranslationAddress.address(flat: customer, prefix: "")
            // The customer's currency as a code, like orders: v2.0 already returns the LCY code in
            // `currencyCode` when the customer has none (blank `currencyId`); where the code itself
            // is blank (RapidStart "Currency Code", blank = LCY) it is the company's local currency.
            let currency = BCFields.trimmed(customer, "currencyCode")?.uppercased() ?? localCurrency?.uppercased()
            let blocked = BCEnum.decode(BCFields.text(customer, "blocked") ?? "")
            typealias C = CanonicalModel.Customer
            let fields: [String: JSONValue] = [
                C.email: .string(key),
                C.kind: .string(isCompany ? "company" : "person"),
                C.name: .string(name),
                C.companyName: isCompany ? .string(name) : .null,
                C.contactPerson: contact.map(contactPerson) ?? .null,
                C.phone: BCFields.trimmed(customer, "phoneNumber").json,
                C.mobilePhone: BCFields.trimmed(customer, "mobilePhoneNumber").json,
                C.vatNumber: BCFields.trimmed(customer, "taxRegistrationNumber").json,
                C.currency: currency.json,
                C.blocked: .string(blocked.isEmpty ? "none" : blocked.lowercased()),
                C.billingAddress: address,
                C.shippingAddress: .null,
                C.customerClass: classes[number ?? ""].map(classification) ?? .null,
            ]
            var ref = BCFields.reference(customer)
            if let number { ref["bcNumber"] = .string(number) }
            if let contact, let id = BCFields.guid(contact, "id") { ref["bcContactId"] = .string(id) }
            if let contact, let contactNumber = BCFields.trimmed(contact, "number") { ref["bcContactNumber"] = .string(contactNumber) }
            result.records.append(SnapshotRecord(key: key, ref: ref, fields: fields))
        }
        return result
    }

    private static func contactPerson(_ contact: BCObject) -> JSONValue {
        .object([
            "name": BCFields.text(contact, "displayName").json,
            "email": BCFields.text(contact, "email").flatMap { CanonicalModel.customerKey(email: $0) }.json,
            "phone": (BCFields.trimmed(contact, "phoneNumber") ?? BCFields.trimmed(contact, "mobilePhoneNumber")).json,
            "jobTitle": BCFields.text(contact, "jobTitle").json,
        ])
    }

    /// `{customerPostingGroup, genBusPostingGroup, priceGroup}` from a companion row; the customer
    /// class mapping table of the pipeline maps Lightspeed customer types to and from this object.
    private static func classification(_ row: BCObject) -> JSONValue {
        .object([
            "customerPostingGroup": BCFields.trimmed(row, "customerPostingGroup").json,
            "genBusPostingGroup": BCFields.trimmed(row, "genBusPostingGroup").json,
            "priceGroup": BCFields.trimmed(row, "customerPriceGroup").json,
        ])
    }
}
