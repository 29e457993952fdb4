import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Testing
import TestSupport
@testable import Lightspeed

/// The access token is chosen after the bucket lets a request go, so a long wait for capacity
/// cannot send (or retry) a request with a token that expired during the wait.
@Suite struct LSClientTokenPacingTests {
    @Test func aRequestThatWaitsOnTheBucketLongerThanTheTokenLivesLeavesWithAFreshToken() async throws {
        let clock = TestClock()
        // Tokens live 60 s, replaced 5 s before expiry; the bucket reports itself full and draining
        // at 0.01 drip/s, so the next request waits (89 + 1 − 88) / 0.01 = 200 s for room.
        let tokens = LSFakeTokenServer(lifetime: 60, clock: clock)
        let full: APIHeaders = ["X-LS-API-Bucket-Level": "89/90", "X-LS-API-Drip-Rate": "0.01"]
        let harness = try LSHarness(tokens: tokens, clock: clock, tokenRefreshMargin: .seconds(5)) { request in
            guard tokens.isLive(request.headers["Authorization"]) else {
                return LSFixture.raw(401, #"{"error":"access_denied","error_description":"expired","hint":"Access token could not be verified"}"#,
                                     headers: full)
            }
            return LSFixture.json(200, ["@attributes": ["next": "", "previous": ""]], headers: full)
        }
        _ = try await harness.client.readAllValues(LSQuery("Item"))
        _ = try await harness.client.readAllValues(LSQuery("Customer"))

        let waits = await harness.client.bucket.waits
        #expect(waits.contains { $0 >= .seconds(61) }, "the bucket must have waited longer than the token lives: \(waits)")
        let sent = harness.transport.apiRequests
        #expect(sent.count == 2, "no 401 and no retry: \(sent.map(\.url))")
        #expect(sent.last?.headers["Authorization"] == LSFixture.bearer("A2"))
        #expect(tokens.issued == 2)
    }
}
