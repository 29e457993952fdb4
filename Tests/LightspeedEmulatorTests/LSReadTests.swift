import EmulatorCore
@testable import LightspeedEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport

@Suite struct LSReadTests {
    @Test func accountAndEveryWireQuirk() async throws {
        let ls = try LSHarness()
        let account = await ls.get("/API/V3/Account.json")
        #expect(account.status == 200)
        #expect(account.json.objectValue?["Account"]?.objectValue?["accountID"] == "120645")
        #expect(account.attribute("count") == "1")

        // Sale 1: a walk-in sale with one line and one payment.
        let sale = await ls.get(LSHarness.api(#"Sale/1.json?load_relations=["SaleLines","SalePayments"]"#))
        let record = try #require(sale.json.objectValue?["Sale"]?.objectValue)
        #expect(record["customerID"] == "0")  // unset foreign key
        #expect(record["completed"] == "true")  // booleans as strings
        #expect(record["saleID"] == "1")  // ids as strings
        guard case .object? = record["SaleLines"]?.objectValue?["SaleLine"] else { Issue.record("one line must be an object"); return }
        guard case .object? = record["SalePayments"]?.objectValue?["SalePayment"] else { Issue.record("one payment must be an object"); return }
        // Sale 2 has two payments: an array.
        let multi = await ls.get(LSHarness.api(#"Sale/2.json?load_relations=["SalePayments"]"#))
        guard case .array(let payments)? = multi.json.objectValue?["Sale"]?.objectValue?["SalePayments"]?.objectValue?["SalePayment"] else {
            Issue.record("two payments must be an array"); return
        }
        #expect(payments.count == 2)

        // Numbers as strings without trailing zeros; price levels with useType.
        let item = await ls.get(LSHarness.api("Item/5.json"))
        let fields = try #require(item.json.objectValue?["Item"]?.objectValue)
        guard case .array(let prices)? = fields["Prices"]?.objectValue?["ItemPrice"] else { Issue.record("three price levels"); return }
        #expect(prices.compactMap { $0.objectValue?["useType"]?.stringValue } == ["Default", "MSRP", "Online"])
        let amounts = prices.compactMap { $0.objectValue?["amount"]?.stringValue }
        #expect(amounts.allSatisfy { !$0.contains(".") || !$0.hasSuffix("0") })
        #expect(fields["manufacturerID"] == "0")
        #expect(fields["Contact"] == nil && fields["ItemShops"] == nil)  // relations only when loaded

        // Empty collections are "" (customer 10 has no phones; nobody has websites).
        let customer = await ls.get(LSHarness.api(#"Customer/10.json?load_relations=["Contact"]"#))
        let contact = try #require(customer.json.objectValue?["Customer"]?.objectValue?["Contact"]?.objectValue)
        #expect(contact["Phones"] == "")
        #expect(contact["Websites"] == "")
        guard case .object? = contact["Emails"]?.objectValue?["ContactEmail"] else { Issue.record("one e-mail must be an object"); return }

        // A list with one match is an object; with none the key is omitted.
        let one = await ls.get(LSHarness.api("Item.json?customSku=SKU-10028"))
        guard case .object(let only)? = one.json.objectValue?["Item"] else { Issue.record("one match must be an object"); return }
        #expect(only["itemID"] == "5")
        let none = await ls.get(LSHarness.api("Item.json?customSku=NOPE"))
        #expect(none.status == 200)
        #expect(none.json.objectValue?["Item"] == nil)
        #expect(none.attribute("next") == "")
        let missing = await ls.get(LSHarness.api("Item/9999.json"))
        #expect(missing.status == 404)
        #expect(missing.json.objectValue?["httpCode"] == "404")
        #expect(missing.json.objectValue?["message"] == "Object of type 'Item' not found with primary ID '9999'.")
    }

    @Test func pagingWithLimit2WalksEveryItemForwardAndBack() async throws {
        let ls = try LSHarness()
        var target: String? = LSHarness.api("Item.json?limit=2")
        var ids: [String] = []
        var pages = 0
        var lastPage = ""
        while let current = target {
            let page = await ls.get(current)
            #expect(page.status == 200)
            ids += page.records("Item").compactMap { $0["itemID"]?.stringValue }
            if pages == 0 { #expect(page.attribute("previous") == "") }
            pages += 1
            lastPage = current
            let next = try #require(page.attribute("next"))
            target = next.isEmpty ? nil : relative(next)
        }
        #expect(ids.count == 150)
        #expect(Set(ids).count == 150)
        #expect(pages == 75)
        #expect(ids.first == "1" && ids.last == "150")
        #expect(lastPage.contains("after=") && lastPage.contains("sort=itemID"))
        // previous of the last page is the page before it.
        let last = await ls.get(lastPage)
        let previous = try #require(last.attribute("previous"))
        #expect(previous.contains("before="))
        let before = await ls.get(relative(previous))
        #expect(before.records("Item").compactMap { $0["itemID"]?.stringValue } == ["147", "148"])
        // The cursor is base64 of a JSON array.
        let cursor = try #require(lastPage.components(separatedBy: "after=").last?.removingPercentEncoding)
        #expect(String(decoding: try #require(Data(base64Encoded: cursor)), as: UTF8.self) == "[148]")
        // Sorting by timeStamp descending puts the last item first and keeps going.
        let newest = await ls.get(LSHarness.api("Item.json?sort=-timeStamp&limit=3"))
        #expect(newest.records("Item").compactMap { $0["itemID"]?.stringValue } == ["150", "149", "148"])
        let then = await ls.get(relative(try #require(newest.attribute("next"))))
        #expect(then.records("Item").first?["itemID"] == "147")
        #expect(await ls.get(LSHarness.api("Item.json?sort=upc")).status == 400)
        #expect(await ls.get(LSHarness.api("Item.json?limit=101")).status == 400)
    }

    @Test func timeStampFiltersWithEveryDocumentedOperator() async throws {
        let ls = try LSHarness()
        func count(_ query: String) async -> Int { await ls.get(LSHarness.api("Item.json?\(query)")).records("Item").count }
        // Item n has timeStamp 11:20 + n minutes.
        #expect(await count("timeStamp=%3E%2C2026-11-01T13%3A40%3A00%2B00%3A00") == 10)  // >, encoded
        #expect(await count("timeStamp=>,2026-11-01T13:40:00+00:00") == 10)  // raw, unencoded
        #expect(await count("timeStamp=%3E%3D%2C2026-11-01T13%3A40%3A00-00%3A00") == 11)  // >=
        #expect(await count("timeStamp=%3C%2C2026-11-01T11%3A25%3A00Z") == 4)  // <
        #expect(await count("timeStamp=%3E%3C%2C2026-11-01T11%3A21%3A00%2B00%3A00%2C2026-11-01T11%3A30%3A00%2B00%3A00") == 10)  // between, inclusive
        #expect(await count("timeStamp=>,2026-11-01T14:40:00%2B01:00") == 10)  // an offset is honoured
        #expect(await count("itemID=IN,[1,2,3]") == 3)
        #expect(await count("description=~,%25Merino%25") == 6)
        #expect(await count("description=~,Funktionsshirt%20Merino%25") == 4)
        #expect(await ls.get(LSHarness.api("Item.json?count=1&description=!~,%25Merino%25")).attribute("count") == "144")  // more than one page
        #expect(await count("itemMatrixID=!%3D,0") == 19)
        #expect(await count("or=customSku%3DSKU-10028|customSku%3DSKU-10062") == 2)
        let counted = await ls.get(LSHarness.api("Item.json?count=1"))
        #expect(counted.attribute("count") == "150")
        #expect(counted.json.objectValue?["Item"] == nil)
        #expect(await ls.get(LSHarness.api("Item.json?nosuchfield=1")).status == 400)
    }

    @Test func loadRelations() async throws {
        let ls = try LSHarness()
        let item = await ls.get(LSHarness.api(#"Item/5.json?load_relations=%5B%22ItemShops%22%2C%22Category%22%2C%22ItemAttributes%22%5D"#))
        let fields = try #require(item.json.objectValue?["Item"]?.objectValue)
        guard case .array(let shops)? = fields["ItemShops"]?.objectValue?["ItemShop"] else { Issue.record("three ItemShops"); return }
        #expect(shops.compactMap { $0.objectValue?["shopID"]?.stringValue }.sorted() == ["0", "1", "2"])
        #expect(fields["Category"]?.objectValue?["fullPathName"] == "Gear/Camp Kitchen")
        let variant = await ls.get(LSHarness.api("Item/1.json?load_relations=all"))
        let attrs = try #require(variant.json.objectValue?["Item"]?.objectValue?["ItemAttributes"]?.objectValue)
        #expect(attrs["attribute1"] == "BLK")
        #expect(variant.json.objectValue?["Item"]?.objectValue?["CustomFieldValues"] == nil)  // not part of "all"
        let sale = await ls.get(LSHarness.api(#"Sale.json?load_relations=["Customer"]&limit=3"#))
        #expect(sale.records("Sale").first?["Customer"] == nil)  // walk-in: no customer to load
        #expect(sale.records("Sale").dropFirst().first?["Customer"]?.objectValue?["customerID"] != nil)
        #expect(await ls.get(LSHarness.api(#"Item.json?load_relations=["Nope"]"#)).status == 400)
        // One nested level: the item of every sale line, the contact of the sale's customer.
        let nested = await ls.get(LSHarness.api(#"Sale/2.json?load_relations=["SaleLines.Item","Customer.Contact"]"#))
        let saleRecord = try #require(nested.records("Sale").first)
        guard case .array(let saleLines)? = saleRecord["SaleLines"]?.objectValue?["SaleLine"] else { Issue.record("sale 2 has several lines"); return }
        #expect(saleLines.allSatisfy { $0.objectValue?["Item"]?.objectValue?["customSku"] != nil })
        #expect(saleRecord["Customer"]?.objectValue?["Contact"]?.objectValue?["Emails"] != nil)
        #expect(await ls.get(LSHarness.api(#"Sale/2.json?load_relations=["SaleLines.Nope"]"#)).status == 400)
        let lines = await ls.get(LSHarness.api("Sale/5/SaleLine.json"))
        #expect(lines.records("SaleLine").first?["unitQuantity"] == "-1")  // the refund
    }
}

@Suite struct LSRelationFilterTests {
    @Test func filtersOnRelationsMatchAnyRelatedRecord() async throws {
        let ls = try LSHarness()
        // Customers 5 and 12 share an e-mail in different case; the filter compares case-insensitively.
        let same = await ls.get(LSHarness.api(#"Customer.json?load_relations=["Contact"]&Contact.email=eva.steiner5@example.org"#))
        #expect(same.records("Customer").compactMap { $0["customerID"]?.stringValue } == ["5", "12"])
        let stocked = await ls.get(LSHarness.api(#"Item.json?count=1&load_relations=["ItemShops"]&ItemShops.qoh=%3E,100000"#))
        #expect(stocked.attribute("count") == "0")
        _ = await ls.send("PUT", LSHarness.api("Item/9.json"), json: ["ItemShops": ["ItemShop": ["shopID": 1, "qoh": 200000]]])
        let now = await ls.get(LSHarness.api(#"Item.json?load_relations=["ItemShops"]&ItemShops.qoh=%3E,100000"#))
        #expect(now.records("Item").compactMap { $0["itemID"]?.stringValue } == ["9"])
        #expect(await ls.get(LSHarness.api("Item.json?Nope.qoh=1")).status == 400)
    }
}

/// Lightspeed hides archived records from lists unless `archived=true` (both) or `archived=only`
/// asks for them (Lightspeed Retail API documentation, "Introduction": archived records are hidden by default).
@Suite struct LSArchivedReadTests {
    @Test func archivedItemsMatricesCustomersAndSalesAreHiddenUnlessAsked() async throws {
        let ls = try LSHarness()
        let archived: [(entity: String, id: String, key: String)] = [
            ("Item", "5", "itemID"), ("ItemMatrix", "2", "itemMatrixID"), ("Customer", "3", "customerID"), ("Sale", "3", "saleID"),
        ]
        var counts: [String: Int] = [:]
        for (entity, _, _) in archived {
            counts[entity] = Int(try #require(await ls.get(LSHarness.api("\(entity).json?count=1")).attribute("count")))
        }
        for (entity, id, _) in archived {
            #expect(await ls.send("DELETE", LSHarness.api("\(entity)/\(id).json")).status == 200)
        }
        for (entity, id, key) in archived {
            func ids(_ query: String) async -> [String] {
                await ls.get(LSHarness.api("\(entity).json?limit=100\(query)")).records(entity).compactMap { $0[key]?.stringValue }
            }
            #expect(!(await ids("")).contains(id), "\(entity) \(id) is listed without archived=")
            #expect(!(await ids("&archived=false")).contains(id))
            #expect((await ids("&archived=true")).contains(id))
            #expect(await ids("&archived=only") == [id])
            let hidden = Int(try #require(await ls.get(LSHarness.api("\(entity).json?count=1")).attribute("count")))
            #expect(hidden == (counts[entity] ?? 0) - 1)
            // A read by id still answers the archived record.
            #expect(await ls.get(LSHarness.api("\(entity)/\(id).json")).records(entity).first?["archived"] == "true")
        }
    }
}
