import PosBridgeConfiguration
import PosBridgeHTTP
import Foundation
import PosBridgeCore
import Testing
import TestSupport
@testable import BusinessCentral

@Suite struct BCClientSecretTests {
    @Test func secretsAndTokensNeverReachLogsPagesOrErrors() async throws {
        let logs = LogStore()
        let page2 = "\(Fixture.companyAPI)/items?$skiptoken='2'&access_token=LEAKED-IN-LINK&sig=abc"
        let transport = ScriptedTransport { request, number in
            if request.url == Fixture.tokenURL { return Fixture.token() }
            if request.url.hasSuffix("/companies") { return Fixture.companies }
            if request.url == page2 { return Fixture.json(200, ["value": [["number": "2"]]]) }
            // The first data request is throttled, so the retry path logs too.
            if number == 2 { return Fixture.error(429, code: "", message: "", headers: ["Retry-After": "1"]) }
            return Fixture.json(200, ["value": [["number": "1"]], "@odata.nextLink": .string(page2)])
        }
        let client = Fixture.client(Fixture.online(), transport, logs: logs)
        var pages: [BCPage] = []
        try await client.readAll(BCQuery("items")) { pages.append($0) }

        #expect(pages.count == 2)
        #expect(pages[1].url == "\(Fixture.companyAPI)/items?$skiptoken='2'&access_token=<redacted>&sig=<redacted>")
        #expect(pages[0].nextLink == pages[1].url)
        // The real request still carried the link as sent.
        #expect(transport.dataRequests.last?.url == page2)

        let text = logs.text
        #expect(text.contains("bc.page=2"))
        #expect(text.contains("http.status=429"))
        #expect(text.contains("bc.url=\(Fixture.companyAPI)/items"))
        #expect(!text.contains("skiptoken"))  // query strings stay out of logs
        for secret in [Fixture.clientSecret, Fixture.accessToken, "LEAKED-IN-LINK", "Bearer", "Authorization"] {
            #expect(!text.contains(secret), "\(secret) in logs")
            #expect(!pages.map(\.url).joined().contains(secret))
        }
    }

    @Test func secretValuesPrintAsRedacted() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(BCAuth.basic(user: "u", accessKey: secret), to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(secret.reveal() == "hunter2")
        #expect(!"\(Fixture.online())".contains(Fixture.clientSecret))
    }

    @Test func redactionRemovesUserInfoAndSecretParameters() {
        #expect(APIURL.redacted("https://user:pw@bc.test/x?code=1&$filter=a%20eq%201&Client_Secret=zz")
            == "https://bc.test/x?code=<redacted>&$filter=a%20eq%201&Client_Secret=<redacted>")
        #expect(APIURL.redacted("https://bc.test/x") == "https://bc.test/x")
        #expect(APIURL.withoutQuery("https://u:p@bc.test/api/v2.0/customers?$filter=email%20eq%20'a@b.test'")
            == "https://bc.test/api/v2.0/customers")
    }
}
