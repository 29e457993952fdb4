import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import Testing
@testable import Lightspeed

@Suite struct LSClientWriteTests {
    static func body(_ request: APIRequest) throws -> [String: JSONValue] {
        try #require(try JSONParser.parse(bytes: request.body).objectValue)
    }

    @Test func createPostsJSONAndReturnsTheNormalisedRecord() async throws {
        let harness = try LSHarness { _ in
            LSFixture.raw(200, #"{"@attributes":{"count":"1"},"Item":{"itemID":"42","description":"Shirt","ItemShops":{"ItemShop":{"shopID":"1","qoh":"0"}},"Prices":{"ItemPrice":{"amount":"19.9","useType":"Default","useTypeID":"1"}}}}"#)
        }
        let outcome = try await harness.client.create("Item", [
            "description": "Shirt", "customSku": "SKU-1", "ean": "5411234567890", "publishToEcom": .bool(true),
            "Prices": ["ItemPrice": [["amount": "19.9", "useTypeID": "1"]]],
        ])
        let record = try #require(outcome.record)
        #expect(record["itemID"] == "42")
        #expect(LSWire.collection("ItemShops.ItemShop", in: record).count == 1)
        #expect(LSWire.price(in: record, useType: "Default")?.text == "19.9")
        let request = try #require(harness.transport.apiRequests.first)
        #expect(request.method == .post && request.url == "\(LSFixture.root)/Item.json")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(try Self.body(request)["publishToEcom"] == .bool(true))
    }

    @Test func validationErrorsAreRejectedRecordsWithTheMessage() async throws {
        let harness = try LSHarness { request in
            request.method == .post ? LSFixture.apiError(400, "Item not created. An Item must have a description.")
                : LSFixture.raw(422, #"{"httpCode":"422","httpMessage":"Unprocessable Entity","message":"UPC must be 11 to 14 digits.","errorClass":"Exception"}"#)
        }
        #expect(try await harness.client.create("Item", ["customSku": "X"])
            == .rejected(reason: "HTTP 400: Item not created. An Item must have a description."))
        #expect(try await harness.client.update("Item", id: "7", ["upc": "12"]) == .rejected(reason: "HTTP 422: UPC must be 11 to 14 digits."))
        #expect(harness.transport.apiRequests.count == 2)  // rejections are not retried
    }

    @Test func forbiddenIsThrownNotRejected() async throws {
        let harness = try LSHarness { _ in LSFixture.raw(403, #"{"httpCode":"403","httpMessage":"Forbidden","message":"scope","errorClass":"Exception"}"#) }
        await expectLSError({ _ = try await harness.client.update("Customer", id: "1", ["firstName": "A"]) }) { error in
            error.kind == .forbidden
        }
    }

    @Test func updatePutsOnlyTheGivenFields() async throws {
        let harness = try LSHarness { _ in LSFixture.json(200, ["Customer": ["customerID": "9", "Contact": ["Emails": ""]]]) }
        let contact: JSONValue = ["Emails": ["ContactEmail": [["address": "ann@example.test", "useType": "Primary"]]],
                                  "Phones": ["ContactPhone": [["number": "0471", "useType": "Mobile"]]]]
        let outcome = try await harness.client.update("Customer", id: "9", ["lastName": "Peeters", "Contact": contact])
        #expect(outcome.record?["Contact"]?.objectValue?["Emails"] == ["ContactEmail": []])
        let request = try #require(harness.transport.apiRequests.first)
        #expect(request.method == .put && request.url == "\(LSFixture.root)/Customer/9.json")
        #expect(try Self.body(request) == ["lastName": "Peeters", "Contact": contact])
    }

    @Test func stockIsSetThroughItemShops() async throws {
        let harness = try LSHarness { _ in LSFixture.json(200, ["Item": ["itemID": "5"]]) }
        _ = try await harness.client.setStock(itemID: "5", shopQuantities: [LSShopQuantity(shopID: "1", qoh: 3)])
        _ = try await harness.client.setStock(itemID: "5", shopQuantities: [
            LSShopQuantity(shopID: "1", itemShopID: "40", qoh: 3), LSShopQuantity(shopID: "2", qoh: -1),
        ])
        let requests = harness.transport.apiRequests
        #expect(requests.allSatisfy { $0.method == .put && $0.url == "\(LSFixture.root)/Item/5.json" })
        #expect(String(decoding: requests[0].body, as: UTF8.self) == #"{"ItemShops":{"ItemShop":{"qoh":3,"shopID":"1"}}}"#)
        #expect(String(decoding: requests[1].body, as: UTF8.self)
            == #"{"ItemShops":{"ItemShop":[{"itemShopID":"40","qoh":3,"shopID":"1"},{"qoh":-1,"shopID":"2"}]}}"#)
    }

    @Test func saleReferenceAndNote() async throws {
        let harness = try LSHarness { _ in LSFixture.json(200, ["Sale": ["saleID": "77", "referenceNumber": "SO-1001"]]) }
        let outcome = try await harness.client.setSaleReference(saleID: "77", referenceNumber: "SO-1001", source: "BC", note: "Posted")
        #expect(outcome.record?["referenceNumber"] == "SO-1001")
        let request = try #require(harness.transport.apiRequests.first)
        #expect(request.url == "\(LSFixture.root)/Sale/77.json" && request.method == .put)
        #expect(try Self.body(request) == ["referenceNumber": "SO-1001", "referenceNumberSource": "BC",
                                           "SaleNotes": ["InternalNote": ["note": "Posted"]]])
    }

    @Test func categoryWithParent() async throws {
        let harness = try LSHarness { _ in LSFixture.json(200, ["Category": ["categoryID": "3", "parentID": "1"]]) }
        #expect(try await harness.client.createCategory(name: "Shoes", parentID: "1").record?["parentID"] == "1")
        #expect(try Self.body(try #require(harness.transport.apiRequests.first)) == ["name": "Shoes", "parentID": "1"])
    }

    @Test func imagesAreUploadedAsMultipart() async throws {
        let harness = try LSHarness { _ in LSFixture.json(200, ["Image": ["imageID": "8", "itemID": "5", "filename": "a.jpg"]]) }
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0x00, 0x0D, 0x0A, 0xFF, 0xD9]
        let outcome = try await harness.client.uploadImage(itemID: "5", bytes: jpeg, filename: "a.jpg", contentType: "image/jpeg",
                                                           description: "Front", ordering: 1)
        #expect(outcome.record?["imageID"] == "8")
        let request = try #require(harness.transport.apiRequests.first)
        #expect(request.url == "\(LSFixture.root)/Item/5/Image.json" && request.method == .post)
        let contentType = try #require(request.headers["Content-Type"])
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        let text = String(decoding: request.body, as: UTF8.self)
        #expect(text.hasPrefix("--\(boundary)\r\nContent-Disposition: form-data; name=\"data\"\r\n"))
        #expect(text.contains(#"{"description":"Front","itemID":"5","ordering":1}"#))
        #expect(text.contains("Content-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"))
        #expect(request.body.firstRange(of: jpeg) != nil)
        #expect(text.hasSuffix("--\(boundary)--\r\n"))
    }

    @Test func inventoryCountThenReconcile() async throws {
        let harness = try LSHarness { request in
            if request.url.hasSuffix("/InventoryCount.json") { return LSFixture.json(200, ["InventoryCount": ["inventoryCountID": "3"]]) }
            if request.url.hasSuffix("/InventoryCountItem.json") {
                let body = try JSONParser.parse(bytes: request.body).objectValue ?? [:]
                if body["itemID"] == "2" { return LSFixture.apiError(400, "Item is not inventoried.") }
                return LSFixture.json(200, ["InventoryCountItem": ["inventoryCountItemID": "1"]])
            }
            return LSFixture.json(200, ["InventoryCountReconcile": ["inventoryCountID": "3"]])
        }
        let result = try await harness.client.correctStockByCount(shopID: "1", employeeID: "4", name: "posbridge 2026-11-29",
                                                                  counts: [("1", 5), ("2", 6)], reconcile: true)
        #expect(result.inventoryCountID == "3")
        #expect(result.items["1"]?.record != nil)
        #expect(result.items["2"] == .rejected(reason: "HTTP 400: Item is not inventoried."))
        #expect(result.reconcile?.record != nil)
        #expect(harness.transport.apiRequests.map { $0.url.split(separator: "/").last! }
            == ["InventoryCount.json", "InventoryCountItem.json", "InventoryCountItem.json", "InventoryCountReconcile.json"])
        #expect(try Self.body(harness.transport.apiRequests[1]) == ["inventoryCountID": "3", "itemID": "1", "qty": 5, "employeeID": "4"])
    }

    @Test func matrixAndVariants() async throws {
        let harness = try LSHarness { request in
            request.url.hasSuffix("/ItemMatrix.json")
                ? LSFixture.json(200, ["ItemMatrix": ["itemMatrixID": "12", "attribute1Values": "", "attribute2Values": "M"]])
                : LSFixture.json(200, ["Item": ["itemID": "50", "itemMatrixID": "12"]])
        }
        let matrix = try await harness.client.createItemMatrix(description: "Tee", itemAttributeSetID: "1",
                                                               fields: ["categoryID": "3"])
        #expect(matrix.record?["attribute1Values"] == [] && matrix.record?["attribute2Values"] == ["M"])
        let variant = try await harness.client.createVariant(matrixID: "12", itemAttributeSetID: "1", attributes: ["Red", "M"],
                                                             fields: ["customSku": "TEE-R-M"])
        #expect(variant.record?["itemMatrixID"] == "12")
        let requests = harness.transport.apiRequests
        #expect(try Self.body(requests[0]) == ["description": "Tee", "itemAttributeSetID": "1", "categoryID": "3"])
        #expect(requests[1].url == "\(LSFixture.root)/Item.json")
        #expect(try Self.body(requests[1]) == ["itemMatrixID": "12", "customSku": "TEE-R-M",
                                               "ItemAttributes": ["itemAttributeSetID": "1", "attribute1": "Red", "attribute2": "M"]])
    }
}
