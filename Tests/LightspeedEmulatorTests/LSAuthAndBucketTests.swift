import EmulatorCore
 import LightspeedEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct LSAuthAndBucketTests {
    static let client = "client_id=posbridge-emulator-client&client_secret=posbridge-emulator-secret"
    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    static func token(_ ls: LSHarness, _ body: String) async -> EmulatorResponse {
        await ls.send("POST", "/auth/oauth/token", headers: form, body: Array("\(client)&\(body)".utf8))
    }

    @Test func refreshTokensRotateAndAccessTokensExpire() async throws {
        let ls = try LSHarness(auth: true, tokenLifetime: 1800)
        let anonymous = await ls.get(LSHarness.api("Item.json?limit=1"))
        #expect(anonymous.status == 401)
        #expect(anonymous.json.objectValue?["error"] == "access_denied")

        let first = await Self.token(ls, "grant_type=refresh_token&refresh_token=posbridge-emulator-refresh")
        #expect(first.status == 200)
        #expect(first.json.objectValue?["expires_in"] == .number(CanonicalNumber(1800)))
        let access = try #require(first.json.objectValue?["access_token"]?.stringValue)
        let refresh = try #require(first.json.objectValue?["refresh_token"]?.stringValue)
        // The JWT carries the account id in `acct`.
        let payload = try #require(access.split(separator: ".").dropFirst().first.map(String.init))
        let padded = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + String(repeating: "=", count: (4 - payload.count % 4) % 4)
        let claims = try JSONParser.parse(bytes: try #require(Data(base64Encoded: padded)))
        #expect(claims.objectValue?["acct"] == "120645")

        let bearer = ["Authorization": "Bearer \(access)"]
        #expect(await ls.get(LSHarness.api("Item.json?limit=1"), headers: bearer).status == 200)
        // The new access token was used: the old refresh token is revoked.
        let reused = await Self.token(ls, "grant_type=refresh_token&refresh_token=posbridge-emulator-refresh")
        #expect(reused.status == 400)
        #expect(reused.json.objectValue?["error"] == "invalid_grant")
        #expect(reused.json.objectValue?["hint"] != nil)
        // The new refresh token works once more, and its predecessor chain continues.
        let second = await Self.token(ls, "grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(second.status == 200)

        ls.clock.advance(1801)
        let expired = await ls.get(LSHarness.api("Item.json?limit=1"), headers: bearer)
        #expect(expired.status == 401)
        #expect(expired.json.objectValue?["hint"] == "Access token could not be verified")
        #expect(await Self.token(ls, "grant_type=authorization_code&code=posbridge-emulator-code").status == 200)
        #expect(await Self.token(ls, "grant_type=authorization_code&code=wrong").status == 400)
        let badClient = await ls.send("POST", "/auth/oauth/token", headers: Self.form, body: Array("client_id=x&client_secret=y&grant_type=refresh_token&refresh_token=\(refresh)".utf8))
        #expect(badClient.status == 401)
        #expect(badClient.json.objectValue?["error"] == "invalid_client")
    }

    @Test func leakyBucketHeadersOverflowAndDrain() async throws {
        let ls = try LSHarness(bucketSize: 5)
        let first = await ls.get(LSHarness.api("Item/1.json"))
        #expect(first.header("x-ls-api-bucket-level") == "1/5")
        #expect(first.header("x-ls-api-drip-rate") == "1")
        let relations = await ls.get(LSHarness.api(#"Item.json?limit=1&load_relations=["ItemShops","Category"]"#))
        #expect(relations.header("x-ls-api-request-cost") == "1.6")  // 1 + (0.2 + 0.1) × 2 on a list
        #expect(relations.header("x-ls-api-bucket-level") == "2.6/5")
        _ = await ls.get(LSHarness.api("Item/1.json"))  // 3.6
        _ = await ls.get(LSHarness.api("Item/1.json"))  // 4.6
        let overflowing = await ls.get(LSHarness.api("Item/1.json"))  // 4.6 < 5: still served, level 5.6
        #expect(overflowing.status == 200)
        #expect(overflowing.header("x-ls-api-bucket-level") == "5.6/5")
        let limited = await ls.get(LSHarness.api("Item/1.json"))
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "2")  // (5.6 + 1 − 5) / 1 → 2
        #expect(limited.header("x-ls-api-ratelimit-type") == "api-leaky-bucket")
        #expect(limited.json.objectValue?["httpCode"] == "429")
        ls.clock.advance(2)
        let drained = await ls.get(LSHarness.api("Item/1.json"))
        #expect(drained.status == 200)
        #expect(drained.header("x-ls-api-bucket-level") == "4.6/5")
        // Category writes cost 10; the admin endpoint retunes the bucket.
        let tuned = await ls.send("POST", "/_emulator/faults", json: ["bucket": ["size": 110, "dripRate": 2, "level": 0]])
        #expect(tuned.json.objectValue?["bucket"]?.objectValue?["size"] == .number(CanonicalNumber(110)))
        // The totals a benchmark reads: drips served so far, and the one request refused above.
        let totalsBefore = tuned.json.objectValue?["bucket"]?.objectValue
        #expect(totalsBefore?["refused"] == .number(CanonicalNumber(1)))
        let servedBefore = Double(totalsBefore?["servedCost"].flatMap { if case .number(let n) = $0 { n.text } else { nil } } ?? "") ?? -1
        #expect(servedBefore > 0)
        let write = await ls.send("POST", LSHarness.api("Category.json"), json: ["name": "Costly"])
        #expect(write.header("x-ls-api-request-cost") == "10")
        #expect(write.header("x-ls-api-bucket-level") == "10/110")
        #expect(write.header("x-ls-api-drip-rate") == "2")
        let totalsAfter = (await ls.get("/_emulator/faults")).json.objectValue?["bucket"]?.objectValue
        let servedAfter = Double(totalsAfter?["servedCost"].flatMap { if case .number(let n) = $0 { n.text } else { nil } } ?? "") ?? -1
        #expect(servedAfter == servedBefore + 10)
    }

    @Test func burstLimiterCountsPerSecond() async throws {
        let ls = try LSHarness()
        _ = await ls.send("POST", "/_emulator/faults", json: ["bucket": ["burstLimit": 2]])
        #expect(await ls.get(LSHarness.api("Shop.json")).header("x-ls-api-burst-level") == "1/2")
        #expect(await ls.get(LSHarness.api("Shop.json")).header("x-ls-api-burst-level") == "2/2")
        let burst = await ls.get(LSHarness.api("Shop.json"))
        #expect(burst.status == 429)
        #expect(burst.header("x-ls-api-ratelimit-type") == "api-burst-limiter")
        #expect(burst.header("retry-after") == "1")
        ls.clock.advance(1)
        #expect(await ls.get(LSHarness.api("Shop.json")).status == 200)
    }

    @Test func faultsFireAndTheLogHidesSecrets() async throws {
        let ls = try LSHarness()
        _ = await ls.send("POST", "/_emulator/faults", json: ["failNext": ["status": 503, "count": 1], "dropNext": 1])
        #expect(await ls.get(LSHarness.api("Shop.json")).dropConnection)
        let failed = await ls.get(LSHarness.api("Shop.json"))
        #expect(failed.status == 503)
        #expect(failed.json.objectValue?["httpCode"] == "503")
        #expect(await ls.get(LSHarness.api("Shop.json"), headers: ["Authorization": "Bearer secret"]).status == 200)
        _ = await ls.send("POST", "/_emulator/faults", json: ["rateLimit": ["requests": 1, "windowSeconds": 60, "retryAfter": 4]])
        #expect(await ls.get(LSHarness.api("Shop.json")).status == 200)
        let burst = await ls.get(LSHarness.api("Shop.json"))
        #expect(burst.status == 429)
        #expect(burst.header("Retry-After") == "4")
        let log = await ls.get("/_emulator/requests")
        guard case .array(let entries)? = log.json.objectValue?["value"] else { Issue.record("log"); return }
        #expect(entries.count == 5)
        #expect(entries[2].objectValue?["headers"]?.objectValue?["authorization"] == nil)
        #expect(await ls.send("POST", "/_emulator/faults", json: ["bucket": ["sise": 1]]).status == 400)
        #expect(await ls.send("DELETE", "/_emulator/faults").status == 204)
        #expect(await ls.get(LSHarness.api("Shop.json")).status == 200)
    }

    @Test func stateSurvivesARestartAndResetReseeds() async throws {
        let workspace = try TempWorkspace("ls-restart")
        do {
            let ls = try LSHarness(workspace: workspace)
            #expect(await ls.send("PUT", LSHarness.api("Customer/3.json"), json: ["lastName": "Kept"]).status == 200)
        }
        let again = try LSHarness(workspace: workspace)
        #expect(await again.get(LSHarness.api("Customer/3.json")).records("Customer").first?["lastName"] == "Kept")
        #expect(await again.send("POST", "/_emulator/reset").status == 204)
        #expect(await again.get(LSHarness.api("Customer/3.json")).records("Customer").first?["lastName"] != "Kept")
    }

    @Test func servedOverHTTPByTheRunningServer() async throws {
        let ls = try LSHarness()
        let server = try await LSRunningServer.start(ls.emulator)
        let url = try #require(URL(string: "\(server.baseURL)\(LSHarness.api("Item.json?limit=2"))"))
        let (data, response) = try await URLSession.shared.data(from: url)
        await server.stop()
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let body = try JSONParser.parse(bytes: data)
        let next = body.objectValue?["@attributes"]?.objectValue?["next"]?.stringValue ?? ""
        #expect(next.hasPrefix(server.baseURL + "/API/V3/Account/120645/Item.json?"))
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-LS-API-Bucket-Level") == "1/1000000")
    }
}
