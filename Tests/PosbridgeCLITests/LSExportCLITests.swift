import Foundation
import PosBridgeCore
import TestSupport
import Testing

/// End to end: the built `posbridge export lightspeed` against the built `posbridge-emulator
/// lightspeed` on loopback, seeded from `fixtures/lightspeed/`, checked against golden snapshots.
@Suite struct LSExportCLITests {
    static let secret = "posbridge-emulator-secret"
    static let entities = ["products", "categories", "customers", "orders", "stock"]

    /// A configuration with its refresh-token store (owner-only), pages of 25.
    private func configuration(_ workspace: TempWorkspace, url: String, pageSize: Int = 25, extra: String = "") throws -> String {
        let store = try workspace.write("lightspeed.token", "posbridge-emulator-refresh\n")
        chmod(store, 0o600)
        return try workspace.write("posbridge.yaml", """
            connections:
              shop:
                system: lightspeed
                baseURL: \(url)
                tokenURL: \(url)/auth/oauth/token
                clientId: posbridge-emulator-client
                clientSecret: { env: LS_TEST_SECRET }
                refreshTokenFile: \(store)
                pageSize: \(pageSize)
                currency: CHF
                retry: { maxTries: 4, baseDelaySeconds: 0, maxDelaySeconds: 1 }
            \(extra)
            """)
    }

    private func emulator(_ workspace: TempWorkspace, _ extra: [String] = []) throws -> EmulatorProcess {
        let seed = CommandRunner.packageRoot.appendingPathComponent("fixtures/lightspeed").path
        return try EmulatorProcess(["lightspeed", "--port", "0", "--state", workspace.path("state.sqlite"), "--seed", seed] + extra)
    }

    private func export(_ entity: String, _ workspace: TempWorkspace, config: String, extra: [String] = []) throws -> CommandResult {
        try CommandRunner.posbridge(
            ["export", "lightspeed", entity, "--config", config, "--connection", "shop", "--out", "run", "--json"] + extra, cwd: workspace.url,
            extraEnvironment: ["LS_TEST_SECRET": Self.secret, "POSBRIDGE_FIXED_TIME": "2026-11-29T00:00:00Z"])
    }

    private func log(_ emulator: EmulatorProcess) throws -> String {
        CanonicalJSON.string(try JSONParser.parse(bytes: Array(try Data(contentsOf: URL(string: "\(emulator.baseURL)/_emulator/requests")!))))
    }

    @Test func everyEntityMatchesItsGoldenSnapshot() throws {
        let workspace = try TempWorkspace("ls-e2e")
        let emulator = try emulator(workspace)
        let config = try configuration(workspace, url: emulator.baseURL)
        for entity in Self.entities {
            let result = try export(entity, workspace, config: config)
            #expect(result.status == 0 || result.status == 3, "\(entity): \(result.stderr)")
            let snapshot = try workspace.readText("run/snapshots/lightspeed.\(entity).ndjson").replacingOccurrences(of: emulator.baseURL, with: "http://emulator")
            try GoldenFile.check(snapshot, against: "fixtures/lightspeed/expected/lightspeed.\(entity).ndjson")
        }
        // 150 items in pages of 25.
        #expect(workspace.exists("run/extract/lightspeed/products/Item/page-0006.json"))
        #expect(!workspace.exists("run/extract/lightspeed/products/Item/page-0007.json"))
        // The refresh token rotated and the new one was kept; secrets never reach the run folder.
        #expect(try !workspace.readText("lightspeed.token").contains("posbridge-emulator-refresh\n"))
        let grep = try CommandRunner.run("grep", ["-rlE", "\(Self.secret)|posbridge-emulator-refresh", workspace.path("run")])
        #expect(grep.stdout.isEmpty, "secret found in \(grep.stdout)")
        // Paced by the leaky bucket: no 429 in normal operation.
        #expect(try !log(emulator).contains(#""status":429"#))
    }

    @Test func recoversFrom429AndServerErrors() throws {
        let workspace = try TempWorkspace("ls-e2e")
        let emulator = try emulator(workspace, ["--fail-next", "503:2"])
        let config = try configuration(workspace, url: emulator.baseURL)
        let result = try export("categories", workspace, config: config)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try log(emulator).contains(#""status":503"#))
        try GoldenFile.check(workspace.readText("run/snapshots/lightspeed.categories.ndjson"), against: "fixtures/lightspeed/expected/lightspeed.categories.ndjson")
    }

    @Test func aSmallBucketSlowsTheExportButNeverOverflows() throws {
        let workspace = try TempWorkspace("ls-e2e")
        // Room for 12 requests, 10 drips a second: the client must wait rather than hit 429.
        let emulator = try emulator(workspace, ["--bucket-size", "12", "--drip-rate", "10"])
        let config = try configuration(workspace, url: emulator.baseURL, pageSize: 5)
        let result = try export("customers", workspace, config: config)
        #expect(result.status == 0 || result.status == 3, "\(result.stderr)")
        #expect(try !log(emulator).contains(#""status":429"#))
        try GoldenFile.check(workspace.readText("run/snapshots/lightspeed.customers.ndjson"), against: "fixtures/lightspeed/expected/lightspeed.customers.ndjson")
    }

    @Test func aTokenThatExpiresMidExportIsRefreshedAndRotated() throws {
        let workspace = try TempWorkspace("ls-e2e")
        let emulator = try emulator(workspace, ["--token-lifetime", "1", "--delay-ms", "400"])
        let config = try configuration(workspace, url: emulator.baseURL, pageSize: 50)
        let result = try export("categories", workspace, config: config)
        #expect(result.status == 0, "\(result.stderr)")
        let refreshes = try log(emulator).components(separatedBy: "/auth/oauth/token").count - 1
        #expect(refreshes >= 2, "token requests: \(refreshes)")
    }

    @Test func theServersMessageIsInTheOneLineError() throws {
        let workspace = try TempWorkspace("ls-e2e")
        let emulator = try emulator(workspace)
        let config = try configuration(workspace, url: emulator.baseURL, extra: "    accountID: \"999\"")
        let result = try export("categories", workspace, config: config)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("posbridge: error") }
        #expect(lines == ["posbridge: error [ls.not-found]: GET Category: HTTP 404 Exception: Object of type 'Account' not found with primary ID '999'."],
                "\(result.stderr)")
        #expect(!result.stderr.contains("caused by"), "without --verbose only the one line")
    }
}
