import Foundation
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Both emulators as processes on loopback, a `posbridge.yaml` naming them `bc` and `lightspeed` (as the
/// shipped pipelines do), and the built `posbridge run` against them; reads the emulators' resulting
/// state over their own APIs.
///
/// The emulators run with `--no-auth` so the test can read their state without a token of its own;
/// posbridge still fetches and sends tokens (the emulators accept them), and authentication itself is
/// tested end to end by the export tests.
final class NightlyRig: @unchecked Sendable {
    static let secret = "posbridge-emulator-secret"
    let workspace: TempWorkspace
    /// The BC seed the next BC emulator starts from (a copy of `fixtures/bc` the test may edit).
    let bcSeed: String
    private(set) var bc: EmulatorProcess
    let lightspeed: EmulatorProcess
    private var bcGeneration = 0

    init(_ name: String) throws {
        workspace = try TempWorkspace(name)
        let fixtures = CommandRunner.packageRoot.appendingPathComponent("fixtures")
        bcSeed = workspace.path("bc-seed")
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("bc").path, toPath: bcSeed)
        bc = try Self.startBC(workspace.path("bc-0.sqlite"), seed: bcSeed)
        // A fast drip keeps the test short; posbridge still paces itself by the bucket the emulator reports.
        lightspeed = try EmulatorProcess([
            "lightspeed", "--port", "0", "--state", workspace.path("lightspeed.sqlite"),
            "--seed", fixtures.appendingPathComponent("lightspeed").path, "--no-auth", "--drip-rate", "50",
        ])
        try writeConfiguration()
    }

    private static func startBC(_ state: String, seed: String) throws -> EmulatorProcess {
        try EmulatorProcess(["bc", "--port", "0", "--state", state, "--seed", seed, "--no-auth"])
    }

    /// Business Central as it is the next night: a new BC emulator seeded from `bcSeed` as edited since.
    func restartBC() throws {
        bc.stop()
        bcGeneration += 1
        bc = try Self.startBC(workspace.path("bc-\(bcGeneration).sqlite"), seed: bcSeed)
        try writeConfiguration()
    }

    private func writeConfiguration() throws {
        let token = workspace.path("lightspeed.token")
        if !FileManager.default.fileExists(atPath: token) {
            _ = try workspace.write("lightspeed.token", "posbridge-emulator-refresh\n")
            chmod(token, 0o600)
        }
        _ = try workspace.write("posbridge.yaml", """
            connections:
              bc:
                system: bc
                kind: online
                tenant: demo-tenant
                environment: production
                baseURL: \(bc.baseURL)/v2.0
                tokenURL: \(bc.baseURL)/demo-tenant/oauth2/v2.0/token
                company: { name: CRONUS Outdoor AG }
                auth: { clientId: posbridge-emulator-client, clientSecret: { env: RIG_SECRET } }
                stockSource: companion
                companionAPI: { installed: true }
              lightspeed:
                system: lightspeed
                baseURL: \(lightspeed.baseURL)
                tokenURL: \(lightspeed.baseURL)/auth/oauth/token
                clientId: posbridge-emulator-client
                clientSecret: { env: RIG_SECRET }
                refreshTokenFile: \(token)
                currency: CHF
            """)
    }

    /// `posbridge run ARGUMENTS --config … --home … --json` from the repository (so `products` finds
    /// `pipelines/products.yaml`); the result and its parsed JSON.
    func run(_ arguments: [String]) throws -> (CommandResult, [String: Any]) {
        let result = try CommandRunner.posbridge(
            ["run"] + arguments + ["--config", workspace.path("posbridge.yaml"), "--home", workspace.url.path, "--json"],
            cwd: CommandRunner.packageRoot, extraEnvironment: ["RIG_SECRET": Self.secret])
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, json)
    }

    /// The run report of `entity` in a `--json` output.
    static func report(_ json: [String: Any], _ entity: String) throws -> [String: Any] {
        let runs = try #require(json["runs"] as? [[String: Any]])
        return try #require(runs.first { $0["entity"] as? String == entity }, "no run for \(entity) in \(json)")
    }

    /// A count of a run report (`created`, `updated`, …).
    static func count(_ report: [String: Any], _ name: String) -> Int {
        ((report["counts"] as? [String: Any])?[name] as? NSNumber)?.intValue ?? -1
    }

    /// The lines of a file of a run folder, parsed.
    static func lines(_ report: [String: Any], _ file: String) throws -> [[String: Any]] {
        let folder = try #require(report["folder"] as? String)
        let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    // MARK: Lightspeed's state

    /// GET of a Lightspeed API path under the account (`Item.json?…`), parsed.
    func lightspeedGET(_ path: String) async throws -> [String: Any] {
        try await get("\(lightspeed.baseURL)/API/V3/Account/120645/\(path)")
    }

    /// The records of a Lightspeed list answer: an object for one match, an array for several, none
    /// when the key is absent (the documented quirk).
    static func records(_ answer: [String: Any], _ entity: String) -> [[String: Any]] {
        if let many = answer[entity] as? [[String: Any]] { return many }
        if let one = answer[entity] as? [String: Any] { return [one] }
        return []
    }

    /// How many records of `entity` Lightspeed holds (archived ones included).
    func lightspeedCount(_ entity: String) async throws -> Int {
        let answer = try await lightspeedGET("\(entity).json?count=1&archived=true")
        let attributes = try #require(answer["@attributes"] as? [String: Any])
        return try #require(Int(attributes["count"] as? String ?? ""))
    }

    /// The one Lightspeed item with `customSku`, with its shops, e-commerce fields, prices and custom fields.
    func lightspeedItem(customSku: String) async throws -> [String: Any] {
        let sku = customSku.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? customSku
        let relations = #"["ItemShops","ItemECommerce","CustomFieldValues","Images"]"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let items = Self.records(try await lightspeedGET("Item.json?customSku=\(sku)&load_relations=\(relations)"), "Item")
        #expect(items.count == 1, "\(items.count) items with customSku \(customSku)")
        return try #require(items.first)
    }

    /// The methods and paths of the API requests Lightspeed answered since the log was last cleared.
    func lightspeedRequests() async throws -> [String] {
        let answer = try await get("\(lightspeed.baseURL)/_emulator/requests")
        let entries = answer["value"] as? [[String: Any]] ?? []
        return entries.map { "\($0["method"] as? String ?? "?") \($0["path"] as? String ?? "?")" }
    }

    /// Empties Lightspeed's request log.
    func clearLightspeedRequests() async throws {
        var request = URLRequest(url: try #require(URL(string: "\(lightspeed.baseURL)/_emulator/requests")))
        request.httpMethod = "DELETE"
        _ = try await URLSession.shared.data(for: request)
    }

    /// A Lightspeed API write the test makes itself (an edit a shop manager made in Lightspeed).
    func lightspeedPUT(_ path: String, _ body: [String: Any]) async throws {
        var request = URLRequest(url: try #require(URL(string: "\(lightspeed.baseURL)/API/V3/Account/120645/\(path)")))
        request.httpMethod = "PUT"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }

    private func get(_ url: String) async throws -> [String: Any] {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "GET \(url)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: editing the BC seed

    /// Rewrites one entity set of the BC seed (`outdoor/<set>.json`) through `edit`.
    func editBCSeed(_ set: String, _ edit: (inout [[String: Any]]) throws -> Void) throws {
        let path = bcSeed + "/outdoor/\(set).json"
        var rows = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        try edit(&rows)
        try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
    }
}
