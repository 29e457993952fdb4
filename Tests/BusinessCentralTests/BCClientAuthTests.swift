import Foundation
import PosBridgeCore
import Synchronization
import Testing
import TestSupport
@testable import BusinessCentral

@Suite struct BCClientAuthTests {
    static let empty = Fixture.json(200, ["value": []])

    @Test func fetchesATokenWithClientCredentialsAndCachesIt() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in Self.empty })
        let client = Fixture.client(Fixture.online(), transport)
        _ = try await client.readAllValues(BCQuery("items"))
        _ = try await client.readAllValues(BCQuery("customers"))

        let tokenRequests = transport.requests.filter { $0.url == Fixture.tokenURL }
        try #require(tokenRequests.count == 1)
        let token = tokenRequests[0]
        #expect(token.method == .post)
        #expect(token.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(token.headers["Authorization"] == nil)
        #expect(String(decoding: token.body, as: UTF8.self) == "grant_type=client_credentials&client_id=app-1"
            + "&client_secret=s3cr3t-CLIENT-value&scope=https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default")
        #expect(transport.dataRequests.allSatisfy { $0.headers["Authorization"] == "Bearer \(Fixture.accessToken)" })
    }

    @Test func concurrentFirstCallersShareOneTokenAndOneCompanyLookup() async throws {
        let transport = ScriptedTransport(yields: 5, Fixture.standard { _ in Self.empty })
        let client = Fixture.client(Fixture.online(), transport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for set in ["items", "customers", "locations", "currencies", "paymentTerms"] {
                group.addTask { _ = try await client.readAllValues(BCQuery(set)) }
            }
            try await group.waitForAll()
        }
        #expect(transport.requests.filter { $0.url == Fixture.tokenURL }.count == 1)
        #expect(transport.requests.filter { $0.url.hasSuffix("/companies") }.count == 1)
        #expect(transport.dataRequests.count == 5)

        // Unscoped reads skip the company lookup, so five callers ask for the token at once.
        let direct = ScriptedTransport(yields: 5, Fixture.standard { _ in Self.empty })
        let second = Fixture.client(Fixture.online(), direct)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { _ = try await second.companies() } }
            try await group.waitForAll()
        }
        #expect(direct.requests.filter { $0.url == Fixture.tokenURL }.count == 1)
        #expect(direct.requests.count == 6)
    }

    @Test func refreshesShortlyBeforeExpiry() async throws {
        let issued = Mutex(0)
        let transport = ScriptedTransport { request, _ in
            if request.url == Fixture.tokenURL {
                let n = issued.withLock { $0 += 1; return $0 }
                return Fixture.token("token-\(n)", expiresIn: 3600)
            }
            if request.url.hasSuffix("/companies") { return Fixture.companies }
            return Self.empty
        }
        let clock = TestClock()
        let client = Fixture.client(Fixture.online(), transport, clock: clock)
        _ = try await client.readAllValues(BCQuery("items"))
        clock.advance(3600 - 301)  // still outside the 300 s margin
        _ = try await client.readAllValues(BCQuery("items"))
        #expect(issued.withLock { $0 } == 1)
        clock.advance(2)  // now inside the margin
        _ = try await client.readAllValues(BCQuery("items"))
        #expect(issued.withLock { $0 } == 2)
        #expect(transport.dataRequests.last?.headers["Authorization"] == "Bearer token-2")
    }

    @Test func refreshesOnceOn401MidExport() async throws {
        let issued = Mutex(0)
        let page2 = "\(Fixture.companyAPI)/items?$skiptoken='2'"
        let transport = ScriptedTransport { request, _ in
            if request.url == Fixture.tokenURL {
                let n = issued.withLock { $0 += 1; return $0 }
                return Fixture.token("token-\(n)")
            }
            if request.url.hasSuffix("/companies") { return Fixture.companies }
            if request.url == page2 {
                // The first token was revoked early: page 2 needs the second one.
                return request.headers["Authorization"] == "Bearer token-2" ? Self.empty
                    : Fixture.error(401, code: "Authentication_InvalidCredentials", message: "The token is expired.")
            }
            return Fixture.json(200, ["value": [["number": "1"]], "@odata.nextLink": .string(page2)])
        }
        let client = Fixture.client(Fixture.online(), transport)
        var pages = 0
        try await client.readAll(BCQuery("items")) { _ in pages += 1 }
        #expect(pages == 2)
        #expect(issued.withLock { $0 } == 2)
        #expect(transport.dataRequests.map { $0.headers["Authorization"] ?? "" }
            == ["Bearer token-1", "Bearer token-1", "Bearer token-2"])
    }

    @Test func a401AfterTheRefreshIsAnAuthenticationError() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in
            Fixture.error(401, code: "Authentication_InvalidCredentials", message: "The credentials provided are incorrect")
        })
        let client = Fixture.client(Fixture.online(), transport)
        let error = await #expect(throws: BCError.self) { _ = try await client.entity("items", id: "x") }
        #expect(error?.kind == .authentication)
        #expect(error?.fault?.code == "Authentication_InvalidCredentials")
        #expect(transport.requests.filter { $0.url == Fixture.tokenURL }.count == 2)
        #expect(transport.dataRequests.count == 2)
    }

    @Test func tokenEndpointRefusalIsTypedAndSummarisesTheDescription() async throws {
        let transport = ScriptedTransport { _, _ in
            Fixture.json(401, ["error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."])
        }
        let client = Fixture.client(Fixture.online(), transport)
        let error = await #expect(throws: BCError.self) { _ = try await client.companies() }
        #expect(error?.kind == .authentication)
        #expect(error?.message.contains("invalid_client") == true)
        #expect(error?.message.hasSuffix("HTTP 401 invalid_client: AADSTS7000215: Invalid client secret provided.") == true, "\(error?.message ?? "")")
        #expect(error?.fault?.message.contains("AADSTS7000215") == true)
    }

    @Test func onPremisesUsesBasicWithTheAccessKey() async throws {
        let transport = ScriptedTransport { request, _ in
            request.url.hasSuffix("/companies")
                ? Fixture.json(200, ["value": [["id": .string(Fixture.companyId), "name": "CRONUS"]]]) : Self.empty
        }
        let client = Fixture.client(Fixture.onPremises(), transport)
        _ = try await client.readAllValues(BCQuery("customers"))
        let expected = "Basic " + Data("SYNC:KEY+abc/123=".utf8).base64EncodedString()
        #expect(transport.requests.count == 2)
        #expect(transport.requests.allSatisfy { $0.headers["Authorization"] == expected })
        #expect(transport.requests.map(\.url) == ["https://nav.test:7048/bc/api/v1.0/companies",
                                                  "https://nav.test:7048/bc/api/v1.0/companies(\(Fixture.companyId))/customers"])
    }
}
