import EmulatorCore
@testable import LightspeedEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport

@Suite struct LSWriteTests {
    @Test func partialPutChangesOnlySentFieldsAndMovesTimeStamp() async throws {
        let ls = try LSHarness()
        let before = try #require(await ls.get(LSHarness.api("Item/5.json")).json.objectValue?["Item"]?.objectValue)
        ls.clock.advance(60)
        let put = await ls.send("PUT", LSHarness.api("Item/5.json"), json: [
            "description": "Salz & Pfeffer Streuer Camping (neu)", "defaultCost": "12.50", "Prices": ["ItemPrice": ["useType": "Default", "amount": "19.90"]],
        ])
        #expect(put.status == 200)
        let after = try #require(put.json.objectValue?["Item"]?.objectValue)
        #expect(after["description"] == "Salz & Pfeffer Streuer Camping (neu)")
        #expect(after["defaultCost"] == "12.5")  // a string in, a canonical number out
        #expect(after["customSku"] == before["customSku"])
        #expect(after["ean"] == before["ean"])
        #expect(after["timeStamp"] != before["timeStamp"])
        let stamp: JSONValue = .string(ISODateTime.offsetSeconds(ls.clock.now))
        #expect(after["timeStamp"] == stamp)
        guard case .array(let prices)? = after["Prices"]?.objectValue?["ItemPrice"] else { Issue.record("prices"); return }
        guard case .array(let old)? = before["Prices"]?.objectValue?["ItemPrice"] else { Issue.record("old prices"); return }
        #expect(prices.first?.objectValue?["amount"] == "19.9")
        #expect(prices[1] == old[1] && prices[2] == old[2])  // the other levels are kept
        // Archiving through PUT is refused; validation errors use the documented body.
        let archive = await ls.send("PUT", LSHarness.api("Item/5.json"), json: ["archived": "true"])
        #expect(archive.status == 400)
        #expect(archive.json.objectValue?["httpCode"] == "400")
        #expect(await ls.send("PUT", LSHarness.api("Item/5.json"), json: ["upc": "123"]).status == 400)
    }

    @Test func stockThroughItemShopsMovesItemShopTimeStampButNotItems() async throws {
        let ls = try LSHarness()
        let item = try #require(await ls.get(LSHarness.api("Item/6.json")).json.objectValue?["Item"]?.objectValue)
        ls.clock.advance(120)
        let stamp = ISODateTime.offsetSeconds(ls.clock.now)
        let stampValue: JSONValue = .string(stamp)
        let put = await ls.send("PUT", LSHarness.api("Item/6.json"), json: ["ItemShops": ["ItemShop": ["shopID": 2, "qoh": "7"]]])
        #expect(put.status == 200)
        let shops = put.records("Item").first?["ItemShops"]?.objectValue?["ItemShop"]
        guard case .array(let rows)? = shops else { Issue.record("ItemShops in the answer"); return }
        let byShop = Dictionary(uniqueKeysWithValues: rows.compactMap(\.objectValue).map { ($0["shopID"]?.stringValue ?? "", $0) })
        #expect(byShop["2"]?["qoh"] == "7")
        #expect(byShop["2"]?["timeStamp"] == stampValue)
        #expect(byShop["1"]?["timeStamp"] != stampValue)
        let one = Int(byShop["1"]?["qoh"]?.stringValue ?? "") ?? -1
        let summed: JSONValue = .string(String(one + 7))
        #expect(byShop["0"]?["qoh"] == summed)  // the all-shops row follows
        let reread = try #require(await ls.get(LSHarness.api("Item/6.json")).json.objectValue?["Item"]?.objectValue)
        #expect(reread["timeStamp"] == item["timeStamp"])
        // Polling ItemShop by timeStamp finds exactly the changed rows.
        let changed = await ls.get(LSHarness.api("ItemShop.json?sort=timeStamp&timeStamp=%3E%3D%2C\(stamp.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"))
        #expect(changed.records("ItemShop").count == 2)
    }

    @Test func createItemCategoryCustomerAndMatrixVariant() async throws {
        let ls = try LSHarness()
        #expect(await ls.send("POST", LSHarness.api("Item.json"), json: ["customSku": "X"]).json.objectValue?["message"] == "Item not created. An Item must have a description.")
        let item = await ls.send("POST", LSHarness.api("Item.json"), json: ["description": "Neu", "customSku": "SKU-NEW", "ean": "7612345678901"])
        #expect(item.status == 200)
        let created = try #require(item.records("Item").first)
        #expect(created["itemID"] == "151")
        #expect(created["archived"] == "false")
        #expect(created["categoryID"] == "0")
        guard case .array(let shops)? = created["ItemShops"]?.objectValue?["ItemShop"] else { Issue.record("ItemShops"); return }
        #expect(shops.count == 3)

        let category = await ls.send("POST", LSHarness.api("Category.json"), json: ["name": "Stoves", "parentID": "5"])
        #expect(category.records("Category").first?["fullPathName"] == "Gear/Camp Kitchen/Stoves")
        #expect(category.records("Category").first?["nodeDepth"] == "2")
        #expect(await ls.send("POST", LSHarness.api("Category.json"), json: ["parentID": 1]).json.objectValue?["message"] == "name cannot be blank.")

        let customer = await ls.send("POST", LSHarness.api("Customer.json"), json: [
            "firstName": "Zoe", "lastName": "Test",
            "Contact": ["Emails": ["ContactEmail": ["address": "zoe@example.org", "useType": "Primary"]], "Phones": ""],
        ])
        let contact = try #require(customer.records("Customer").first?["Contact"]?.objectValue)
        #expect(contact["Emails"]?.objectValue?["ContactEmail"]?.objectValue?["address"] == "zoe@example.org")
        #expect(contact["Phones"] == "")

        // Matrix 2 has one colour: a one-element list is a plain string on the wire.
        let matrix = await ls.get(LSHarness.api("ItemMatrix/2.json"))
        #expect(matrix.records("ItemMatrix").first?["attribute1Values"] == "ORG")
        let variant = await ls.send("POST", LSHarness.api("Item.json"), json: [
            "itemMatrixID": 2, "ItemAttributes": ["itemAttributeSetID": 1, "attribute1": "BLU", "attribute2": "M"],
        ])
        #expect(variant.status == 200)
        #expect(variant.records("Item").first?["description"]?.stringValue?.hasSuffix(" BLU M") == true)
        let grown = await ls.get(LSHarness.api("ItemMatrix/2.json"))
        #expect(grown.records("ItemMatrix").first?["attribute1Values"] == ["ORG", "BLU"])
    }

    @Test func deleteArchivesAndHidesAndSaleReferenceUpdates() async throws {
        let ls = try LSHarness()
        ls.clock.advance(30)
        let deleted = await ls.send("DELETE", LSHarness.api("Item/7.json"))
        #expect(deleted.status == 200)
        #expect(deleted.records("Item").first?["archived"] == "true")
        #expect(await ls.get(LSHarness.api("Item.json?itemID=7")).json.objectValue?["Item"] == nil)
        #expect(await ls.get(LSHarness.api("Item.json?itemID=7&archived=true")).records("Item").count == 1)
        #expect(await ls.get(LSHarness.api("Item.json?archived=only")).records("Item").count == 1)
        #expect(await ls.get(LSHarness.api("Item/7.json")).records("Item").first?["archived"] == "true")
        // Category DELETE is permanent.
        #expect(await ls.send("DELETE", LSHarness.api("Category/12.json")).status == 200)
        #expect(await ls.get(LSHarness.api("Category/12.json")).status == 404)

        let sale = await ls.send("PUT", LSHarness.api("Sale/3.json"), json: [
            "referenceNumber": "SO-1003", "referenceNumberSource": "posbridge", "Note": ["note": "Posted to BC"],
        ])
        let fields = try #require(sale.records("Sale").first)
        #expect(fields["referenceNumber"] == "SO-1003")
        #expect(fields["referenceNumberSource"] == "posbridge")
        #expect(fields["Note"]?.objectValue?["note"] == "Posted to BC")
        let stamp: JSONValue = .string(ISODateTime.offsetSeconds(ls.clock.now))
        #expect(fields["timeStamp"] == stamp)
        #expect(await ls.send("DELETE", LSHarness.api("Sale/3.json")).records("Sale").first?["archived"] == "true")
    }
}

@Suite struct LSImageTests {
    @Test func multipartUploadCreatesAnImageOnTheItem() async throws {
        let ls = try LSHarness()
        let boundary = "XyZ123"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{\"description\":\"front\",\"ordering\":1}\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"front.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEGDATA\r\n--\(boundary)--\r\n"
        let upload = await ls.send("POST", LSHarness.api("Item/5/Image.json"), headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: Array(body.utf8))
        #expect(upload.status == 200)
        let image = try #require(upload.records("Image").first)
        #expect(image["itemID"] == "5")
        #expect(image["filename"] == "front.jpg")
        #expect(image["size"] == "8")
        let item = await ls.get(LSHarness.api(#"Item/5.json?load_relations=["Images"]"#))
        #expect(item.records("Item").first?["Images"]?.objectValue?["Image"]?.objectValue?["description"] == "front")
        let json = await ls.send("POST", LSHarness.api("Image.json"), json: ["itemID": 5])
        #expect(json.status == 400)
    }
}

@Suite struct LSInventoryCountTests {
    @Test func aReconciledCountSetsTheShopsQuantity() async throws {
        let ls = try LSHarness()
        let count = await ls.send("POST", LSHarness.api("InventoryCount.json"), json: ["name": "Year end", "shopID": 2])
        let countID = try #require(count.records("InventoryCount").first?["inventoryCountID"]?.stringValue)
        let refused = await ls.send("POST", LSHarness.api("InventoryCountItem.json"), json: ["inventoryCountID": .string(countID), "itemID": 6, "qty": 3])
        #expect(refused.status == 400)  // employeeID is required
        let line = await ls.send("POST", LSHarness.api("InventoryCountItem.json"), json: ["inventoryCountID": .string(countID), "itemID": 6, "qty": 3, "employeeID": 1])
        #expect(line.status == 200)
        let before = await ls.get(LSHarness.api("ItemShop.json?itemID=6&shopID=2"))
        #expect(before.records("ItemShop").first?["qoh"] != "3")  // unchanged until reconciled
        let done = await ls.send("POST", LSHarness.api("InventoryCountReconcile.json"), json: ["inventoryCountID": .string(countID)])
        #expect(done.status == 200)
        #expect(done.header("x-ls-api-request-cost") == "10")
        let after = await ls.get(LSHarness.api("ItemShop.json?itemID=6&shopID=2"))
        #expect(after.records("ItemShop").first?["qoh"] == "3")
    }
}

@Suite struct LSSaleTests {
    @Test func aCompletedSaleMustBalanceAndTakesStockOut() async throws {
        let ls = try LSHarness()
        let shopBefore = await ls.get(LSHarness.api("ItemShop.json?itemID=6&shopID=1"))
        let qoh = Int(shopBefore.records("ItemShop").first?["qoh"]?.stringValue ?? "") ?? -1
        let lines: JSONValue = ["SaleLine": [["itemID": 6, "unitQuantity": 2, "unitPrice": "10.25"], ["itemCode": "5", "unitQuantity": "1", "unitPrice": 5]]]
        let unbalanced = await ls.send("POST", LSHarness.api("Sale.json"), json: [
            "shopID": 1, "completed": true, "SaleLines": lines, "SalePayments": ["SalePayment": ["paymentTypeID": 2, "amount": 20]],
        ])
        #expect(unbalanced.status == 400)
        let sale = await ls.send("POST", LSHarness.api("Sale.json"), json: [
            "shopID": 1, "completed": "true", "customerID": 3, "SaleLines": lines,
            "SalePayments": ["SalePayment": [["paymentTypeID": 2, "amount": "20"], ["paymentTypeID": 1, "amount": "10"]]],
        ])
        #expect(sale.status == 200)
        #expect(sale.header("x-ls-api-request-cost") == "7")  // 2 + 3 (completed) + 0.5 × 4 nested records
        let record = try #require(sale.records("Sale").first)
        #expect(record["saleID"] == "41")
        #expect(record["total"] == "25.5")
        #expect(record["change"] == "4.5")
        #expect(record["completed"] == "true")
        guard case .array(let saleLines)? = record["SaleLines"]?.objectValue?["SaleLine"] else { Issue.record("two lines"); return }
        #expect(saleLines.count == 2)
        let shopAfter = await ls.get(LSHarness.api("ItemShop.json?itemID=6&shopID=1"))
        #expect(shopAfter.records("ItemShop").first?["qoh"] == .string(String(qoh - 2)))
        let polled = await ls.get(LSHarness.api("Sale.json?completed=true&sort=-saleID&limit=1"))
        #expect(polled.records("Sale").first?["saleID"] == "41")
    }
}

@Suite struct LSCustomerWriteTests {
    @Test func contactListsAreReplacedWhenSentAndKeptWhenNot() async throws {
        let ls = try LSHarness()
        let before = try #require(await ls.get(LSHarness.api(#"Customer/2.json?load_relations=["Contact"]"#)).records("Customer").first)
        ls.clock.advance(10)
        let put = await ls.send("PUT", LSHarness.api("Customer/2.json"), json: [
            "Contact": ["Phones": ["ContactPhone": [["number": "+41 79 000 00 01", "useType": "Mobile"], ["number": "+41 44 000 00 02", "useType": "Work"]]]],
        ])
        let after = try #require(put.records("Customer").first)
        let contact = try #require(after["Contact"]?.objectValue)
        guard case .array(let phones)? = contact["Phones"]?.objectValue?["ContactPhone"] else { Issue.record("two phones"); return }
        #expect(phones.count == 2)
        #expect(contact["Emails"] == before["Contact"]?.objectValue?["Emails"])  // not sent: kept
        #expect(after["firstName"] == before["firstName"])
        let stamp: JSONValue = .string(ISODateTime.offsetSeconds(ls.clock.now))
        #expect(after["timeStamp"] == stamp)
        #expect(contact["timeStamp"] == stamp)
        let found = await ls.get(LSHarness.api("Customer.json?Contact.mobile=%2B41%2079%20000%2000%2001"))
        #expect(found.records("Customer").compactMap { $0["customerID"]?.stringValue } == ["2"])
    }
}
