@testable import Lightspeed
import PosBridgeCore
import Testing

@Suite struct LSTranslationWriteTests {
    static let jacket = SnapshotRecord(key: "1000", fields: [
        "sku": "1000", "type": "simple", "parentSku": nil, "variantCode": nil, "name": "Hiking jacket", "shortDescription": nil,
        "longDescription": "Warm jacket", "ean": "4006381333931", "categoryCode": "JACKETS", "categoryPath": ["Jackets"],
        "price": num("129.9"), "priceIncludesTax": true, "currency": "EUR", "unitOfMeasure": "PCS", "blocked": false, "publish": false,
        "takesPart": true, "attributes": [:], "image": nil,
    ])

    @Test func itemCreateBodyExact() throws {
        let body = try LSWriteTranslation.item(Self.jacket, categoryID: "9").get()
        #expect(canonical(body) == #"{"ItemECommerce":{"longDescription":"Warm jacket","shortDescription":""},"Prices":{"ItemPrice":[{"amount":"129.9","useType":"Default"}]},"categoryID":"9","customSku":"1000","description":"Hiking jacket","ean":"4006381333931","itemType":"default","publishToEcom":"false"}"#)
    }

    @Test func itemUpdateBodyHoldsOnlyChangedFields() throws {
        var options = LSTranslationOptions()
        options.priceUseType = "Online"
        let body = try LSWriteTranslation.item(Self.jacket, categoryID: "9", only: ["price", "ean"], options: options).get()
        #expect(canonical(body) == #"{"Prices":{"ItemPrice":[{"amount":"129.9","useType":"Online"}]},"ean":"4006381333931"}"#)
        var upc = Self.jacket
        upc.fields["ean"] = "012345678905"
        #expect(canonical(try LSWriteTranslation.item(upc, only: ["ean"]).get()) == #"{"upc":"012345678905"}"#)
    }

    @Test func variantAndMatrixBodies() throws {
        var variant = Self.jacket
        variant.key = "1000\(US)RED-M"
        variant.fields["type"] = "variant"
        variant.fields["parentSku"] = "1000"
        variant.fields["variantCode"] = "RED-M"
        variant.fields["shortDescription"] = "Red, size M"
        let body = try LSWriteTranslation.item(variant, itemMatrixID: "5", itemAttributes: ["itemAttributeSetID": "1", "attribute1": "Red", "attribute2": "M"],
                                               only: ["sku", "shortDescription"]).get()
        #expect(canonical(body) == #"{"ItemAttributes":{"attribute1":"Red","attribute2":"M","itemAttributeSetID":"1"},"customSku":"1000/RED-M","description":"Red, size M","itemMatrixID":"5"}"#)
        var parent = Self.jacket
        parent.fields["type"] = "variant_parent"
        #expect(throws: TranslationReject.self) { try LSWriteTranslation.item(parent).get() }
        #expect(canonical(LSWriteTranslation.itemMatrix(parent, itemAttributeSetID: "1", categoryID: "9"))
                == #"{"Prices":{"ItemPrice":[{"amount":"129.9","useType":"Default"}]},"categoryID":"9","description":"Hiking jacket","itemAttributeSetID":"1"}"#)
        #expect(canonical(LSWriteTranslation.category(name: "Rain", parentID: "9")) == #"{"name":"Rain","parentID":"9"}"#)
        #expect(canonical(LSWriteTranslation.category(name: "Apparel", parentID: nil)) == #"{"name":"Apparel","parentID":"0"}"#)
    }

    @Test func stockBodyPerShop() {
        func stock(_ location: String, _ available: String) -> SnapshotRecord {
            SnapshotRecord(key: "1000\(US)\(location)", fields: ["sku": "1000", "location": .string(location), "inventory": num(available),
                                                               "reserved": 0, "available": num(available)])
        }
        let (body, rejects) = LSWriteTranslation.stock([stock("WH", "5"), stock("MAIN", "12"), stock("*", "17"), stock("X", "1"), stock("MAIN2", "1.5")],
                                                       shopIDs: ["MAIN": "1", "WH": "10", "MAIN2": "2"], itemShopIDs: ["10": "55"])
        #expect(canonical(body.map(JSONValue.object) ?? .null) == #"{"ItemShops":{"ItemShop":[{"qoh":"12","shopID":"1"},{"itemShopID":"55","qoh":"5"}]}}"#)
        #expect(rejects.map(\.description) == [
            "stock [1000\(US)*]: location * (all shops) cannot be written",
            "stock [1000\(US)X]: location has no Lightspeed shop",
            "stock [1000\(US)MAIN2]: available is not a whole number",
        ])
    }

    @Test func customerBodyWithContact() {
        let company = SnapshotRecord(key: "anna.muster@example.com", fields: [
            "email": "anna.muster@example.com", "kind": "company", "name": "Muster GmbH", "companyName": "Muster GmbH",
            "contactPerson": ["name": "Anna Maria Muster", "email": "anna.muster@example.com", "phone": nil, "jobTitle": nil],
            "phone": "+49 30 1234567", "mobilePhone": nil, "vatNumber": "DE123456789", "currency": nil, "blocked": "none",
            "billingAddress": ["street": "Hauptstraße", "houseNumber": "12a", "line2": nil, "postalCode": "10115", "city": "Berlin", "state": nil, "country": "DE"],
            "shippingAddress": nil, "customerClass": nil,
        ])
        #expect(canonical(LSWriteTranslation.customer(company, customerTypeID: "2")) == #"{"Contact":{"Addresses":{"ContactAddress":[{"address1":"Hauptstraße 12a","address2":"","city":"Berlin","countryCode":"DE","state":"","zip":"10115"}]},"Emails":{"ContactEmail":[{"address":"anna.muster@example.com","useType":"Primary"}]},"Phones":{"ContactPhone":[{"number":"+49 30 1234567","useType":"Work"}]}},"company":"Muster GmbH","customerTypeID":"2","firstName":"Anna Maria","lastName":"Muster","vatNumber":"DE123456789"}"#)
        var person = company
        person.fields["kind"] = "person"
        person.fields["name"] = "Ben Beispiel"
        person.fields["billingAddress"] = nil
        #expect(canonical(LSWriteTranslation.customer(person, only: ["name", "billingAddress"])) == #"{"Contact":{"Addresses":""},"company":"","firstName":"Ben","lastName":"Beispiel"}"#)
        #expect(canonical(LSWriteTranslation.customer(person, only: ["vatNumber"])) == #"{"vatNumber":"DE123456789"}"#)
    }

    @Test func orderStatusWriteBackBodyExact() {
        let status = SnapshotRecord(key: "lightspeed\(US)501", fields: ["status": "invoiced", "documentType": "sales_invoice", "documentNumber": "SI-1001"])
        #expect(canonical(LSWriteTranslation.saleStatus(status)) == #"{"SaleNotes":{"SaleNote":[{"note":"Business Central sales invoice SI-1001: invoiced"}]},"referenceNumber":"SI-1001","referenceNumberSource":"Business Central"}"#)
        #expect(canonical(LSWriteTranslation.saleStatus(status, source: "BC", withNote: false)) == #"{"referenceNumber":"SI-1001","referenceNumberSource":"BC"}"#)
    }

    @Test func patchComparesWireText() {
        let current = ls(#"{"description":"Hiking jacket","publishToEcom":"false","defaultCost":"10.50","ean":""}"#)
        let desired: LSObject = ["description": "Hiking jacket", "publishToEcom": "true", "defaultCost": "10.5", "ean": "", "upc": ""]
        #expect(LSWriteTranslation.patch(current: current, desired: desired) == ["publishToEcom": "true"])
        #expect(LSWriteTranslation.patch(current: current, desired: ["description": "Hiking jacket"]) == nil)
    }
}

@Suite struct LSTranslationRoundTripTests {
    @Test func customerBodyReadsBackToTheSameRecord() throws {
        let source = lsRows("""
        [{"customerID":"1","firstName":"Anna","lastName":"Muster","company":"Muster GmbH","vatNumber":"DE1",
          "Contact":{"Addresses":{"ContactAddress":{"address1":"Hauptstraße 12a","zip":"10115","city":"Berlin","countryCode":"DE"}},
                     "Phones":{"ContactPhone":[{"number":"+49 30 1","useType":"Work"},{"number":"+49 170 1","useType":"Mobile"}]},
                     "Emails":{"ContactEmail":{"address":"anna@example.com","useType":"Primary"}}}},
         {"customerID":"2","firstName":"Ben","lastName":"Beispiel","Contact":{"Emails":{"ContactEmail":{"address":"ben@example.com"}},"Phones":{"ContactPhone":{"number":"1","useType":"Home"}}}}]
        """)
        let first = LSCustomerTranslator.translate(customers: source)
        #expect(first.records.count == 2)
        for record in first.records {
            let body = LSWriteTranslation.customer(record)
            let again = try #require(LSCustomerTranslator.translate(customers: [body]).records.first)
            #expect(canonical(again.fields) == canonical(record.fields), "\(record.key)")
        }
    }

    @Test func itemBodyReadsBackToTheSameFields() throws {
        let item = ls("""
        {"itemID":"1","customSku":"1000","description":"Hiking jacket","itemType":"default","publishToEcom":"true","upc":"012345678905",
         "ItemECommerce":{"longDescription":"Warm","shortDescription":"Jacket"},"Prices":{"ItemPrice":{"amount":"129.9","useType":"Default"}}}
        """)
        let record = try #require(LSProductTranslator.translate(items: [item]).records.first)
        let body = try LSWriteTranslation.item(record).get()
        let again = try #require(LSProductTranslator.translate(items: [body]).records.first)
        #expect(canonical(again.fields) == canonical(record.fields))
    }

    @Test func categoryPlanFindsTheDeepestExisting() {
        let rows = lsRows(#"[{"categoryID":"8","name":"Apparel","parentID":"0"},{"categoryID":"9","name":"Jackets","parentID":"8"},{"categoryID":"12","name":"Rain","parentID":"3"}]"#)
        #expect(LSWriteTranslation.categoryPlan(path: ["Apparel", "Jackets", "Rain"], categories: rows) == ("9", ["Rain"]))
        #expect(LSWriteTranslation.categoryPlan(path: ["Apparel", "Jackets"], categories: rows) == ("9", []))
        #expect(LSWriteTranslation.categoryPlan(path: ["Shoes"], categories: rows) == ("0", ["Shoes"]))
    }
}
