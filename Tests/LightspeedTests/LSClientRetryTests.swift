import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import Testing
@testable import Lightspeed

@Suite struct LSClientRetryTests {
    static let ok = LSFixture.json(200, ["@attributes": ["next": ""], "Item": ["itemID": "1"]])

    @Test func serverFailuresAreRetriedThenSucceed() async throws {
        let calls = Mutex(0)
        let harness = try LSHarness { _ in
            switch calls.withLock({ $0 += 1; return $0 }) {
            case 1: LSFixture.raw(503, "<html>unavailable</html>")
            case 2: LSFixture.raw(500, #"{"httpCode":"500","httpMessage":"Internal Server Error","message":"x","errorClass":"Exception"}"#)
            default: Self.ok
            }
        }
        #expect(try await harness.client.readAllValues(LSQuery("Item")).count == 1)
        #expect(harness.transport.apiRequests.count == 3)
        // Full jitter with random = upper bound: 1 s, then 2 s.
        #expect(harness.clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func serverFailuresGiveUpAfterMaxTries() async throws {
        let harness = try LSHarness(retry: RetryPolicy(maxTries: 4)) { _ in LSFixture.raw(502, "bad gateway") }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            return error.kind == .server && error.message == "GET Item: HTTP 502 after 4 tries"
        }
        #expect(harness.transport.apiRequests.count == 4)
        #expect(harness.clock.sleeps.count == 3)
    }

    @Test func timeoutsAreRetriedForReadsAndUpdates() async throws {
        let calls = Mutex(0)
        let harness = try LSHarness { request in
            if calls.withLock({ $0 += 1; return $0 }) % 2 == 1 { throw URLError(.timedOut) }
            return request.method == .get ? Self.ok : LSFixture.json(200, ["Item": ["itemID": "1"]])
        }
        #expect(try await harness.client.readAllValues(LSQuery("Item")).count == 1)
        #expect(try await harness.client.update("Item", id: "1", ["description": "x"]).record != nil)
        #expect(harness.transport.apiRequests.count == 4)
    }

    @Test func createsAreNotRetriedAfterAmbiguousFailures() async throws {
        let failing = try LSHarness { _ in LSFixture.raw(500, "") }
        await expectLSError({ _ = try await failing.client.create("Item", ["description": "Shirt"]) }) { error in
            error.kind == .server
        }
        #expect(failing.transport.apiRequests.count == 1)

        let lost = try LSHarness { _ in throw URLError(.networkConnectionLost) }
        await expectLSError({ _ = try await lost.client.create("Customer", ["firstName": "Ann"]) }) { error in
            error.kind == .transport
        }
        #expect(lost.transport.apiRequests.count == 1)
    }

    @Test func aPleaseTryAgainLater400IsRetriedForReads() async throws {
        let calls = Mutex(0)
        let harness = try LSHarness { _ in
            calls.withLock({ $0 += 1; return $0 }) == 1 ? LSFixture.apiError(400, "Please try again later.") : Self.ok
        }
        #expect(try await harness.client.readAllValues(LSQuery("Item")).count == 1)
        #expect(harness.transport.apiRequests.count == 2)
    }

    @Test func tokenRefreshesAreRetriedOnServerFailures() async throws {
        let tokens = LSFakeTokenServer()
        let failures = Mutex(1)
        let harness = try LSHarness(tokens: tokens) { _ in Self.ok }
        // Replace the token answers: one 503 first, then the fake server.
        let transport = LSScriptedTransport { request, _ in
            if request.url == LSFixture.tokenURL {
                if failures.withLock({ let f = $0 > 0; $0 -= 1; return f }) { return LSFixture.raw(503, "") }
                return tokens.answer(request)
            }
            return Self.ok
        }
        let client = LSHarness.makeClient(LSFixture.settings(store: harness.store), transport, harness.clock, harness.logs)
        #expect(try await client.readAllValues(LSQuery("Item")).count == 1)
        #expect(transport.tokenRequests.count == 2)
        #expect(tokens.issued == 1)
    }
}
