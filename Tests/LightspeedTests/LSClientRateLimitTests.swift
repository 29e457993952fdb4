import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import Testing
import TestSupport
@testable import Lightspeed

/// A server-side leaky bucket as Lightspeed's "Rate Limits" page describes it: the request that overflows is
/// still served, later ones get 429 with `Retry-After` until the level is below the size.
final class LSFakeBucketServer: Sendable {
    private let state = Mutex((level: 0.0, at: Date?.none, served: 0, refused: 0))
    let size: Double
    let drip: Double
    let clock: TestClock

    init(size: Double = 90, drip: Double = 1, clock: TestClock) {
        self.size = size
        self.drip = drip
        self.clock = clock
    }

    var served: Int { state.withLock { $0.served } }
    var refused: Int { state.withLock { $0.refused } }

    func answer(_ request: APIRequest, body: JSONValue) -> APIResponse {
        let cost = LSBucketCost.estimate(request, model: .current)
        let now = clock.now
        return state.withLock { state in
            let leaked = state.at.map { max(0, state.level - drip * now.timeIntervalSince($0)) } ?? state.level
            state.at = now
            state.level = leaked
            let headers: APIHeaders = ["X-Ls-Api-Bucket-Level": "\(state.level)/\(Int(size))", "X-Ls-Api-Drip-Rate": "\(drip)",
                                          "X-Ls-Api-Request-Cost": "\(cost)"]
            if state.level >= size {
                state.refused += 1
                var refusal = headers
                refusal.set("Retry-After", "\(Int(((state.level - size) / drip).rounded(.up)) + 1)")
                refusal.set("X-LS-API-RateLimit-Type", "api-leaky-bucket")
                return LSFixture.raw(429, "", headers: refusal)
            }
            state.level += cost
            state.served += 1
            var served = headers
            served.set("X-Ls-Api-Bucket-Level", "\(state.level)/\(Int(size))")
            return LSFixture.json(200, body, headers: served)
        }
    }
}

@Suite struct LSClientRateLimitTests {
    static let item: JSONValue = ["@attributes": ["count": "1"], "Item": ["itemID": "1", "ItemShops": ["ItemShop": ["shopID": "1", "qoh": "5"]]]]

    @Test func severalHundredWritesMeetNo429() async throws {
        let box = Mutex<LSFakeBucketServer?>(nil)
        let harness = try LSHarness { request in box.withLock { $0! }.answer(request, body: Self.item) }
        let server = LSFakeBucketServer(clock: harness.clock)
        box.withLock { $0 = server }
        let start = harness.clock.now
        for n in 1...300 {
            let outcome = try await harness.client.setStock(itemID: "\(n)", shopQuantities: [LSShopQuantity(shopID: "1", qoh: n)])
            #expect(outcome.record != nil)
        }
        #expect(server.refused == 0)
        #expect(server.served == 300)
        let waits = await harness.client.bucket.waits
        #expect(waits.count > 100)
        // 300 writes at 1.5 drips against a 90-drip bucket leaking 1 per second: at least 360 s.
        #expect(harness.clock.now.timeIntervalSince(start) >= 300 * 1.5 - 90)
        #expect(harness.clock.now.timeIntervalSince(start) < 300 * 1.5)
        #expect(!harness.logs.text.contains("rate limited"))
    }

    @Test func concurrentWritersMeetNo429Either() async throws {
        let box = Mutex<LSFakeBucketServer?>(nil)
        let harness = try LSHarness(yields: 3) { request in box.withLock { $0! }.answer(request, body: Self.item) }
        let server = LSFakeBucketServer(clock: harness.clock)
        box.withLock { $0 = server }
        let client = harness.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for n in 0..<50 {
                        _ = try await client.update("Item", id: "\(worker * 100 + n)", ["description": "x"])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(server.refused == 0 && server.served == 200)
    }

    @Test func a429FromTheLeakyBucketWaitsRetryAfterThenSucceeds() async throws {
        let calls = Mutex(0)
        let harness = try LSHarness { _ in
            if calls.withLock({ $0 += 1; return $0 }) == 1 {
                return LSFixture.raw(429, "", headers: ["retry-after": "3", "X-LS-API-RateLimit-Type": "api-leaky-bucket",
                                                        "X-LS-API-Bucket-Level": "91/90"])
            }
            return LSFixture.json(200, ["@attributes": ["next": ""], "Item": ["itemID": "1"]])
        }
        let items = try await harness.client.readAllValues(LSQuery("Item"))
        #expect(items.count == 1)
        #expect(harness.clock.sleeps.first == .seconds(3))
        #expect(harness.transport.apiRequests.count == 2)
        #expect(harness.logs.text.contains("ls.limiter=api-leaky-bucket"))
    }

    @Test func a429FromTheBurstLimiterWaitsAtLeastASecond() async throws {
        let calls = Mutex(0)
        let harness = try LSHarness { _ in
            if calls.withLock({ $0 += 1; return $0 }) == 1 {
                return LSFixture.raw(429, #"{"message":"burst rate limit exceeded"}"#,
                                     headers: ["Retry-After": "0", "X-LS-API-RateLimit-Type": "api-burst-limiter"])
            }
            return LSFixture.json(200, ["@attributes": ["count": "1"], "Item": ["itemID": "1"]])
        }
        let outcome = try await harness.client.create("Item", ["description": "Shirt"])
        #expect(outcome.record?["itemID"] == "1")
        #expect(harness.clock.sleeps.first == .seconds(1))
        #expect(harness.transport.apiRequests.count == 2)  // a POST is retried after a 429: it never ran
    }

    @Test func persistent429GivesUpAsThrottled() async throws {
        let harness = try LSHarness(retry: RetryPolicy(maxTries: 3)) { _ in
            LSFixture.raw(429, "", headers: ["Retry-After": "2", "X-LS-API-RateLimit-Type": "api-leaky-bucket"])
        }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            error.kind == .throttled
        }
        #expect(harness.transport.apiRequests.count == 3)
    }

    @Test func theBucketFollowsTheHeadersAndWaitsBeforeOverflow() async throws {
        let clock = TestClock()
        let bucket = LSBucket(limits: LSBucket.Limits(size: 90, dripRate: 1, reserve: 0), now: { clock.now }, sleep: { clock.sleep($0) })
        let ticket = try await bucket.acquire(cost: 1)
        await bucket.record(ticket, headers: ["x-ls-api-bucket-level": "59.5/60", "X-LS-API-Drip-Rate": "2", "X-LS-API-Burst-Level": "1/20"])
        let state = await bucket.state
        #expect(state.level == 59.5 && state.size == 60 && state.dripRate == 2 && state.burstLimit == 20)
        _ = try await bucket.acquire(cost: 10)
        // (59.5 + 10 - 60) / 2 = 4.75 s
        #expect(clock.sleeps == [.milliseconds(4750)])
    }

    @Test func costsFollowTheDocumentedModel() {
        func cost(_ method: APIMethod, _ path: String, _ body: String = "", model: LSBucketCost.Model = .current) -> Double {
            LSBucketCost.estimate(APIRequest(method: method, url: "\(LSFixture.root)/\(path)", body: Array(body.utf8)), model: model)
        }
        #expect(cost(.get, "Item.json?limit=100") == 1)
        // List with a to-many and a to-one relation: (0.2 + 0.1) × 2.
        #expect(abs(cost(.get, "Item.json?load_relations=%5B%22ItemShops%22%2C%22Category%22%5D&limit=100") - 1.6) < 1e-9)
        #expect(abs(cost(.get, "Item/5.json?load_relations=%5B%22ItemShops%22%5D") - 1.2) < 1e-9)
        #expect(cost(.get, "Item.json?count=1") == 10)
        #expect(cost(.put, "Item/5.json", #"{"ItemShops":{"ItemShop":[{"shopID":"1","qoh":2},{"shopID":"2","qoh":3}]}}"#) == 2)
        #expect(cost(.post, "Category.json", #"{"name":"Shoes"}"#) == 10)
        #expect(cost(.put, "Sale/5.json", #"{"referenceNumber":"SO-1"}"#) == 2)
        #expect(cost(.post, "Sale.json", #"{"completed":true,"SaleLines":{"SaleLine":{"itemID":"1","unitQuantity":1}}}"#) == 5.5)
        #expect(cost(.post, "InventoryCountReconcile.json", #"{"inventoryCountID":"3"}"#) == 10)
        #expect(cost(.put, "Item/5.json", #"{"description":"x"}"#, model: .legacy) == 10)
        #expect(cost(.get, "Item.json", model: .legacy) == 1)
    }
}
