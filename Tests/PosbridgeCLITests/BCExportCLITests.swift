import Foundation
import PosBridgeCore
import TestSupport
import Testing

/// End to end: the built `posbridge export bc` against the built `posbridge-emulator bc` on loopback,
/// seeded from `fixtures/bc/`, checked against golden snapshots.
@Suite struct BCExportCLITests {
    static let secret = "posbridge-emulator-secret"
    static let entities = ["products", "categories", "customers", "orders", "invoices", "stock", "order-status"]

    /// A configuration file for the emulator at `url` (secret from the environment, small pages).
    private func configuration(_ workspace: TempWorkspace, url: String, stockSource: String = "companion", pageSize: Int = 40) throws -> String {
        try workspace.write("posbridge.yaml", """
            connections:
              emulated:
                system: bc
                kind: online
                tenant: tenant-1
                environment: production
                baseURL: \(url)/v2.0
                tokenURL: \(url)/tenant-1/oauth2/v2.0/token
                company: { name: CRONUS Outdoor AG }
                auth: { clientId: posbridge-emulator-client, clientSecret: { env: BC_TEST_SECRET } }
                pageSize: \(pageSize)
                stockSource: \(stockSource)
                companionAPI: { installed: true }
                retry: { maxTries: 4, baseDelaySeconds: 0, maxDelaySeconds: 1 }
            """)
    }

    private func emulator(_ workspace: TempWorkspace, _ extra: [String] = []) throws -> EmulatorProcess {
        let seed = CommandRunner.packageRoot.appendingPathComponent("fixtures/bc").path
        return try EmulatorProcess(["bc", "--port", "0", "--state", workspace.path("state.sqlite"), "--seed", seed] + extra)
    }

    private func export(_ entity: String, _ workspace: TempWorkspace, config: String) throws -> CommandResult {
        try CommandRunner.posbridge(
            ["export", "bc", entity, "--config", config, "--connection", "emulated", "--out", "run", "--json"], cwd: workspace.url,
            extraEnvironment: ["BC_TEST_SECRET": Self.secret, "POSBRIDGE_FIXED_TIME": "2026-11-29T00:00:00Z"])
    }

    @Test func everyEntityMatchesItsGoldenSnapshot() throws {
        let workspace = try TempWorkspace("bc-e2e")
        let emulator = try emulator(workspace)
        let config = try configuration(workspace, url: emulator.baseURL)
        for entity in Self.entities {
            let result = try export(entity, workspace, config: config)
            #expect(result.status == 0, "\(entity): \(result.stderr)")
            let summary = try JSONParser.parse(bytes: Array(result.stdout.utf8)).objectValue ?? [:]
            #expect(summary["rejected"] == 0, "\(entity): \(result.stdout)")
            // Links to the emulator carry its (random) port.
            let snapshot = try workspace.readText("run/snapshots/bc.\(entity).ndjson").replacingOccurrences(of: emulator.baseURL, with: "http://emulator")
            try GoldenFile.check(snapshot, against: "fixtures/bc/expected/bc.\(entity).ndjson")
        }
        // Raw pages as received, paged (40 a page): 200 items make 5 pages.
        #expect(workspace.exists("run/extract/bc/products/items/page-0005.json"))
        #expect(!workspace.exists("run/extract/bc/products/items/page-0006.json"))
        let validate = try CommandRunner.posbridge(["snapshot", "validate"] + Self.entities.map { "run/snapshots/bc.\($0).ndjson" }, cwd: workspace.url)
        #expect(validate.status == 0, "\(validate.stdout)")
        // Secrets and tokens never reach the run folder.
        let requests = try String(contentsOf: URL(string: "\(emulator.baseURL)/_emulator/requests")!, encoding: .utf8)
        #expect(requests.contains("oauth2/v2.0/token"))
        let grep = try CommandRunner.run("grep", ["-rl", Self.secret, workspace.path("run")])
        #expect(grep.stdout.isEmpty, "secret found in \(grep.stdout)")
    }

    @Test func anIncrementalProductExportEndsWithoutRejects() throws {
        let workspace = try TempWorkspace("bc-e2e")
        let emulator = try emulator(workspace)
        let config = try configuration(workspace, url: emulator.baseURL)
        let result = try CommandRunner.posbridge(
            ["export", "bc", "products", "--config", config, "--connection", "emulated", "--out", "run", "--json",
             "--since", "2026-11-15T00:00:00Z", "--no-image-content"], cwd: workspace.url,
            extraEnvironment: ["BC_TEST_SECRET": Self.secret, "POSBRIDGE_FIXED_TIME": "2026-11-29T00:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONParser.parse(bytes: Array(result.stdout.utf8)).objectValue ?? [:]
        #expect(summary["rejected"] == 0, "\(result.stdout)")
        guard case .number(let records)? = summary["records"], let count = Int(records.text) else { Issue.record("\(result.stdout)"); return }
        #expect(count > 0 && count < 432)
        // The variants of unchanged items are counted as left out, not rejected.
        guard case .number(let left)? = summary["omitted"]?.objectValue?["itemVariants: neither the variant nor its item changed in the --since window"]
        else { Issue.record("no omitted count in \(result.stdout)"); return }
        #expect(Int(left.text)! > 0)
        // Every variant in the snapshot comes with its parent.
        let lines = try workspace.readText("run/snapshots/bc.products.ndjson").split(separator: "\n")
        let fields = try lines.map { try JSONParser.parse(bytes: Array($0.utf8)).objectValue?["fields"]?.objectValue ?? [:] }
        let skus = Set(fields.compactMap { $0["sku"]?.stringValue })
        for parent in fields.compactMap({ $0["parentSku"]?.stringValue }) { #expect(skus.contains(parent), "\(parent)") }
        #expect(!workspace.exists("run/rejects.bc.products.ndjson"))
    }

    @Test func recoversFromThrottlingAndServerErrors() throws {
        let workspace = try TempWorkspace("bc-e2e")
        let emulator = try emulator(workspace, ["--fail-next", "503:2"])
        let config = try configuration(workspace, url: emulator.baseURL)
        let result = try export("categories", workspace, config: config)
        #expect(result.status == 0, "\(result.stderr)")
        let log = try JSONParser.parse(bytes: Array(try Data(contentsOf: URL(string: "\(emulator.baseURL)/_emulator/requests")!)))
        #expect(CanonicalJSON.string(log).contains(#""status":503"#))
        try GoldenFile.check(workspace.readText("run/snapshots/bc.categories.ndjson"), against: "fixtures/bc/expected/bc.categories.ndjson")
    }

    @Test func aTokenThatExpiresMidExportIsRenewed() throws {
        let workspace = try TempWorkspace("bc-e2e")
        // Tokens live one second; each items page is delayed so the export outlives several tokens.
        let emulator = try emulator(workspace, ["--token-lifetime", "1", "--delay-ms", "300"])
        let config = try configuration(workspace, url: emulator.baseURL, pageSize: 50)
        let result = try export("categories", workspace, config: config)
        #expect(result.status == 0, "\(result.stderr)")
        try GoldenFile.check(workspace.readText("run/snapshots/bc.categories.ndjson"), against: "fixtures/bc/expected/bc.categories.ndjson")
    }

    @Test func aWrongSecretIsAClearErrorAndWritesNoSnapshot() throws {
        let workspace = try TempWorkspace("bc-e2e")
        let emulator = try emulator(workspace)
        let config = try configuration(workspace, url: emulator.baseURL)
        let result = try CommandRunner.posbridge(
            ["export", "bc", "customers", "--config", config, "--connection", "emulated", "--out", "run"], cwd: workspace.url,
            extraEnvironment: ["BC_TEST_SECRET": "wrong-secret"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("posbridge: error [bc."), "\(result.stderr)")
        #expect(!result.stderr.contains("wrong-secret"))
        #expect(!workspace.exists("run/snapshots/bc.customers.ndjson"))
    }

    @Test(arguments: [("odataPage", ["EAST", "MAIN", "WEB"]), ("standard", ["*"])])
    func stockFromEachSource(source: String, locations: [String]) throws {
        let workspace = try TempWorkspace("bc-e2e")
        let emulator = try emulator(workspace)
        let config = try configuration(workspace, url: emulator.baseURL, stockSource: source)
        let result = try export("stock", workspace, config: config)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try workspace.readText("run/snapshots/bc.stock.ndjson").split(separator: "\n").map {
            try JSONParser.parse(bytes: Array($0.utf8)).objectValue?["fields"]?.objectValue ?? [:]
        }
        #expect(!records.isEmpty)
        #expect(Set(records.compactMap { $0["location"]?.stringValue }) == Set(locations))
        // Available is always inventory less what open orders hold.
        for fields in records {
            guard case .number(let inventory)? = fields["inventory"], case .number(let reserved)? = fields["reserved"],
                  case .number(let available)? = fields["available"] else { Issue.record("missing figures in \(fields)"); continue }
            #expect(Decimal(string: inventory.text)! - Decimal(string: reserved.text)! == Decimal(string: available.text)!)
        }
    }

    @Test func recoversFrom429WithRetryAfter() throws {
        let workspace = try TempWorkspace("bc-e2e")
        // Three requests a second, then 429 with Retry-After: 1 (the export makes seven).
        let emulator = try emulator(workspace, ["--rate-limit", "3/1:1"])
        let config = try configuration(workspace, url: emulator.baseURL)
        let result = try export("customers", workspace, config: config)
        #expect(result.status == 0, "\(result.stderr)")
        let log = CanonicalJSON.string(try JSONParser.parse(bytes: Array(try Data(contentsOf: URL(string: "\(emulator.baseURL)/_emulator/requests")!))))
        #expect(log.contains(#""status":429"#))
        try GoldenFile.check(workspace.readText("run/snapshots/bc.customers.ndjson").replacingOccurrences(of: emulator.baseURL, with: "http://emulator"),
                             against: "fixtures/bc/expected/bc.customers.ndjson")
    }

    @Test func anEmptyCompanyGivesEmptySnapshots() throws {
        let workspace = try TempWorkspace("bc-e2e")
        let emulator = try emulator(workspace)
        let config = try configuration(workspace, url: emulator.baseURL)
        try workspace.write("posbridge.yaml", try workspace.readText("posbridge.yaml").replacingOccurrences(of: "CRONUS Outdoor AG", with: "CRONUS Empty GmbH"))
        for entity in ["products", "customers", "orders"] {
            let result = try export(entity, workspace, config: config)
            #expect(result.status == 0, "\(entity): \(result.stderr)")
            #expect(try workspace.readText("run/snapshots/bc.\(entity).ndjson").isEmpty)
        }
    }

    @Test(arguments: ["products", "customers"])
    func aRapidStartPackageGoesThroughTheSameTranslation(entity: String) throws {
        let workspace = try TempWorkspace("bc-rapidstart")
        let package = CommandRunner.packageRoot.appendingPathComponent("fixtures/bc/packages/PB.DEMO.rapidstart").path
        let result = try CommandRunner.posbridge(["export", "bc", entity, "--rapidstart", package, "--out", "run", "--json"], cwd: workspace.url,
                                                 extraEnvironment: ["POSBRIDGE_FIXED_TIME": "2026-11-29T00:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(workspace.exists("run/extract/bc/\(entity)/PB.DEMO.rapidstart"))
        try GoldenFile.check(workspace.readText("run/snapshots/bc.\(entity).ndjson"), against: "fixtures/bc/expected/rapidstart.\(entity).ndjson")
        let refused = try CommandRunner.posbridge(["export", "bc", "orders", "--rapidstart", package, "--out", "run"], cwd: workspace.url)
        #expect(refused.status == 1 && refused.stderr.contains("export products or customers"), "\(refused.stderr)")
    }

    @Test func onPremisesWithBasicAuthAndAPIv1() throws {
        let workspace = try TempWorkspace("bc-e2e")
        let emulator = try emulator(workspace)
        let config = try workspace.write("posbridge.yaml", """
            connections:
              nav:
                kind: onPremises
                baseURL: \(emulator.baseURL)/BC140
                company: { name: CRONUS Outdoor AG }
                auth: { user: ADMIN, accessKey: { env: BC_TEST_KEY } }
                apiVersion: v1.0
            """)
        var counts: [String: Int] = [:]
        for entity in ["products", "customers"] {
            let result = try CommandRunner.posbridge(
                ["export", "bc", entity, "--config", config, "--connection", "nav", "--out", "run", "--json"], cwd: workspace.url,
                extraEnvironment: ["BC_TEST_KEY": "emulator-web-service-key"])
            #expect(result.status == 0, "\(entity): \(result.stderr)")
            if case .number(let records)? = try JSONParser.parse(bytes: Array(result.stdout.utf8)).objectValue?["records"] { counts[entity] = Int(records.text) }
        }
        // v1.0 has no item variants: one record per item; customers keep their addresses from the complex type.
        #expect(counts == ["products": 200, "customers": 50])
        let customers = try workspace.readText("run/snapshots/bc.customers.ndjson")
        #expect(customers.contains(#""postalCode":"8004""#))
        let requests = try String(contentsOf: URL(string: "\(emulator.baseURL)/_emulator/requests")!, encoding: .utf8)
        #expect(requests.contains("/BC140/api/v1.0/companies") && !requests.contains("oauth2"))
    }
}
