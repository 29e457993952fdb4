import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Synchronization
import Testing
@testable import Lightspeed

@Suite struct LSClientAuthTests {
    static let empty = LSFixture.json(200, ["@attributes": ["next": "", "previous": ""]])

    @Test func refreshesWithAFormEncodedRequestAndCachesTheToken() async throws {
        let harness = try LSHarness { _ in Self.empty }
        _ = try await harness.client.readAllValues(LSQuery("Item"))
        _ = try await harness.client.readAllValues(LSQuery("Customer"))
        let tokens = harness.transport.tokenRequests
        try #require(tokens.count == 1)
        #expect(tokens[0].method == .post)
        #expect(tokens[0].headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(tokens[0].headers["Authorization"] == nil)
        #expect(String(decoding: tokens[0].body, as: UTF8.self)
            == "grant_type=refresh_token&client_id=app-1&client_secret=s3cr3t-CLIENT-value&refresh_token=R1")
        #expect(harness.transport.apiRequests.allSatisfy { $0.headers["authorization"] == LSFixture.bearer("A1") })
    }

    @Test func refreshesShortlyBeforeExpiry() async throws {
        let harness = try LSHarness { _ in Self.empty }
        _ = try await harness.client.readAllValues(LSQuery("Item"))
        harness.clock.advance(3600 - 301)  // outside the 300 s margin
        _ = try await harness.client.readAllValues(LSQuery("Item"))
        #expect(harness.tokens.issued == 1)
        harness.clock.advance(2)  // inside it
        _ = try await harness.client.readAllValues(LSQuery("Item"))
        #expect(harness.tokens.issued == 2)
        #expect(harness.transport.apiRequests.last?.headers["Authorization"] == LSFixture.bearer("A2"))
        #expect(String(decoding: harness.transport.tokenRequests[1].body, as: UTF8.self).hasSuffix("refresh_token=R2"))
    }

    @Test func refreshesOnceOn401MidExport() async throws {
        let page2 = "\(LSFixture.root)/Item.json?limit=100&after=WzEwMF0%3D"
        let harness = try LSHarness { request in
            if request.url == page2 {
                // The first access token was revoked early: page 2 needs the second.
                return request.headers["Authorization"] == LSFixture.bearer("A2") ? Self.empty
                    : LSFixture.raw(401, #"{"error":"access_denied","error_description":"denied","hint":"Access token could not be verified"}"#)
            }
            return LSFixture.json(200, ["@attributes": ["next": .string(page2), "previous": ""], "Item": [["itemID": "1"]]])
        }
        var pages = 0
        try await harness.client.readAll(LSQuery("Item")) { _ in pages += 1 }
        #expect(pages == 2)
        #expect(harness.tokens.issued == 2)
        #expect(harness.transport.apiRequests.map(\.url) == ["\(LSFixture.root)/Item.json?limit=100", page2, page2])
    }

    @Test func a401AfterTheRefreshIsAnAuthenticationError() async throws {
        let harness = try LSHarness { _ in
            LSFixture.raw(401, #"{"error":"access_denied","error_description":"denied","hint":"Access token has been revoked"}"#)
        }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            return error.kind == .authentication && error.fault?.hint == "Access token has been revoked"
        }
        #expect(harness.tokens.issued == 2)
        #expect(harness.transport.apiRequests.count == 2)
    }

    @Test func theRotatedRefreshTokenIsPersistedBeforeTheNewAccessTokenIsUsed() async throws {
        let seenInStore = Mutex<[String]>([])
        let storePath = Mutex<String?>(nil)
        let harness = try LSHarness { _ in
            if let path = storePath.withLock({ $0 }) {
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                seenInStore.withLock { $0.append(text) }
            }
            return Self.empty
        }
        storePath.withLock { $0 = harness.store }
        _ = try await harness.client.readAllValues(LSQuery("Item"))
        let atFirstUse = try #require(seenInStore.withLock { $0.first })
        #expect(atFirstUse.contains("\"refresh_token\":\"R2\""))
        #expect(atFirstUse.contains(LSFixture.jwt(account: LSFixture.accountID, marker: "A1")))
        let attributes = try FileManager.default.attributesOfItem(atPath: harness.store)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let stored = try LSTokenStore(path: harness.store).read()
        #expect(stored.refreshToken.reveal() == "R2")
        #expect(stored.accessTokenExpires == harness.clock.now.addingTimeInterval(3600).rounded())
    }

    @Test func aCrashAfterPersistingStillWorksNextTime() async throws {
        let crashed = Mutex(false)
        let harness = try LSHarness(retry: RetryPolicy(maxTries: 1)) { _ in
            // The first API request never completes: the process "dies" right after the refresh.
            if crashed.withLock({ let first = !$0; $0 = true; return first }) { throw URLError(.networkConnectionLost) }
            return Self.empty
        }
        await #expect(throws: LSError.self) { try await harness.client.readAllValues(LSQuery("Item")) }
        #expect(try harness.storeText().contains("\"refresh_token\":\"R2\""))
        #expect(harness.tokens.validRefreshToken == "R2")

        // The next run, after the access token expired, refreshes with the persisted R2.
        harness.clock.advance(4000)
        let nextRun = harness.sibling()
        _ = try await nextRun.readAllValues(LSQuery("Item"))
        #expect(harness.tokens.issued == 2)
        #expect(String(decoding: harness.transport.tokenRequests[1].body, as: UTF8.self).hasSuffix("refresh_token=R2"))
        #expect(try harness.storeText().contains("\"refresh_token\":\"R3\""))
    }

    @Test func aSecondClientOnTheStoreAdoptsTheFreshTokenInsteadOfRefreshing() async throws {
        let harness = try LSHarness { _ in Self.empty }
        let other = harness.sibling()
        _ = try await harness.client.readAllValues(LSQuery("Item"))
        _ = try await other.readAllValues(LSQuery("Customer"))
        // R1 is used: refreshing with it again would be refused. The second client re-read the store.
        #expect(harness.tokens.issued == 1)
        #expect(harness.transport.apiRequests.map { $0.headers["Authorization"] } == [LSFixture.bearer("A1"), LSFixture.bearer("A1")])
    }

    @Test func twoClientsRefreshingAtOnceRefreshOnce() async throws {
        let harness = try LSHarness(yields: 20) { _ in Self.empty }
        let other = harness.sibling()
        async let a = harness.client.readAllValues(LSQuery("Item"))
        async let b = other.readAllValues(LSQuery("Customer"))
        _ = try await (a, b)
        #expect(harness.tokens.issued == 1)
        #expect(harness.transport.tokenRequests.count == 1)
    }

    @Test func aRefusedRefreshIsATypedAuthenticationError() async throws {
        let harness = try LSHarness(storeText: "R-used") { _ in Self.empty }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            guard error.kind == .authentication, let fault = error.fault else { return false }
            return fault.shape == .oauth && fault.oauthError == "invalid_grant" && fault.hint == "Token has been revoked"
                && error.message.contains("invalid_grant") && !error.message.contains("R-used")
        }
        #expect(harness.transport.apiRequests.isEmpty)
        #expect(harness.transport.tokenRequests.count == 1)  // a 400 is not retried
    }

    @Test func aStoreReadableByOthersIsRefused() async throws {
        let harness = try LSHarness { _ in Self.empty }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: harness.store)
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Item")) }) { error in
            return error.kind == .tokenStore && error.message.contains("chmod 600")
        }
        #expect(harness.transport.requests.isEmpty)
    }
}

extension Date {
    /// Whole seconds, as the store writes them.
    func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
