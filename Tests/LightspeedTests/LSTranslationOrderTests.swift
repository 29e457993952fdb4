@testable import Lightspeed
import PosBridgeCore
import Testing

@Suite struct LSTranslationOrderTests {
    static let skus = ["20": "1000", "31": "1000\(US)RED-M"]

    static let sale = ls("""
    {"saleID":"501","completed":"true","voided":"false","archived":"false","isTaxInclusive":"false","ticketNumber":"220000000501",
     "createTime":"2026-11-27T09:00:00+00:00","completeTime":"2026-11-27T09:05:00+00:00","customerID":"7","shopID":"1",
     "calcSubtotal":"259.8","calcDiscount":"10","calcTax1":"47.462","calcTax2":"0","total":"297.262","calcTotal":"297.262",
     "Customer":{"customerID":"7","firstName":"Anna","lastName":"Muster","company":"",
                 "Contact":{"Emails":{"ContactEmail":{"address":"Anna.Muster@example.com","useType":"Primary"}},
                            "Addresses":{"ContactAddress":{"address1":"12 Main Street","city":"Springfield","zip":"12345","countryCode":"US"}}}},
     "SaleLines":{"SaleLine":[
        {"saleLineID":"902","itemID":"31","unitQuantity":"1","unitPrice":"129.9","calcLineDiscount":"10","discountPercent":"0",
         "tax1Rate":"0.19","tax2Rate":"0","calcTax1":"22.781","calcTax2":"0","calcTotal":"142.681"},
        {"saleLineID":"901","itemID":"20","unitQuantity":"1","unitPrice":"129.9","calcLineDiscount":"0","discountPercent":"0",
         "tax1Rate":"0.19","tax2Rate":"0","calcTax1":"24.681","calcTax2":"0","calcTotal":"154.581","Item":{"description":"Hiking jacket"}}]},
     "SalePayments":{"SalePayment":[
        {"salePaymentID":"1","amount":"200","paymentTypeID":"1","createTime":"2026-11-27T09:05:00+00:00","PaymentType":{"name":"Cash"}},
        {"salePaymentID":"2","amount":"97.262","paymentTypeID":"3","createTime":"2026-11-27T09:05:00+00:00"},
        {"salePaymentID":"3","amount":"5","paymentTypeID":"1","archived":"true"}]}}
    """)

    @Test func saleWithLinesAndSeveralPayments() throws {
        var options = LSTranslationOptions()
        options.currency = "eur"
        let types = lsRows(#"[{"paymentTypeID":"3","name":"Credit Card"}]"#)
        let result = LSOrderTranslator.translate(sales: [Self.sale], itemSkus: Self.skus, paymentTypes: types, options: options)
        #expect(result.rejects.isEmpty)
        let order = try record(result, "lightspeed\(US)501")
        #expect(canonical(order.fields) == #"{"billingAddress":{"city":"Springfield","country":"US","houseNumber":"12","line2":null,"postalCode":"12345","state":null,"street":"Main Street"},"currency":"EUR","customer":{"email":"anna.muster@example.com","name":"Anna Muster"},"documentType":"sales_order","lines":[{"accountNumber":null,"amountExcludingTax":129.9,"amountIncludingTax":154.581,"description":"Hiking jacket","discountAmount":0,"discountPercent":0,"lineNumber":1,"quantity":1,"sku":"1000","taxPercent":19,"type":"item","unitOfMeasure":null,"unitPrice":129.9},{"accountNumber":null,"amountExcludingTax":119.9,"amountIncludingTax":142.681,"description":null,"discountAmount":10,"discountPercent":0,"lineNumber":2,"quantity":1,"sku":"1000\u001fRED-M","taxPercent":19,"type":"item","unitOfMeasure":null,"unitPrice":129.9}],"orderDate":"2026-11-27","payments":[{"amount":200,"date":"2026-11-27","method":"Cash"},{"amount":97.262,"date":"2026-11-27","method":"Credit Card"}],"pricesIncludeTax":false,"shippingAddress":null,"sourceId":"501","sourceSystem":"lightspeed","totals":{"discount":10,"excludingTax":249.8,"includingTax":297.262,"tax":47.462}}"#)
        #expect(order.ref["ticketNumber"] == "220000000501")
        #expect(order.ref["lsCustomerID"] == "7")
    }

    @Test func walkInRefundAndSkippedSales() throws {
        let sales = lsRows("""
        [{"saleID":"600","completed":"true","customerID":"0","isTaxInclusive":"true","completeTime":"2026-11-28T10:00:00+00:00",
          "calcSubtotal":"-129.9","calcDiscount":"0","calcTax1":"-20.74","calcTax2":"0","total":"-129.9",
          "SaleLines":{"SaleLine":{"saleLineID":"1","itemID":"20","unitQuantity":"-1","unitPrice":"129.9","parentSaleLineID":"901","calcTotal":"-129.9","calcTax1":"-20.74"}},
          "SalePayments":{"SalePayment":{"salePaymentID":"9","amount":"-129.9","paymentTypeID":"1"}}},
         {"saleID":"601","completed":"false","customerID":"0"},
         {"saleID":"602","completed":"true","voided":"true","customerID":"0"},
         {"saleID":"603","completed":"true","customerID":"0","SaleLines":{"SaleLine":{"saleLineID":"5","itemID":"77","unitQuantity":"1"}}},
         {"saleID":"604","completed":"true","customerID":"0","SaleLines":"","SalePayments":"","total":"x"}]
        """)
        let result = LSOrderTranslator.translate(sales: sales, itemSkus: Self.skus)
        #expect(result.records.map(\.key) == ["lightspeed\(US)600"])
        let refund = try record(result, "lightspeed\(US)600")
        #expect(refund.fields["customer"] == ["email": nil, "name": nil])
        #expect(refund.fields["pricesIncludeTax"] == true)
        let line = try #require(refund.fields["lines"].flatMap { if case .array(let l) = $0 { l.first?.objectValue } else { nil } })
        #expect(line["quantity"] == num("-1"))
        #expect(line["amountIncludingTax"] == num("-129.9"))
        #expect(line["amountExcludingTax"] == num("-109.16"))
        #expect(refund.fields["payments"] == [["amount": num("-129.9"), "date": nil, "method": "1"]])
        #expect(canonical(refund.fields["totals"]!) == #"{"discount":0,"excludingTax":-129.9,"includingTax":-129.9,"tax":-20.74}"#)
        #expect(result.rejects.map(\.description) == [
            "SaleLine(5) [lightspeed\(US)603]: itemID names an item with no known SKU",
            "Sale(604) [lightspeed\(US)604]: total is not a decimal number",
        ])
    }
}
