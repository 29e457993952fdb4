import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Testing
@testable import Lightspeed

@Suite struct LSClientWireTests {
    func parse(_ text: String) throws -> [String: JSONValue] {
        try #require(try JSONParser.parse(bytes: Array(text.utf8)).objectValue)
    }

    @Test func aListOfOneIsAnObjectAtTheTop() throws {
        let one = try parse(#"{"@attributes":{"next":"","previous":""},"Sale":{"saleID":"5"}}"#)
        let sales = try LSWire.entities("Sale", in: one)
        #expect(sales.map { $0["saleID"] } == [.string("5")])
        let two = try parse(#"{"Sale":[{"saleID":"5"},{"saleID":"6"}]}"#)
        #expect(try LSWire.entities("Sale", in: two).count == 2)
    }

    @Test func aListWithNoMatchOmitsTheKeyOrSendsEmptyText() throws {
        #expect(try LSWire.entities("Item", in: try parse(#"{"@attributes":{"next":"","previous":""}}"#)).isEmpty)
        #expect(try LSWire.entities("Item", in: try parse(#"{"Item":""}"#)).isEmpty)
        #expect(throws: LSError.self) { try LSWire.entities("Item", in: try parse(#"{"Item":["x"]}"#)) }
    }

    @Test func nestedCollectionsOfOneBecomeArrays() throws {
        let sale = try parse(#"""
            {"saleID":"5","SaleLines":{"SaleLine":{"saleLineID":"9","unitQuantity":"2"}},
             "SalePayments":{"SalePayment":[{"salePaymentID":"1"},{"salePaymentID":"2"}]},
             "Customer":{"customerID":"3","Contact":{"Emails":{"ContactEmail":{"address":"a@example.test","useType":"Primary"}},
               "Phones":"","Addresses":{"ContactAddress":{"city":"Gent"}}}}}
            """#)
        let normalized = LSWire.normalize(sale)
        #expect(normalized["SaleLines"] == ["SaleLine": [["saleLineID": "9", "unitQuantity": "2"]]])
        #expect(LSWire.collection("SaleLines.SaleLine", in: normalized).count == 1)
        #expect(LSWire.collection("SalePayments.SalePayment", in: normalized).count == 2)
        #expect(LSWire.collection("Customer.Contact.Emails.ContactEmail", in: normalized).first?["address"] == "a@example.test")
        #expect(LSWire.collection("Customer.Contact.Addresses.ContactAddress", in: normalized).first?["city"] == "Gent")
        // An empty collection is "" on the wire and an empty element array after normalising.
        #expect(normalized["Customer"]?.objectValue?["Contact"]?.objectValue?["Phones"] == ["ContactPhone": []])
        #expect(LSWire.collection("Customer.Contact.Phones.ContactPhone", in: normalized).isEmpty)
    }

    @Test func everyDocumentedCollectionIsNormalised() throws {
        let item = try parse(#"""
            {"ItemShops":{"ItemShop":{"shopID":"1"}},"Prices":{"ItemPrice":{"amount":"5","useType":"Default"}},
             "Images":"","CustomFieldValues":{"CustomFieldValue":{"name":"Fabric"}},"TagRelations":"",
             "ItemAttributes":{"attribute1":"Red","itemAttributeSetID":"1"}}
            """#)
        let normalized = LSWire.normalize(item)
        for path in ["ItemShops.ItemShop", "Prices.ItemPrice", "CustomFieldValues.CustomFieldValue"] {
            let wrapper = String(path.split(separator: ".")[0]), element = String(path.split(separator: ".")[1])
            guard case .array(let items)? = normalized[wrapper]?.objectValue?[element] else {
                Issue.record("\(path) is not an array"); continue
            }
            #expect(items.count == 1, "\(path)")
        }
        #expect(normalized["Images"] == ["Image": []])
        #expect(normalized["TagRelations"] == ["TagRelation": []])
        // ItemAttributes is a to-one record, left as an object.
        #expect(normalized["ItemAttributes"]?.objectValue?["attribute1"] == "Red")
    }

    @Test func matrixAttributeValuesAreAlwaysLists() throws {
        let matrix = LSWire.normalize(try parse(#"{"attribute1Values":"","attribute2Values":"White","attribute3Values":["Black","White"]}"#))
        #expect(matrix["attribute1Values"] == [])
        #expect(matrix["attribute2Values"] == ["White"])
        #expect(matrix["attribute3Values"] == ["Black", "White"])
    }

    @Test func scalarsAreStringsWithTypedReadings() throws {
        let item = try parse(#"{"itemID":"20","qoh":"-3","defaultCost":"749.99","calcTotal":"26.44425","amount":"20","tax":"true","archived":"false","categoryID":"0","taxClassID":"4","timeStamp":"2021-06-14T16:47:49+00:00"}"#)
        #expect(item["itemID"] == "20")  // stays a string
        #expect(item["itemID"]?.lsInt == 20 && item["qoh"]?.lsInt == -3)
        #expect(item["defaultCost"]?.lsDecimal == CanonicalNumber("749.99"))
        #expect(item["calcTotal"]?.lsDecimal?.text == "26.44425")
        #expect(item["amount"]?.lsDecimal?.text == "20")
        #expect(item["defaultCost"]?.lsInt == nil)
        #expect(item["tax"]?.lsBool == true && item["archived"]?.lsBool == false)
        #expect(item["categoryID"]?.lsForeignKey == nil)
        #expect(item["taxClassID"]?.lsForeignKey == "4")
        #expect(item["timeStamp"]?.lsDate == Date(timeIntervalSince1970: 1_623_689_269))
        #expect(JSONValue.string("").lsDecimal == nil)
        #expect(JSONValue.number(CanonicalNumber(7)).lsInt == 7)
    }

    @Test func pricesAreFoundByUseTypeNotPosition() throws {
        let item = LSWire.normalize(try parse(#"""
            {"Prices":{"ItemPrice":[{"amount":"12","useTypeID":"3","useType":"My Online Store"},
              {"amount":"10.5","useTypeID":"1","useType":"Default"},{"amount":"15","useTypeID":"2","useType":"MSRP"}]}}
            """#))
        #expect(LSWire.price(in: item, useType: "Default")?.text == "10.5")
        #expect(LSWire.price(in: item, useType: "MSRP")?.text == "15")
        #expect(LSWire.price(in: item, useTypeID: "3")?.text == "12")
        #expect(LSWire.price(in: item, useType: "Online") == nil)
        let single = LSWire.normalize(try parse(#"{"Prices":{"ItemPrice":{"amount":"4","useTypeID":"1","useType":"Default"}}}"#))
        #expect(LSWire.price(in: single, useType: "Default")?.text == "4")
    }

    @Test func headerNamesAreMatchedWithoutCase() {
        let headers: APIHeaders = ["X-Ls-Api-Bucket-Level": "9.2179536819447/90", "x-ls-api-drip-rate": "1"]
        #expect(headers["X-LS-API-Bucket-Level"] == "9.2179536819447/90")
        #expect(headers["X-LS-Api-Drip-Rate"] == "1")
        let level = LSBucket.fraction(headers["X-LS-API-Bucket-Level"])
        #expect(level?.0 == 9.2179536819447 && level?.1 == 90)
    }

    @Test func errorBodiesOfBothShapesAreRead() {
        let api = LSServiceFault(status: 400, body: Array(#"{"httpCode":"400","httpMessage":"Bad Request","message":"Item not created. An Item must have a description.","errorClass":"Exception"}"#.utf8))
        #expect(api.shape == .api && api.httpCode == "400" && api.errorClass == "Exception")
        #expect(api.reason == "HTTP 400: Item not created. An Item must have a description.")
        let oauth = LSServiceFault(status: 401, body: Array(#"{"error":"access_denied","error_description":"The resource owner or authorization server denied the request.","hint":"Access token could not be verified"}"#.utf8))
        #expect(oauth.shape == .oauth && oauth.oauthError == "access_denied" && oauth.hint == "Access token could not be verified")
        #expect(LSServiceFault(status: 502, body: Array("<html>".utf8)).shape == .unknown)
    }
}
