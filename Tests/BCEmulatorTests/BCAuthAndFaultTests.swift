import EmulatorCore
@testable import BCEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport

@Suite struct BCAuthAndFaultTests {
    static let form = "grant_type=client_credentials&client_id=posbridge-emulator-client&client_secret=posbridge-emulator-secret&scope=https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default"

    @Test func tokensAreIssuedAndExpire() async throws {
        let bc = try BCHarness(auth: true, tokenLifetime: 1)
        let anonymous = await bc.get(BCHarness.api("items?$top=1"))
        #expect(anonymous.status == 401)
        let wrong = await bc.send("POST", "/tenant-1/oauth2/v2.0/token", body: Array(Self.form.replacingOccurrences(of: "secret&", with: "nope&").utf8))
        #expect(wrong.status == 401)
        let issued = await bc.send("POST", "/tenant-1/oauth2/v2.0/token", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(Self.form.utf8))
        #expect(issued.status == 200)
        let token = try #require(issued["access_token"])
        let bearer = ["Authorization": "Bearer \(token)"]
        #expect(await bc.get(BCHarness.api("items?$top=1"), headers: bearer).status == 200)
        bc.clock.advance(2)
        let expired = await bc.get(BCHarness.api("items?$top=1"), headers: bearer)
        #expect(expired.status == 401)
        #expect(expired.errorCode == "Authentication_InvalidCredentials")
        let basic = "Basic " + Data("ADMIN:emulator-web-service-key".utf8).base64EncodedString()
        #expect(await bc.get("/BC250/api/v2.0/companies", headers: ["Authorization": basic]).status == 200)
        #expect(await bc.get("/BC250/api/v2.0/companies", headers: bearer).status == 401)
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        let bc = try BCHarness()
        let set = await bc.send("POST", "/_emulator/faults", json: ["rateLimit": ["requests": 3, "windowSeconds": 60, "retryAfter": 7]])
        #expect(set.status == 200)
        for _ in 0..<3 { #expect(await bc.get("\(BCHarness.root)/companies").status == 200) }
        let limited = await bc.get("\(BCHarness.root)/companies")
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "7")
        bc.clock.advance(61)
        #expect(await bc.get("\(BCHarness.root)/companies").status == 200)
    }

    @Test func failNextAndDropNextFireOnceEachAndTheLogHidesSecrets() async throws {
        let bc = try BCHarness()
        _ = await bc.send("POST", "/_emulator/faults", json: ["failNext": ["status": 503, "count": 2], "dropNext": 1])
        #expect(await bc.get("\(BCHarness.root)/companies").dropConnection)
        let failed = await bc.get("\(BCHarness.root)/companies")
        #expect(failed.status == 503)
        #expect(failed.header("Retry-After") == "1")
        #expect(await bc.get("\(BCHarness.root)/companies").status == 503)
        #expect(await bc.get("\(BCHarness.root)/companies", headers: ["Authorization": "Bearer secret-token"]).status == 200)
        let log = await bc.get("/_emulator/requests").values
        #expect(log.count == 4)
        #expect(log.last?["headers"]?.objectValue?["authorization"] == nil)
        #expect(log.last?["status"] == .number(CanonicalNumber(200)))
        _ = await bc.send("POST", "/_emulator/faults", json: ["failNext": ["status": 503, "count": 1], "pathContains": "salesOrders"])
        #expect(await bc.get(BCHarness.api("items?$top=1")).status == 200)
        #expect(await bc.get(BCHarness.api("salesOrders?$top=1")).status == 503)
        #expect(await bc.get(BCHarness.api("salesOrders?$top=1")).status == 200)
        let bad = await bc.send("POST", "/_emulator/faults", json: ["ratelimit": 1])
        #expect(bad.status == 400)
    }
}
