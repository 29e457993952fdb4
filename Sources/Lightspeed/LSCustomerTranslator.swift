import Foundation
import PosBridgeCore

/// Lightspeed `Customer`s (with `Contact` and, where loaded, `CustomerType`) → canonical
/// `customer` records keyed by the e-mail address, trimmed and lower-cased.
///
/// The e-mail is the `Contact.Emails.ContactEmail` with `useType` `Primary`, else the first one,
/// else a flat `Contact.email`/`email`. A customer with `company` is a company (name = company,
/// contact person = first + last name); else a person (name = first + last name). The first
/// `ContactAddress` is the billing address (Lightspeed addresses have no type); phones by
/// `useType`: `Work`, else `Home` → `phone`, `Mobile` → `mobilePhone`.
enum LSCustomerTranslator {
    /// Translates customers. `customerTypes` (`CustomerType` rows) name the type when the relation
    /// is not loaded; the name is looked up in `options.customerClasses`.
    static func translate(customers: [LSObject], customerTypes: [LSObject] = [],
                                  options: LSTranslationOptions = LSTranslationOptions()) -> TranslationResult {
        var result = TranslationResult()
        let typeNames = Dictionary(customerTypes.compactMap { row in
            LSFields.id(row, "customerTypeID").flatMap { id in LSFields.trimmed(row, "name").map { (id, $0) } }
        }, uniquingKeysWith: { a, _ in a })
        var seen: [String: String] = [:]
        for customer in customers {
            let source = LSFields.source("Customer", customer, idName: "customerID")
            let contact = LSFields.object(customer, "Contact") ?? [:]
            guard let emailText = primaryEmail(customer) else {
                result.rejects.append(TranslationReject(source: source, field: "Contact.Emails.ContactEmail.address", reason: "is empty (the customer key)"))
                continue
            }
            guard let key = CanonicalModel.customerKey(email: emailText) else {
                result.rejects.append(TranslationReject(source: source, field: "Contact.Emails.ContactEmail.address", reason: "is not an e-mail address"))
                continue
            }
            if let first = seen[key] {
                result.rejects.append(TranslationReject(source: source, key: key, field: "Contact.Emails.ContactEmail.address",
                                                        reason: "is also the e-mail of customer \(first)"))
                continue
            }
            seen[key] = LSFields.trimmed(customer, "customerID") ?? "?"
            let company = LSFields.trimmed(customer, "company")
            let personName = [LSFields.trimmed(customer, "firstName"), LSFields.trimmed(customer, "lastName")]
                .compactMap { $0 }.joined(separator: " ")
            guard let name = company ?? (personName.isEmpty ? nil : personName) else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "company", reason: "and firstName and lastName are empty"))
                continue
            }
            let phones = LSFields.list(contact, "Phones", "ContactPhone")
            func phone(_ useType: String) -> String? {
                phones.first { LSFields.trimmed($0, "useType")?.lowercased() == useType.lowercased() }.flatMap { LSFields.trimmed($0, "number") }
            }
            let typeName = LSFields.object(customer, "CustomerType").flatMap { LSFields.trimmed($0, "name") }
                ?? LSFields.id(customer, "customerTypeID").flatMap { typeNames[$0] }
            typealias C = CanonicalModel.Customer
            let fields: [String: JSONValue] = [
                C.email: .string(key),
                C.kind: .string(company == nil ? "person" : "company"),
                C.name: .string(name),
                C.companyName: company.json,
                C.contactPerson: company == nil || personName.isEmpty ? .null : .object([
                    "name": .string(personName), "email": .string(key), "phone": (phone("Work") ?? phone("Home")).json, "jobTitle": .null,
                ]),
                C.phone: (phone("Work") ?? phone("Home")).json,
                C.mobilePhone: phone("Mobile").json,
                C.vatNumber: LSFields.trimmed(customer, "vatNumber").json,
                // The account's currency, as products and orders carry it (R-Series customers name none).
                C.currency: options.currency.map { JSONValue.string($0.uppercased()) } ?? .null,
                C.blocked: .string(LSFields.bool(customer, "archived") == true ? "all" : "none"),
                C.billingAddress: LSFields.list(contact, "Addresses", "ContactAddress").first.map(address) ?? .null,
                C.shippingAddress: .null,
                C.customerClass: typeName.flatMap { options.customerClasses[$0] } ?? .null,
            ]
            var ref: [String: JSONValue] = [:]
            if let id = LSFields.id(customer, "customerID") { ref["lsCustomerID"] = .string(id) }
            if let typeName { ref["lsCustomerType"] = .string(typeName) }
            if let stamp = LSFields.trimmed(customer, "timeStamp") { ref["lastModified"] = .string(stamp) }
            result.records.append(SnapshotRecord(key: key, ref: ref, fields: fields))
        }
        return result
    }

    /// The customer's primary e-mail text (see the type's summary).
    static func primaryEmail(_ customer: LSObject) -> String? {
        let contact = LSFields.object(customer, "Contact") ?? [:]
        let emails = LSFields.list(contact, "Emails", "ContactEmail")
        let primary = emails.first { LSFields.trimmed($0, "useType")?.lowercased() == "primary" } ?? emails.first
        return primary.flatMap { LSFields.text($0, "address") } ?? LSFields.text(contact, "email") ?? LSFields.text(customer, "email")
    }

    /// A canonical address from a `ContactAddress` (`address1` split into street and house number
    /// by the shared rule, `countryCode` else a two-letter `country`); null when every part is blank.
    static func address(_ row: LSObject) -> JSONValue {
        let line1 = LSFields.trimmed(row, "address1")
        let country = LSFields.trimmed(row, "countryCode") ?? LSFields.trimmed(row, "country").flatMap { $0.count == 2 ? $0 : nil }
        let parts: [String?] = [line1, LSFields.trimmed(row, "address2"), LSFields.trimmed(row, "zip"), LSFields.trimmed(row, "city"),
                                LSFields.trimmed(row, "stateCode") ?? LSFields.trimmed(row, "state"), country]
        guard parts.contains(where: { $0 != nil }) else { return .null }
        let split = line1.map(AddressLine.split)
        typealias A = CanonicalModel.Address
        return .object([
            A.street: split.flatMap { $0.street.isEmpty ? nil : $0.street }.json,
            A.houseNumber: split?.houseNumber.json ?? .null,
            A.line2: parts[1].json,
            A.postalCode: parts[2].json,
            A.city: parts[3].json,
            A.state: parts[4].json,
            A.country: country.map { JSONValue.string($0.uppercased()) } ?? .null,
        ])
    }
}
