import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import Testing
@testable import Lightspeed

@Suite struct LSClientPagingTests {
    /// The page after `n`: a full URL with the original parameters and an opaque cursor.
    static func pageURL(_ n: Int) -> String {
        let cursor = Data("[\(n * 100)]".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "%3D")
        return "\(LSFixture.root)/Item.json?load_relations=%5B%22ItemShops%22%5D&sort=itemID&limit=100&after=\(cursor)"
    }

    static func page(_ n: Int, of total: Int, perPage: Int = 100) -> APIResponse {
        let items: [JSONValue] = (0..<perPage).map { i in
            ["itemID": .string("\(n * perPage + i + 1)"), "description": "Item",
             "ItemShops": ["ItemShop": ["shopID": "1", "qoh": "3"]]]
        }
        let next = n + 1 < total ? pageURL(n + 1) : ""
        let previous = n == 0 ? "" : pageURL(n - 1)
        return LSFixture.json(200, ["@attributes": ["next": .string(next), "previous": .string(previous)],
                                    "Item": .array(items)])
    }

    @Test func followsNextOverManyPagesWithExactURLs() async throws {
        let harness = try LSHarness { request in
            if request.url.hasPrefix("\(LSFixture.root)/Item.json?load_relations=%5B%22ItemShops%22%5D&sort=itemID&limit=100") {
                var n = 0
                if request.url.contains("after=") { n = (1...12).first(where: { Self.pageURL($0) == request.url }) ?? 99 }
                return Self.page(n, of: 12)
            }
            return LSFixture.apiError(404, "no such page")
        }
        var pages: [LSPage] = []
        try await harness.client.readAll(LSQuery("Item").loadRelations("ItemShops").sort("itemID")) { pages.append($0) }
        #expect(pages.count == 12)
        #expect(pages.map(\.index) == Array(1...12))
        #expect(pages.reduce(0) { $0 + $1.entities.count } == 1200)
        let urls = harness.transport.apiRequests.map(\.url)
        #expect(urls == [LSFixture.root + "/Item.json?load_relations=%5B%22ItemShops%22%5D&sort=itemID&limit=100"]
            + (1..<12).map(Self.pageURL))
        #expect(pages[0].previous == nil && pages[11].next == nil)
        #expect(pages[3].next == Self.pageURL(4) && pages[3].previous == Self.pageURL(2))
        // Every nested collection arrives as an array, and bodies are kept exactly as received.
        #expect(pages[0].entities[0]["ItemShops"] == ["ItemShop": [["shopID": "1", "qoh": "3"]]])
        #expect(pages[5].body == Self.page(5, of: 12).body)
        #expect(harness.transport.apiRequests.allSatisfy { $0.headers["Accept"] == "application/json" })
    }

    @Test func usesTheConnectionPageSizeAsLimit() async throws {
        let harness = try LSHarness(pageSize: 25) { _ in LSFixture.json(200, ["@attributes": ["next": "", "previous": ""]]) }
        let values = try await harness.client.readAllValues(LSQuery("Customer"))
        #expect(values.isEmpty)  // no match: the entity key is absent
        #expect(harness.transport.apiRequests.map(\.url) == ["\(LSFixture.root)/Customer.json?limit=25"])
    }

    @Test func aSingleMatchingRecordComesAsOneEntity() async throws {
        let harness = try LSHarness { _ in
            LSFixture.raw(200, #"{"@attributes":{"next":"","previous":""},"Sale":{"saleID":"5","SaleLines":{"SaleLine":{"saleLineID":"1"}},"SalePayments":""}}"#)
        }
        let sales = try await harness.client.readAllValues(LSQuery.Snapshot.sale)
        #expect(sales.count == 1)
        #expect(LSWire.collection("SaleLines.SaleLine", in: sales[0]).count == 1)
        #expect(sales[0]["SalePayments"] == ["SalePayment": []])
    }

    @Test func refusesANextLinkToAnotherHost() async throws {
        let harness = try LSHarness { _ in
            LSFixture.json(200, ["@attributes": ["next": "https://evil.test/API/V3/Account/1/Item.json?after=x", "previous": ""],
                                 "Item": [["itemID": "1"]]])
        }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            error.kind == .foreignLink
        }
        #expect(harness.transport.apiRequests.count == 1)
    }

    @Test func refusesANextLinkThatRepeats() async throws {
        let first = "\(LSFixture.root)/Item.json?limit=100"
        let harness = try LSHarness { _ in
            LSFixture.json(200, ["@attributes": ["next": .string(first + "&after=WzEwMF0%3D"), "previous": ""], "Item": [["itemID": "1"]]])
        }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            error.kind == .malformedResponse
        }
        #expect(harness.transport.apiRequests.count == 2)
    }

    @Test func readsTheAccountFromTheTokenClaimOrAccountJSON() async throws {
        let fromClaim = try LSHarness(accountID: nil) { _ in LSFixture.json(200, ["@attributes": ["next": ""]]) }
        #expect(try await fromClaim.client.account() == LSFixture.accountID)
        _ = try await fromClaim.client.readAllValues(LSQuery("Shop"))
        #expect(fromClaim.transport.apiRequests.map(\.url) == ["\(LSFixture.root)/Shop.json?limit=100"])

        // A token that is not a JWT with `acct`: the account comes from Account.json.
        let opaque = LSFakeTokenServer(account: "")
        let fromAPI = try LSHarness(accountID: nil, tokens: opaque) { request in
            if request.url == "\(LSFixture.base)/API/V3/Account.json" {
                return LSFixture.raw(200, #"{"@attributes":{"count":"1"},"Account":{"accountID":"777","name":"Demo","link":{"@attributes":{"href":"/API/Account/777"}}}}"#)
            }
            return LSFixture.json(200, [:])
        }
        #expect(try await fromAPI.client.account() == "777")
        #expect(try await fromAPI.client.account() == "777")
        #expect(fromAPI.transport.apiRequests.count == 1)
    }

    @Test func oneRecordByIdIsNormalisedOrNilWhenMissing() async throws {
        let harness = try LSHarness { request in
            request.url.contains("/Customer/9.json")
                ? LSFixture.raw(200, #"{"@attributes":{"count":"1"},"Customer":{"customerID":"9","Contact":{"Emails":{"ContactEmail":{"address":"a@example.test"}},"Phones":""}}}"#)
                : LSFixture.raw(404, #"{"httpCode":"404","httpMessage":"Not Found","message":"Object of type 'Customer' not found with primary ID '8'.","errorClass":"Exception"}"#)
        }
        let found = try #require(try await harness.client.record("Customer", id: "9", relations: ["Contact"]))
        #expect(LSWire.collection("Contact.Emails.ContactEmail", in: found).count == 1)
        #expect(LSWire.collection("Contact.Phones.ContactPhone", in: found).isEmpty)
        #expect(try await harness.client.record("Customer", id: "8") == nil)
        #expect(harness.transport.apiRequests.map(\.url) == [
            "\(LSFixture.root)/Customer/9.json?load_relations=%5B%22Contact%22%5D", "\(LSFixture.root)/Customer/8.json",
        ])
    }
}

