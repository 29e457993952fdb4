@testable import BusinessCentral
import PosBridgeCore
import Testing

@Suite struct BCTranslationWriteTests {
    static let company = SnapshotRecord(key: "info@muster.example", fields: [
        "email": "info@muster.example", "kind": "company", "name": "Muster GmbH", "companyName": "Muster GmbH",
        "contactPerson": ["name": "Anna Muster", "email": "anna@muster.example", "phone": nil, "jobTitle": nil],
        "phone": "+49 30 1", "mobilePhone": nil, "vatNumber": nil, "currency": nil, "blocked": "none",
        "billingAddress": ["street": "Hauptstraße", "houseNumber": "12a", "line2": nil, "postalCode": "10115", "city": "Berlin",
                           "state": nil, "country": "DE"],
        "shippingAddress": nil,
        "customerClass": ["customerPostingGroup": "DOMESTIC", "genBusPostingGroup": "EU", "priceGroup": nil],
    ])

    @Test func customerAndContactPersonBodies() {
        let bodies = BCWriteTranslation.customer(Self.company, companyContactNumber: "CT000010")
        #expect(canonical(bodies.customer) == #"{"addressLine1":"Hauptstraße 12a","addressLine2":"","city":"Berlin","country":"DE","displayName":"Muster GmbH","email":"info@muster.example","phoneNumber":"+49 30 1","postalCode":"10115","state":"","taxRegistrationNumber":"","type":"Company"}"#)
        #expect(canonical(bodies.contactPerson ?? [:]) == #"{"companyNumber":"CT000010","displayName":"Anna Muster","email":"anna@muster.example","phoneNumber":"","type":"Person"}"#)
        #expect(canonical(BCWriteTranslation.customerClassification(Self.company) ?? [:]) == #"{"customerPostingGroup":"DOMESTIC","customerPriceGroup":"","genBusPostingGroup":"EU"}"#)
    }

    @Test func personHasNoContactBody() {
        var person = Self.company
        person.fields["kind"] = "person"
        #expect(BCWriteTranslation.customer(person).contactPerson == nil)
        #expect(BCWriteTranslation.customer(person).customer["type"] == "Person")
    }

    static let order = SnapshotRecord(key: "lightspeed\u{1F}4711", fields: [
        "sourceSystem": "lightspeed", "sourceId": "4711", "documentType": "sales_order", "orderDate": "2026-11-28",
        "customer": ["email": "info@muster.example", "name": "Muster GmbH"], "currency": "EUR", "pricesIncludeTax": true,
        "billingAddress": nil,
        "shippingAddress": ["street": "Rue de la Paix", "houseNumber": nil, "line2": nil, "postalCode": "75002", "city": "Paris",
                            "state": nil, "country": "FR"],
        "lines": [
            ["lineNumber": 1, "type": "item", "sku": "1000\u{1F}RED-M", "description": "Jacket", "quantity": 1,
             "unitPrice": .number(CanonicalNumber("129.90")!), "discountAmount": 0, "discountPercent": nil],
            ["lineNumber": 2, "type": "comment", "sku": nil, "description": "Gift"],
        ],
        "payments": [], "totals": ["discount": 0, "excludingTax": nil, "tax": nil, "includingTax": nil],
    ])

    @Test func salesOrderDeepInsertBody() throws {
        let result = BCWriteTranslation.salesDocument(Self.order, documentType: .salesOrder, customerNumber: "C00010",
                                                      variantIds: ["1000\u{1F}RED-M": "7a000000-0000-0000-0000-000000000002"])
        let body = try result.get()
        #expect(canonical(body) == #"{"currencyCode":"EUR","customerNumber":"C00010","externalDocumentNumber":"LS-4711","orderDate":"2026-11-28","pricesIncludeTax":true,"salesOrderLines":[{"description":"Jacket","discountAmount":0,"itemVariantId":"7a000000-0000-0000-0000-000000000002","lineObjectNumber":"1000","lineType":"Item","quantity":1,"unitPrice":129.9},{"description":"Gift","lineType":"Comment"}],"shipToAddressLine1":"Rue de la Paix","shipToAddressLine2":"","shipToCity":"Paris","shipToCountry":"FR","shipToPostCode":"75002","shipToState":""}"#)
    }

    @Test func theLightspeedSaleIdIsWrittenBehindThePrefix() throws {
        let body = try BCWriteTranslation.salesDocument(Self.order, documentType: .salesOrder, customerNumber: "C1",
                                                        variantIds: ["1000\u{1F}RED-M": "v"], lightspeedPrefix: "POS-").get()
        #expect(body["externalDocumentNumber"] == "POS-4711")
        // Read back, the document is the same order again.
        var read = body
        read["number"] = "S-ORD1"
        read["salesOrderLines"] = nil
        #expect(BCOrderTranslator.translate(documents: [read], documentType: .salesOrder, lightspeedPrefix: "POS-").records.first?.key
                == Self.order.key)
    }

    @Test func salesInvoiceBodyAndUnknownVariant() throws {
        let invoice = try BCWriteTranslation.salesDocument(Self.order, documentType: .salesInvoice, customerNumber: "C1",
                                                           variantIds: ["1000\u{1F}RED-M": "v"]).get()
        #expect(invoice["invoiceDate"] == "2026-11-28")
        #expect(invoice["orderDate"] == nil)
        #expect(invoice["salesInvoiceLines"] != nil)
        let missing = BCWriteTranslation.salesDocument(Self.order, documentType: .salesOrder, customerNumber: "C1")
        guard case .failure(let reject) = missing else { Issue.record("expected a reject"); return }
        #expect(reject.field == "lines.sku")
        #expect(reject.key == "lightspeed\u{1F}4711")
    }
}

@Suite struct BCTranslationPatchTests {
    @Test func patchHoldsOnlyChangedMembers() {
        let current = bc("""
        {"@odata.etag":"W/\\"x\\"","id":"c1","number":"C00010","displayName":"Muster GmbH","type":"Company","email":"info@muster.example",
         "phoneNumber":"+49 30 0","addressLine1":"Hauptstraße 12a","addressLine2":"","city":"Berlin","state":"","country":"DE",
         "postalCode":"10115","taxRegistrationNumber":""}
        """)
        let desired = BCWriteTranslation.customer(BCTranslationWriteTests.company).customer
        #expect(BCWriteTranslation.patch(current: current, desired: desired) == ["phoneNumber": "+49 30 1"])
        var same = current
        same["phoneNumber"] = "+49 30 1"
        #expect(BCWriteTranslation.patch(current: same, desired: desired) == nil)
        #expect(BCWriteTranslation.patch(current: [:], desired: ["state": "", "quantity": 1]) == ["quantity": 1])
    }

    @Test func companionSettingsMatchByItemIdToo() throws {
        let item = bc(#"{"id":"5b1c0000-0000-0000-0000-000000000001","number":"1000","type":"Inventory"}"#)
        let settings = bcRows(#"[{"itemId":"5B1C0000-0000-0000-0000-000000000001","itemNumber":"","longDescription":"Long","publish":true}]"#)
        let result = BCProductTranslator.translate(items: [item], companionSettings: settings)
        #expect(result.records.first?.fields["longDescription"] == "Long")
        #expect(result.records.first?.fields["publish"] == true)
    }
}
