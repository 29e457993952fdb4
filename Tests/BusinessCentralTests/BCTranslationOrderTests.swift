@testable import BusinessCentral
import PosBridgeCore
import Testing

@Suite struct BCTranslationOrderTests {
    static let order = bc("""
    {"id":"e0000000-0000-0000-0000-000000000001","number":"S-ORD101001","externalDocumentNumber":"LS-4711","orderDate":"2026-11-28",
     "customerNumber":"C00010","customerName":"Muster GmbH","email":"Info@Muster.example","currencyCode":"EUR","pricesIncludeTax":true,
     "billToAddressLine1":"Hauptstraße 12a","billToCity":"Berlin","billToPostCode":"10115","billToCountry":"DE",
     "shipToAddressLine1":"","shipToCity":"","shipToPostCode":"","shipToCountry":"",
     "discountAmount":0,"totalAmountExcludingTax":109.16,"totalTaxAmount":20.74,"totalAmountIncludingTax":129.90,"status":"Draft",
     "salesOrderLines":[
       {"id":"f2","sequence":20000,"lineType":"Comment","description":"Gift","quantity":0},
       {"id":"f1","sequence":10000,"lineType":"Item","lineObjectNumber":"1000","description":"Hiking jacket","quantity":1,
        "unitOfMeasureCode":"PCS","unitPrice":129.90,"discountAmount":0,"discountPercent":0,"taxPercent":19,
        "amountExcludingTax":109.16,"amountIncludingTax":129.9,"itemVariant":{"code":"RED-M"}}]}
    """)

    @Test func orderWithLinesAndExactTotals() throws {
        let result = BCOrderTranslator.translate(documents: [Self.order], documentType: .salesOrder)
        #expect(result.rejects.isEmpty)
        let order = try record(result, "lightspeed\(US)4711")
        #expect(order.fields["documentType"] == "sales_order")
        #expect(order.fields["orderDate"] == "2026-11-28")
        #expect(canonical(order.fields["totals"]!) == #"{"discount":0,"excludingTax":109.16,"includingTax":129.9,"tax":20.74}"#)
        #expect(canonical(order.fields["customer"]!) == #"{"email":"info@muster.example","name":"Muster GmbH"}"#)
        #expect(order.fields["shippingAddress"] == .null)
        #expect(order.fields["billingAddress"]?.objectValue?["houseNumber"] == "12a")
        #expect(order.fields["payments"] == [])
        guard case .array(let lines)? = order.fields["lines"] else { Issue.record("no lines"); return }
        #expect(lines.count == 2)
        #expect(canonical(lines[0]) == #"{"accountNumber":null,"amountExcludingTax":109.16,"amountIncludingTax":129.9,"description":"Hiking jacket","discountAmount":0,"discountPercent":0,"lineNumber":10000,"quantity":1,"sku":"1000\u001fRED-M","taxPercent":19,"type":"item","unitOfMeasure":"PCS","unitPrice":129.9}"#)
        #expect(lines[1].objectValue?["type"] == "comment")
        #expect(order.ref["bcNumber"] == "S-ORD101001")
        #expect(order.ref["bcStatus"] == "Draft")
    }

    @Test func invoicesWithSeparateLinesAndOwnNumbers() throws {
        let invoices = bcRows("""
        [{"id":"e0000000-0000-0000-0000-000000000002","number":"S-INV1","externalDocumentNumber":"","invoiceDate":"2026-11-27",
          "totalAmountIncludingTax":0.30000000000000001,"status":"Open"}]
        """)
        let lines = bcRows("""
        [{"documentId":"E0000000-0000-0000-0000-000000000002","sequence":10000,"lineType":"Account","lineObjectNumber":"8400","quantity":3,"unitPrice":0.1}]
        """)
        let result = BCOrderTranslator.translate(documents: invoices, lines: lines, documentType: .salesInvoice)
        let invoice = try record(result, "bc\(US)S-INV1")
        #expect(invoice.fields["documentType"] == "sales_invoice")
        #expect(invoice.fields["orderDate"] == "2026-11-27")
        #expect(canonical(invoice.fields["totals"]!) == #"{"discount":null,"excludingTax":null,"includingTax":0.30000000000000001,"tax":null}"#)
        #expect(canonical(invoice.fields["lines"]!) == #"[{"accountNumber":"8400","amountExcludingTax":null,"amountIncludingTax":null,"description":null,"discountAmount":null,"discountPercent":null,"lineNumber":10000,"quantity":3,"sku":null,"taxPercent":null,"type":"account","unitOfMeasure":null,"unitPrice":0.1}]"#)
    }

    @Test func badLineRejectsTheOrder() {
        var order = Self.order
        order["salesOrderLines"] = [["sequence": 10000, "lineType": "Item", "lineObjectNumber": "1000", "quantity": "lots"]]
        let result = BCOrderTranslator.translate(documents: [order], documentType: .salesOrder)
        #expect(result.records.isEmpty)
        #expect(result.rejects.first?.key == "lightspeed\(US)4711")
        #expect(result.rejects.first?.field == "quantity")
    }

    @Test func onlyAnExternalNumberWithTheLightspeedPrefixIsALightspeedSale() throws {
        var purchaseOrder = Self.order
        purchaseOrder["externalDocumentNumber"] = "PO 2026/117"
        purchaseOrder["number"] = "S-ORD101002"
        var lowerCase = Self.order
        lowerCase["externalDocumentNumber"] = "ls-815"
        var bare = Self.order
        bare["externalDocumentNumber"] = "LS-"
        bare["number"] = "S-ORD101003"
        let result = BCOrderTranslator.translate(documents: [Self.order, purchaseOrder, lowerCase, bare], documentType: .salesOrder)
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.key) == ["lightspeed\(US)4711", "bc\(US)S-ORD101002", "lightspeed\(US)815", "bc\(US)S-ORD101003"])
        // The customer's own number is kept, not taken for a sale id.
        let own = try record(result, "bc\(US)S-ORD101002")
        #expect(own.fields["sourceId"] == "S-ORD101002")
        #expect(own.ref["bcExternalDocumentNumber"] == "PO 2026/117")
        // Another prefix: then LS-4711 is BC's own.
        let other = BCOrderTranslator.translate(documents: [Self.order], documentType: .salesOrder, lightspeedPrefix: "POS")
        #expect(other.records.map(\.key) == ["bc\(US)S-ORD101001"])
    }

    @Test func aBlankCurrencyIsTheCompanysLocalCurrency() {
        var order = Self.order
        order["currencyCode"] = ""
        let result = BCOrderTranslator.translate(documents: [order], documentType: .salesOrder, localCurrency: "chf")
        #expect(result.records.first?.fields["currency"] == "CHF")
    }

    @Test func twoBadTotalsAreOneReject() {
        var order = Self.order
        order["totalTaxAmount"] = "n/a"
        order["discountAmount"] = "n/a"
        let result = BCOrderTranslator.translate(documents: [order], documentType: .salesOrder)
        #expect(result.records.isEmpty)
        #expect(result.rejects.count == 1)
    }

    @Test func externalSourceIsAParameter() {
        let result = BCOrderTranslator.translate(documents: [Self.order], documentType: .salesOrder, externalSource: "shop")
        #expect(result.records.map(\.key) == ["shop\(US)4711"])
    }
}

@Suite struct BCTranslationOrderV1Tests {
    @Test func apiV1ComplexAddressesAndLineDetails() throws {
        let order = bc("""
        {"id":"e0000000-0000-0000-0000-0000000000a1","number":"1001","externalDocumentNumber":"","orderDate":"2019-05-01",
         "customerNumber":"10000","email":"","currencyCode":"USD","pricesIncludeTax":false,"status":"Draft",
         "billingPostalAddress":{"street":"192 Market Square","city":"Atlanta","state":"GA","countryLetterCode":"US","postalCode":"31772"},
         "shippingPostalAddress":{"street":"","city":"","state":"","countryLetterCode":"","postalCode":""},
         "totalAmountExcludingTax":0.5,"totalTaxAmount":0,"totalAmountIncludingTax":0.5,
         "salesOrderLines":[{"sequence":10000,"lineType":"Item","lineDetails":{"number":"1896-S","displayName":"ATHENS Desk"},
           "unitOfMeasure":{"code":"PCS"},"quantity":2,"unitPrice":0.25}]}
        """)
        let result = BCOrderTranslator.translate(documents: [order], documentType: .salesOrder, apiVersion: .v1)
        let record = try record(result, "bc\(US)1001")
        #expect(record.fields["billingAddress"] == ["street": "Market Square", "houseNumber": "192", "line2": nil, "postalCode": "31772",
                                                   "city": "Atlanta", "state": "GA", "country": "US"])
        #expect(record.fields["shippingAddress"] == .null)
        #expect(record.fields["customer"] == ["email": nil, "name": nil])
        let line = try #require(record.fields["lines"].flatMap { if case .array(let lines) = $0 { lines.first } else { nil } })
        #expect(line.objectValue?["sku"] == "1896-S")
        #expect(line.objectValue?["unitOfMeasure"] == "PCS")
        #expect(record.ref["bcCustomerNumber"] == "10000")
    }
}
