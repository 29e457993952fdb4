import EmulatorCore
import Foundation
import LightspeedEmulator
import PosBridgeCore

/// One Lightspeed emulator over a temp state file seeded from `fixtures/lightspeed`, called in-process on a
/// test clock. The bucket is huge unless a test asks for the real size, so paging tests are not throttled.
package struct LSHarness {
    /// The seeded account.
    package static let account = "120645"
    /// The account's API root.
    package static let root = "/API/V3/Account/120645"
    /// `fixtures/lightspeed`.
    package static let seed = CommandRunner.packageRoot.appendingPathComponent("fixtures/lightspeed")

    /// Holds the state file.
    package let workspace: TempWorkspace
    /// The emulator's clock.
    package let clock = TestClock()
    /// The emulator.
    package let emulator: LSEmulator

    /// An emulator with authentication off unless asked.
    package init(auth: Bool = false, tokenLifetime: TimeInterval = 3600, bucketSize: Double = 1_000_000, workspace: TempWorkspace? = nil) throws {
        self.workspace = try workspace ?? TempWorkspace("ls-emulator")
        var options = LSEmulatorOptions()
        options.clock = clock.reading
        options.seedFolder = Self.seed
        options.requireAuth = auth
        options.tokenLifetime = tokenLifetime
        options.bucketSize = bucketSize
        emulator = try LSEmulator(statePath: self.workspace.path("state.sqlite"), options: options)
    }

    /// Sends a request as if from `127.0.0.1:7049`; `json` becomes the body with its content type.
    package func send(_ method: String, _ target: String, headers: [String: String] = [:], json: JSONValue? = nil,
                      body: [UInt8]? = nil) async -> EmulatorResponse {
        var allHeaders = ["host": "127.0.0.1:7049"].merging(headers) { $1 }
        if json != nil { allHeaders["content-type"] = "application/json" }
        return await emulator.respond(EmulatorRequest(method, target, headers: allHeaders, body: body ?? json.map { CanonicalJSON.encode($0) } ?? []))
    }

    /// A GET.
    package func get(_ target: String, headers: [String: String] = [:]) async -> EmulatorResponse { await send("GET", target, headers: headers) }

    /// `…/Account/120645/<rest>`.
    package static func api(_ rest: String) -> String { "\(root)/\(rest)" }
}
