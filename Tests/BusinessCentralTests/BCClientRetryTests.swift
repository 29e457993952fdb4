import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Testing
import TestSupport
@testable import BusinessCentral

@Suite struct BCClientRetryTests {
    static let ok = Fixture.json(200, ["value": []])

    /// Answers token and companies, then the given responses for data requests in order.
    static func transport(_ responses: [APIResponse]) -> ScriptedTransport {
        let counter = ScriptedTransport(responses: responses)
        return ScriptedTransport { request, _ in
            if request.url == Fixture.tokenURL { return Fixture.token() }
            if request.url.hasSuffix("/companies") { return Fixture.companies }
            return try await counter.send(request)
        }
    }

    @Test func honoursRetryAfterSecondsOn429() async throws {
        let transport = Self.transport([
            Fixture.error(429, code: "Application_TooManyRequests", message: "slow down", headers: ["Retry-After": "7"]),
            Self.ok,
        ])
        let clock = TestClock()
        let client = Fixture.client(Fixture.online(), transport, clock: clock)
        _ = try await client.readAllValues(BCQuery("items"))
        #expect(clock.sleeps == [.seconds(7)])
        #expect(transport.dataRequests.count == 2)
    }

    @Test func honoursRetryAfterAsAnHTTPDate() async throws {
        // FixedClock.instant is 2026-11-18T11:06:40Z.
        let transport = Self.transport([
            Fixture.error(503, code: "", message: "", headers: ["Retry-After": "Wed, 18 Nov 2026 11:07:10 GMT"]), Self.ok,
        ])
        let clock = TestClock()
        _ = try await Fixture.client(Fixture.online(), transport, clock: clock).readAllValues(BCQuery("items"))
        #expect(clock.sleeps == [.seconds(30)])
    }

    @Test func backsOffExponentiallyWithinTheCapWithoutRetryAfter() async throws {
        let unavailable = Fixture.error(503, code: "", message: "Service Unavailable")
        let transport = Self.transport([unavailable, unavailable, unavailable, unavailable, Self.ok])
        let clock = TestClock()
        let retry = RetryPolicy(maxTries: 5, baseDelay: .seconds(2), maxDelay: .seconds(5))
        // The random source returns the top of the jitter range, so the ceilings are visible.
        _ = try await Fixture.client(Fixture.online(retry: retry), transport, clock: clock).readAllValues(BCQuery("items"))
        #expect(clock.sleeps == [.seconds(2), .seconds(4), .seconds(5), .seconds(5)])

        let jittered = TestClock()
        _ = try await Fixture.client(Fixture.online(retry: retry), Self.transport([unavailable, Self.ok]), clock: jittered,
                                     random: { $0.lowerBound + ($0.upperBound - $0.lowerBound) / 4 })
            .readAllValues(BCQuery("items"))
        #expect(jittered.sleeps == [.milliseconds(500)])
    }

    @Test func capsALongRetryAfter() async throws {
        let transport = Self.transport([Fixture.error(429, code: "", message: "", headers: ["Retry-After": "3600"]), Self.ok])
        let clock = TestClock()
        let retry = RetryPolicy(maxRetryAfter: .seconds(120))
        _ = try await Fixture.client(Fixture.online(retry: retry), transport, clock: clock).readAllValues(BCQuery("items"))
        #expect(clock.sleeps == [.seconds(120)])
    }

    @Test func givesUpAfterMaxTriesWithATypedError() async throws {
        let transport = Self.transport([Fixture.error(504, code: "", message: "Gateway Timeout")])
        let clock = TestClock()
        let client = Fixture.client(Fixture.online(retry: RetryPolicy(maxTries: 3)), transport, clock: clock)
        let error = await #expect(throws: BCError.self) { _ = try await client.readAllValues(BCQuery("items")) }
        #expect(error?.kind == .throttled)
        #expect(error?.message == "GET items: HTTP 504 after 3 tries: Gateway Timeout")
        #expect(transport.dataRequests.count == 3)
        #expect(clock.sleeps.count == 2)
    }

    struct Reset: Error {}

    /// Token and companies answered; the first data request fails without a response, later ones get `then`.
    static func resetOnce(then response: APIResponse) -> ScriptedTransport {
        let data = ScriptedTransport { _, number in
            if number == 0 { throw Reset() }
            return response
        }
        return ScriptedTransport { request, _ in
            if request.url == Fixture.tokenURL { return Fixture.token() }
            if request.url.hasSuffix("/companies") { return Fixture.companies }
            return try await data.send(request)
        }
    }

    @Test func retriesTransportFailuresOnReadsButNotOnCreates() async throws {
        let read = Self.resetOnce(then: Self.ok)
        let clock = TestClock()
        _ = try await Fixture.client(Fixture.online(), read, clock: clock).readAllValues(BCQuery("items"))
        #expect(read.dataRequests.count == 2)
        #expect(clock.sleeps == [.seconds(1)])

        let create = Self.resetOnce(then: Fixture.json(201, ["id": "new"]))
        let error = await #expect(throws: BCError.self) {
            _ = try await Fixture.client(Fixture.online(), create).create("customers", ["displayName": "A"])
        }
        #expect(error?.kind == .transport)
        #expect(error?.underlying is Reset)
        #expect(create.dataRequests.count == 1)
    }

    @Test func postIsRetriedOn429ButNotOn503() async throws {
        let throttled = Self.transport([Fixture.error(429, code: "", message: ""), Fixture.json(201, ["id": "c1"])])
        #expect(try await Fixture.client(Fixture.online(), throttled).create("customers", ["displayName": "A"])["id"] == "c1")
        #expect(throttled.dataRequests.count == 2)

        let unavailable = Self.transport([Fixture.error(503, code: "", message: ""), Fixture.json(201, ["id": "c1"])])
        let error = await #expect(throws: BCError.self) {
            _ = try await Fixture.client(Fixture.online(), unavailable).create("customers", ["displayName": "A"])
        }
        #expect(error?.kind == .throttled)
        #expect(unavailable.dataRequests.count == 1)
    }

    @Test func parsesErrorBodiesIntoTypedErrors() async throws {
        let cases: [(APIResponse, BCErrorKind, String, String)] = [
            (Fixture.error(400, code: "BadRequest_NotFound", message: "Bad Request - Error in query syntax.  CorrelationId:  c1."),
             .rejected, "BadRequest_NotFound", "Bad Request - Error in query syntax."),
            (Fixture.error(404, code: "BadRequest_ResourceNotFound", message: "Resource not found for the segment 'itemz'."),
             .notFound, "BadRequest_ResourceNotFound", "Resource not found for the segment 'itemz'."),
            (Fixture.error(403, code: "Internal_ServerError", message: "Sorry, the current permissions prevented the action."),
             .forbidden, "Internal_ServerError", "Sorry, the current permissions prevented the action."),
            (Fixture.error(500, code: "Internal_ServerError", message: "boom"), .server, "Internal_ServerError", "boom"),
            (Fixture.error(409, code: "Internal_EntityWithSameKeyExists", message: "The Customer already exists. Customer 'Anna Muster' anna@example.com"),
             .rejected, "Internal_EntityWithSameKeyExists", "The Customer already exists. Customer '…' …"),
        ]
        for (response, kind, code, summary) in cases {
            let client = Fixture.client(Fixture.online(), Self.transport([response]))
            let error = await #expect(throws: BCError.self) { _ = try await client.readAllValues(BCQuery("items")) }
            #expect(error?.kind == kind)
            #expect(error?.fault?.code == code)
            #expect(error?.fault?.status == response.status)
            // The server's reason is in the one line, without the correlation id and the data it quotes.
            #expect(error?.message == "GET items: HTTP \(response.status) \(code): \(summary)")
        }
        let odd = BCServiceFault(status: 502, body: Array("<html>Bad gateway</html>".utf8))
        #expect(odd.code == "" && odd.message == "")
    }
}
