import Foundation
import PosBridgeCore

/// Completed Lightspeed `Sale`s (with `SaleLines`, `SalePayments`) → canonical `order` records
/// keyed `lightspeed ␟ saleID`. Refunds are sales with negative quantities and amounts; their
/// signs are kept. Sales that are not completed, or are voided, are left out (not rejected).
enum LSOrderTranslator {
    /// Translates sales.
    /// - Parameters:
    ///   - itemSkus: `itemID` → canonical SKU (`LSProductTranslator.skuIndex`); a line's loaded
    ///     `Item.customSku` is used when its id is not in the table.
    ///   - customerEmails: `customerID` → customer key, when the sale's `Customer` is not loaded.
    ///     A sale whose customer is `"0"` (walk-in) or has no e-mail has `customer.email` null.
    ///   - paymentTypes: `PaymentType` rows, naming `paymentTypeID`s when the relation is not loaded.
    package static func translate(
        sales: [LSObject], itemSkus: [String: String] = [:], customerEmails: [String: String] = [:],
        paymentTypes: [LSObject] = [], options: LSTranslationOptions = LSTranslationOptions()
    ) -> TranslationResult {
        var result = TranslationResult()
        let paymentNames = Dictionary(paymentTypes.compactMap { row in
            LSFields.id(row, "paymentTypeID").flatMap { id in LSFields.trimmed(row, "name").map { (id, $0) } }
        }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        for sale in sales {
            guard LSFields.bool(sale, "completed") == true, LSFields.bool(sale, "voided") != true else { continue }
            let source = LSFields.source("Sale", sale, idName: "saleID")
            guard let saleID = LSFields.id(sale, "saleID"), let key = CanonicalModel.compositeKey([options.sourceSystem, saleID]) else {
                result.rejects.append(TranslationReject(source: source, field: "saleID", reason: "is empty"))
                continue
            }
            guard seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "saleID", reason: "is a duplicate"))
                continue
            }
            if let bad = ["calcSubtotal", "calcDiscount", "calcTax1", "calcTax2", "calcTotal", "total"].first(where: { LSFields.hasInvalidDecimal(sale, $0) }) {
                result.rejects.append(TranslationReject(source: source, key: key, field: bad, reason: "is not a decimal number"))
                continue
            }
            var lines: [JSONValue] = []
            var reject: TranslationReject?
            let saleLines = LSFields.list(sale, "SaleLines", "SaleLine").sorted { lineOrder($0) < lineOrder($1) }
            for (index, line) in saleLines.enumerated() {
                switch translateLine(line, number: index + 1, itemSkus: itemSkus) {
                case .success(let value): lines.append(value)
                case .failure(let failure):
                    reject = TranslationReject(source: LSFields.source("SaleLine", line, idName: "saleLineID"), key: key, field: failure.field, reason: failure.text)
                }
                if reject != nil { break }
            }
            var payments: [JSONValue] = []
            for payment in LSFields.list(sale, "SalePayments", "SalePayment") where LSFields.bool(payment, "archived") != true {
                guard let amount = LSFields.decimal(payment, "amount") else {
                    reject = TranslationReject(source: LSFields.source("SalePayment", payment, idName: "salePaymentID"), key: key,
                                               field: "amount", reason: "is not a decimal number")
                    break
                }
                let typeID = LSFields.id(payment, "paymentTypeID")
                let method = LSFields.object(payment, "PaymentType").flatMap { LSFields.trimmed($0, "name") }
                    ?? typeID.flatMap { paymentNames[$0] } ?? typeID
                payments.append(.object(["method": method.json, "amount": .number(amount), "date": LSFields.date(payment, "createTime").json]))
            }
            if let reject { result.rejects.append(reject); continue }
            let customerID = LSFields.id(sale, "customerID")
            let customer = LSFields.object(sale, "Customer")
            let email = customer.flatMap(LSCustomerTranslator.primaryEmail).flatMap(CanonicalModel.customerKey(email:))
                ?? customerID.flatMap { customerEmails[$0] }
            let customerName = customer.flatMap { c in
                LSFields.trimmed(c, "company") ?? [LSFields.trimmed(c, "firstName"), LSFields.trimmed(c, "lastName")].compactMap { $0 }.joined(separator: " ").lsNonEmpty
            }
            let subtotal = LSFields.decimal(sale, "calcSubtotal")
            let discount = LSFields.decimal(sale, "calcDiscount")
            let tax = ExactDecimal.sum(LSFields.decimal(sale, "calcTax1"), LSFields.decimal(sale, "calcTax2")) ?? LSFields.decimal(sale, "taxTotal")
            typealias O = CanonicalModel.Order
            let fields: [String: JSONValue] = [
                O.sourceSystem: .string(options.sourceSystem),
                O.sourceId: .string(saleID),
                O.documentType: .string(options.documentType),
                O.orderDate: (LSFields.date(sale, "completeTime") ?? LSFields.date(sale, "createTime")).json,
                O.customer: .object(["email": customerID == nil ? .null : email.json, "name": customerID == nil ? .null : customerName.json]),
                O.currency: options.currency.map { JSONValue.string($0.uppercased()) } ?? .null,
                O.pricesIncludeTax: .bool(LSFields.bool(sale, "isTaxInclusive") ?? false),
                O.billingAddress: billing(customer),
                O.shippingAddress: LSFields.object(sale, "ShipTo").map(shipTo) ?? .null,
                O.lines: .array(lines),
                O.payments: .array(payments),
                O.totals: .object([
                    "discount": discount.json,
                    // total = calcSubtotal − calcDiscount + calcTax1 + calcTax2 (Lightspeed Retail API documentation, endpoint pages, Sale).
                    "excludingTax": subtotal.map { ExactDecimal.difference($0, discount) }.json,
                    "tax": tax.json,
                    "includingTax": (LSFields.decimal(sale, "total") ?? LSFields.decimal(sale, "calcTotal")).json,
                ]),
            ]
            var ref: [String: JSONValue] = ["lsSaleID": .string(saleID)]
            if let customerID { ref["lsCustomerID"] = .string(customerID) }
            if let ticket = LSFields.trimmed(sale, "ticketNumber") { ref["ticketNumber"] = .string(ticket) }
            if let shop = LSFields.id(sale, "shopID") { ref["lsShopID"] = .string(shop) }
            if let stamp = LSFields.trimmed(sale, "timeStamp") { ref["lastModified"] = .string(stamp) }
            result.records.append(SnapshotRecord(key: key, ref: ref, fields: fields))
        }
        return result
    }

    /// The loaded customer's first contact address (the customer's billing address).
    private static func billing(_ customer: LSObject?) -> JSONValue {
        guard let contact = customer.flatMap({ LSFields.object($0, "Contact") }),
              let first = LSFields.list(contact, "Addresses", "ContactAddress").first else { return .null }
        return LSCustomerTranslator.address(first)
    }

    /// The loaded `ShipTo`: Lightspeed's Sale page names the relation but not its fields; it is read like a
    /// customer (`Contact.Addresses.ContactAddress`), or as an address itself (unsure).
    private static func shipTo(_ shipTo: LSObject) -> JSONValue {
        if let contact = LSFields.object(shipTo, "Contact"), let first = LSFields.list(contact, "Addresses", "ContactAddress").first {
            return LSCustomerTranslator.address(first)
        }
        return LSCustomerTranslator.address(shipTo)
    }

    private struct LineFailure: Error { let field: String; let text: String }

    private static func lineOrder(_ line: LSObject) -> Int { LSFields.trimmed(line, "saleLineID").flatMap { Int($0) } ?? Int.max }

    /// One sale line. Amounts: `amountIncludingTax` = `calcTotal`, `amountExcludingTax` = `calcTotal −
    /// calcTax1 − calcTax2`; `taxPercent` = (`tax1Rate` + `tax2Rate`) × 100 — Lightspeed's documentation gives no
    /// example of the rates, they are taken as fractions (`0.08` = 8 %), unsure. A line without an
    /// item (`itemID` `"0"`, e.g. a gift card purchase) is an `account` line for the pipeline to map.
    private static func translateLine(_ line: LSObject, number: Int, itemSkus: [String: String]) -> Result<JSONValue, LineFailure> {
        for name in ["unitQuantity", "unitPrice", "calcLineDiscount", "discountPercent", "calcTotal", "calcTax1", "calcTax2", "tax1Rate", "tax2Rate"]
        where LSFields.hasInvalidDecimal(line, name) {
            return .failure(LineFailure(field: name, text: "is not a decimal number"))
        }
        let itemID = LSFields.id(line, "itemID")
        var sku: String?
        if let itemID {
            sku = itemSkus[itemID] ?? LSFields.object(line, "Item").flatMap { LSFields.trimmed($0, "customSku") }.flatMap { CanonicalModel.compositeKey([$0]) }
            if sku == nil { return .failure(LineFailure(field: "itemID", text: "names an item with no known SKU")) }
        }
        let total = LSFields.decimal(line, "calcTotal")
        let tax = ExactDecimal.sum(LSFields.decimal(line, "calcTax1"), LSFields.decimal(line, "calcTax2"))
        let rate = ExactDecimal.sum(LSFields.decimal(line, "tax1Rate"), LSFields.decimal(line, "tax2Rate")).map(ExactDecimal.times100)
        let description = LSFields.object(line, "Item").flatMap { LSFields.text($0, "description") }
            ?? LSFields.object(line, "Note").flatMap { LSFields.text($0, "note") }
        return .success(.object([
            "lineNumber": .number(CanonicalNumber(number)),
            "type": .string(itemID == nil ? "account" : "item"),
            "sku": sku.json,
            "accountNumber": .null,
            "description": description.json,
            "quantity": LSFields.decimal(line, "unitQuantity").json,
            "unitOfMeasure": .null,
            "unitPrice": LSFields.decimal(line, "unitPrice").json,
            "discountAmount": (LSFields.decimal(line, "calcLineDiscount") ?? LSFields.decimal(line, "discountAmount")).json,
            "discountPercent": LSFields.decimal(line, "discountPercent").map(ExactDecimal.times100).json,
            "taxPercent": rate.json,
            "amountExcludingTax": total.map { ExactDecimal.difference($0, tax) }.json,
            "amountIncludingTax": total.json,
        ]))
    }
}

extension String {
    /// The string, or nil when it is empty.
    var lsNonEmpty: String? { isEmpty ? nil : self }
}
