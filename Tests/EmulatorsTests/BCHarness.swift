import Emulators
import Foundation
import PosBridgeCore
import Synchronization
import TestSupport

/// One emulator over a temp state file seeded from `fixtures/bc`, called in-process.
struct BCHarness {
    static let company = "4ba71ab7-ac05-44a5-acc6-be1805fdf179"
    static let emptyCompany = "4e6980ee-6510-41cb-8b8e-90e9f6466d5f"
    static let firstItem = "ea4ed8bb-0191-44cb-aeec-9e6867dacac2"
    static let firstOrder = "43f22927-c58d-464e-988c-99798fb50341"
    static let root = "/v2.0/tenant-1/production/api/v2.0"
    static let seed = CommandRunner.packageRoot.appendingPathComponent("fixtures/bc")

    let workspace: TempWorkspace
    let clock = SteppingClock()
    let emulator: BCEmulator

    init(auth: Bool = false, tokenLifetime: TimeInterval = 3600, workspace: TempWorkspace? = nil, configure: (inout BCEmulatorOptions) -> Void = { _ in }) throws {
        self.workspace = try workspace ?? TempWorkspace("bc-emulator")
        var options = BCEmulatorOptions()
        options.clock = clock.now
        options.seedFolder = Self.seed
        options.requireAuth = auth
        options.tokenLifetime = tokenLifetime
        configure(&options)
        emulator = try BCEmulator(statePath: self.workspace.path("state.sqlite"), options: options)
    }

    /// `companies(<main>)/<rest>` under the online v2.0 root.
    static func api(_ rest: String, company: String = company) -> String { "\(root)/companies(\(company))/\(rest)" }

    func send(_ method: String, _ target: String, headers: [String: String] = [:], json: JSONValue? = nil, body: [UInt8]? = nil) async -> BCResponse {
        var allHeaders = ["host": "127.0.0.1:7048"].merging(headers) { $1 }
        if json != nil { allHeaders["content-type"] = "application/json" }
        return await emulator.respond(BCRequest(method, target, headers: allHeaders, body: body ?? json.map { CanonicalJSON.encode($0) } ?? []))
    }

    func get(_ target: String, headers: [String: String] = [:]) async -> BCResponse { await send("GET", target, headers: headers) }
}

extension BCResponse {
    /// The parsed JSON body (null when empty or not JSON).
    var json: JSONValue { (try? JSONParser.parse(bytes: body)) ?? .null }
    /// `value` of a collection.
    var values: [[String: JSONValue]] {
        guard case .array(let items)? = json.objectValue?["value"] else { return [] }
        return items.compactMap(\.objectValue)
    }
    /// `error.code` of an error body.
    var errorCode: String? { json.objectValue?["error"]?.objectValue?["code"]?.stringValue }
    /// A member of an entity body as text.
    subscript(_ name: String) -> String? { json.objectValue?[name]?.stringValue }
}

/// A target for the next page: `@odata.nextLink` without the scheme and host.
func relative(_ link: String) -> String {
    guard let range = link.range(of: "://") else { return link }
    let rest = link[range.upperBound...]
    return String(rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...])
}
