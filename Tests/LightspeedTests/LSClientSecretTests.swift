import Foundation
import PosBridgeConfiguration
import PosBridgeCore
import Testing
@testable import Lightspeed

@Suite struct LSClientSecretTests {
    @Test func tokensAndSecretsNeverReachLogsOrPageURLs() async throws {
        let harness = try LSHarness(accountID: nil) { request in
            if request.url.contains("after=") {
                return LSFixture.raw(401, #"{"error":"access_denied","error_description":"x","hint":"Access token could not be verified"}"#)
            }
            return LSFixture.json(200, ["@attributes": ["next": .string("\(LSFixture.root)/Customer.json?limit=100&after=WzFd&access_token=leak")],
                                        "Customer": ["customerID": "1", "firstName": "Ann"]])
        }
        var pages: [LSPage] = []
        await #expect(throws: LSError.self) {
            try await harness.client.readAll(LSQuery("Customer").filter(LSQueryFilter("Contact.email", "ann@example.test"))) { pages.append($0) }
        }
        let logs = harness.logs.text
        #expect(!logs.isEmpty)
        for secret in [LSFixture.clientSecret, "R1", "R2", "R3", "A1", "A2", "eyJ", "ann%40example.test", "Bearer"] {
            #expect(!logs.contains(secret), "log contains \(secret)")
        }
        #expect(pages.count == 1)
        #expect(pages[0].next?.contains("access_token=<redacted>") == true)
        #expect(pages.allSatisfy { !$0.url.contains("eyJ") && !($0.next ?? "").contains("leak") })
    }

    @Test func settingsAndSecretsPrintRedacted() {
        let settings = LSFixture.settings(store: "/tmp/x")
        #expect(!"\(settings)".contains(LSFixture.clientSecret))
        #expect(!String(reflecting: settings).contains(LSFixture.clientSecret))
        let contents = LSTokenStore.Contents(refreshToken: Secret("R9"), accessToken: Secret("A9"))
        #expect(!"\(contents)".contains("R9") && !"\(contents)".contains("A9"))
    }

    @Test func errorMessagesCarryTheServerTextButNoCustomerData() async throws {
        let harness = try LSHarness { _ in
            LSFixture.raw(404, #"{"httpCode":"404","httpMessage":"Not Found","message":"Customer ann@example.test not found","errorClass":"Exception"}"#)
        }
        await expectLSError({ _ = try await harness.client.readAllValues(LSQuery("Customer")) }) { error in
            return error.kind == .notFound && error.message == "GET Customer: HTTP 404 Exception: Customer <e-mail> not found"
                && error.fault?.message.contains("ann@") == true
        }
    }
}
