import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// `POST Sale` with nested `SaleLines` and `SalePayments` (Lightspeed Retail API documentation, endpoint pages Sale): totals computed tax-inclusive, a
/// completed sale must be paid in full (cash overpayment becomes `change`), and completed lines take stock out of the
/// sale's shop (moving those ItemShops' `timeStamp`). Promotions, discounts and layaways are not emulated.
extension LSAPIHandler {
    func createSale() throws -> EmulatorResponse {
        let body = try payload()
        let saleID = try LSStore.nextID(db, "Sale")
        let completed = ["true", "1"].contains(LSWireFormat.text(body["completed"]).lowercased())
        let shop = body.int("shopID") ?? 1
        guard try LSStore.find(db, "Shop", id: shop) != nil else { throw LightspeedAPIError(400, "Sale not created. A valid shopID is required.") }
        let customer = body.int("customerID") ?? 0
        if customer != 0, try LSStore.find(db, "Customer", id: customer) == nil { throw LightspeedAPIError.notFound("Customer", String(customer)) }
        let taxRate = Decimal(string: "0.081")!
        var lines: [[String: JSONValue]] = []
        var total = Decimal(0), tax = Decimal(0)
        var nextLine = try LSStore.nextID(db, "SaleLine")
        for case .object(let line) in LSWireFormat.oneOrMany(body["SaleLines"]?.objectValue?["SaleLine"]) {
            let item = try saleItem(line)
            let quantity = Decimal(string: LSWireFormat.text(line["unitQuantity"])) ?? 1
            let defaultPrice = LSWireFormat.oneOrMany(item["Prices"]?.objectValue?["ItemPrice"]).first.map { LSWireFormat.text($0.objectValue?["amount"]) } ?? "0"
            let price = Decimal(string: line["unitPrice"].map { LSWireFormat.text($0) } ?? defaultPrice) ?? 0
            let subtotal = Self.round(price * quantity, 2)
            let lineTax = Self.round(subtotal * taxRate / (1 + taxRate), 5)
            total += subtotal
            tax += lineTax
            lines.append([
                "saleLineID": Self.number(Decimal(nextLine)), "saleID": Self.number(Decimal(saleID)), "itemID": item["itemID"] ?? 0,
                "unitQuantity": Self.number(quantity), "unitPrice": Self.number(price), "normalUnitPrice": Self.number(price),
                "discountAmount": 0, "discountPercent": 0, "avgCost": item["defaultCost"] ?? 0, "fifoCost": item["defaultCost"] ?? 0,
                "tax": true, "tax1Rate": Self.number(taxRate), "tax2Rate": 0, "isLayaway": false, "isWorkorder": false, "isSpecialOrder": false,
                "calcLineDiscount": 0, "calcTransactionDiscount": 0, "calcSubtotal": Self.number(subtotal), "calcTax1": Self.number(lineTax),
                "calcTax2": 0, "calcTotal": Self.number(subtotal), "taxClassID": item["taxClassID"] ?? 1, "customerID": Self.number(Decimal(customer)),
                "discountID": 0, "employeeID": body["employeeID"].map { LSDefaults.coerce($0, like: 0, field: "employeeID") } ?? 1,
                "noteID": 0, "parentSaleLineID": line["parentSaleLineID"].map { LSDefaults.coerce($0, like: 0, field: "parentSaleLineID") } ?? 0,
                "shopID": Self.number(Decimal(shop)), "taxCategoryID": 1, "createTime": .string(now), "timeStamp": .string(now),
            ])
            nextLine += 1
        }
        var payments: [[String: JSONValue]] = []
        var paid = Decimal(0)
        var nextPayment = try LSStore.nextID(db, "SalePayment")
        for case .object(let payment) in LSWireFormat.oneOrMany(body["SalePayments"]?.objectValue?["SalePayment"]) {
            let amount = Decimal(string: LSWireFormat.text(payment["amount"])) ?? 0
            guard let type = payment.int("paymentTypeID"), try LSStore.find(db, "PaymentType", id: type) != nil else {
                throw LightspeedAPIError(400, "Sale not created. Each SalePayment needs a valid paymentTypeID.")
            }
            paid += amount
            payments.append([
                "salePaymentID": Self.number(Decimal(nextPayment)), "saleID": Self.number(Decimal(saleID)), "amount": Self.number(amount),
                "tipAmount": 0, "createTime": .string(now), "archived": false, "remoteReference": .string(LSWireFormat.text(payment["remoteReference"])),
                "paymentID": 0, "paymentTypeID": Self.number(Decimal(type)), "ccChargeID": 0, "refPaymentID": 0, "registerID": body["registerID"] ?? 1,
                "employeeID": 1, "creditAccountID": 0, "timeStamp": .string(now),
            ])
            nextPayment += 1
        }
        var change = Decimal(0)
        if completed {
            let cashOver = payments.contains { $0.int("paymentTypeID") == 1 } && paid > total
            guard paid == total || cashOver else {
                throw LightspeedAPIError(400, "Sale not completed. The payments (\(paid)) must balance the sale total (\(total)).")
            }
            change = paid - total
        }
        let sale: [String: JSONValue] = [
            "saleID": Self.number(Decimal(saleID)), "timeStamp": .string(now), "createTime": .string(now), "updatetime": .string(now),
            "completeTime": completed ? .string(now) : "", "completed": .bool(completed), "archived": false, "voided": false,
            "enablePromotions": false, "isTaxInclusive": true, "referenceNumber": .string(LSWireFormat.text(body["referenceNumber"])),
            "referenceNumberSource": .string(LSWireFormat.text(body["referenceNumberSource"])), "receiptPreference": "printed",
            "ticketNumber": .string(String(format: "2200000%05d", Int(saleID))), "tax1Rate": Self.number(taxRate), "tax2Rate": 0,
            "change": Self.number(change), "tipEnabled": false, "calcDiscount": 0, "calcTotal": Self.number(total), "calcSubtotal": Self.number(total),
            "calcTaxable": Self.number(total), "calcNonTaxable": 0, "calcTax1": Self.number(tax), "calcTax2": 0,
            "calcPayments": Self.number(paid - change), "calcTips": 0, "total": Self.number(total), "totalDue": Self.number(total),
            "balance": Self.number(total - (paid - change)), "taxTotal": Self.number(tax), "customerID": Self.number(Decimal(customer)),
            "discountID": 0, "employeeID": body["employeeID"].map { LSDefaults.coerce($0, like: 0, field: "employeeID") } ?? 1, "tipEmployeeID": 0,
            "quoteID": 0, "registerID": body["registerID"].map { LSDefaults.coerce($0, like: 0, field: "registerID") } ?? 1, "shipToID": 0,
            "shopID": Self.number(Decimal(shop)), "taxCategoryID": 1,
        ]
        try LSStore.put(db, "Sale", id: saleID, sale)
        for line in lines { try LSStore.put(db, "SaleLine", id: line.int("saleLineID") ?? 0, line) }
        for payment in payments { try LSStore.put(db, "SalePayment", id: payment.int("salePaymentID") ?? 0, payment) }
        if completed {
            for line in lines {
                guard let itemID = line.int("itemID"), let item = try LSStore.find(db, "Item", id: itemID),
                      LSWireFormat.text(item["itemType"]) == "default" else { continue }
                let row = try LSStore.all(db, "ItemShop").first { $0.int("itemID") == itemID && $0.int("shopID") == shop }
                let qoh = Decimal(string: LSWireFormat.text(row?["qoh"])) ?? 0
                let sold = Decimal(string: LSWireFormat.text(line["unitQuantity"])) ?? 0
                try applyStock(["ItemShop": ["shopID": Self.number(Decimal(shop)), "qoh": Self.number(qoh - sold)]], itemID: itemID)
            }
        }
        groups = [:]
        let entity = LSCatalog.entities["Sale"]!
        return Self.envelope("Sale", try render(sale, entity, relations: ["SaleLines", "SalePayments"]))
    }

    /// The line's item by `itemID`, or by `itemCode` (itemID, UPC or EAN).
    private func saleItem(_ line: [String: JSONValue]) throws -> [String: JSONValue] {
        if let id = line.int("itemID"), id != 0 {
            guard let item = try LSStore.find(db, "Item", id: id) else { throw LightspeedAPIError.notFound("Item", String(id)) }
            return item
        }
        let code = LSWireFormat.text(line["itemCode"])
        guard !code.isEmpty, let item = try LSStore.all(db, "Item").first(where: { row in
            ["itemID", "upc", "ean"].contains { LSWireFormat.text(row[$0]) == code }
        }) else { throw LightspeedAPIError(400, "Sale not created. Each SaleLine needs an itemID or a known itemCode.") }
        return item
    }

    static func number(_ value: Decimal) -> JSONValue {
        .number(CanonicalNumber("\(value)") ?? CanonicalNumber(0))
    }

    static func round(_ value: Decimal, _ scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }
}
