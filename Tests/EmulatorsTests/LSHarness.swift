import Emulators
import Foundation
import PosBridgeCore
import TestSupport

/// One Lightspeed emulator over a temp state file seeded from `fixtures/lightspeed`, called in-process.
/// The bucket is huge unless a test asks for the real size, so paging tests are not throttled.
struct LSHarness {
    static let account = "120645"
    static let root = "/API/V3/Account/120645"
    static let seed = CommandRunner.packageRoot.appendingPathComponent("fixtures/lightspeed")

    let workspace: TempWorkspace
    let clock = SteppingClock()
    let emulator: LSEmulator

    init(auth: Bool = false, tokenLifetime: TimeInterval = 3600, bucketSize: Double = 1_000_000, workspace: TempWorkspace? = nil) throws {
        self.workspace = try workspace ?? TempWorkspace("ls-emulator")
        var options = LSEmulatorOptions()
        options.clock = clock.now
        options.seedFolder = Self.seed
        options.requireAuth = auth
        options.tokenLifetime = tokenLifetime
        options.bucketSize = bucketSize
        emulator = try LSEmulator(statePath: self.workspace.path("state.sqlite"), options: options)
    }

    func send(_ method: String, _ target: String, headers: [String: String] = [:], json: JSONValue? = nil, body: [UInt8]? = nil) async -> LSResponse {
        var allHeaders = ["host": "127.0.0.1:7049"].merging(headers) { $1 }
        if json != nil { allHeaders["content-type"] = "application/json" }
        return await emulator.respond(LSRequest(method, target, headers: allHeaders, body: body ?? json.map { CanonicalJSON.encode($0) } ?? []))
    }

    func get(_ target: String, headers: [String: String] = [:]) async -> LSResponse { await send("GET", target, headers: headers) }

    /// `…/Account/120645/<rest>`.
    static func api(_ rest: String) -> String { "\(root)/\(rest)" }
}

extension LSResponse {
    /// The records under `name` as a list, undoing the one-or-many quirk (for assertions that do not test it).
    func records(_ name: String) -> [[String: JSONValue]] {
        switch json.objectValue?[name] {
        case .array(let items)?: items.compactMap(\.objectValue)
        case .object(let one)?: [one]
        default: []
        }
    }
    /// `@attributes.<name>`.
    func attribute(_ name: String) -> String? { json.objectValue?["@attributes"]?.objectValue?[name]?.stringValue }
}
