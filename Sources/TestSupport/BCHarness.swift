import BCEmulator
import EmulatorCore
import Foundation
import PosBridgeCore

/// One BC emulator over a temp state file seeded from `fixtures/bc`, called in-process on a test clock.
package struct BCHarness {
    /// The seeded main company (CRONUS Outdoor AG).
    package static let company = "4ba71ab7-ac05-44a5-acc6-be1805fdf179"
    /// A seeded company without records.
    package static let emptyCompany = "4e6980ee-6510-41cb-8b8e-90e9f6466d5f"
    /// The first seeded item.
    package static let firstItem = "ea4ed8bb-0191-44cb-aeec-9e6867dacac2"
    /// The first seeded sales order.
    package static let firstOrder = "43f22927-c58d-464e-988c-99798fb50341"
    /// The online v2.0 API root.
    package static let root = "/v2.0/tenant-1/production/api/v2.0"
    /// `fixtures/bc`.
    package static let seed = CommandRunner.packageRoot.appendingPathComponent("fixtures/bc")

    /// Holds the state file.
    package let workspace: TempWorkspace
    /// The emulator's clock.
    package let clock = TestClock()
    /// The emulator.
    package let emulator: BCEmulator

    /// An emulator with authentication off unless asked; `configure` may change any option.
    package init(auth: Bool = false, tokenLifetime: TimeInterval = 3600, workspace: TempWorkspace? = nil,
                 configure: (inout BCEmulatorOptions) -> Void = { _ in }) throws {
        self.workspace = try workspace ?? TempWorkspace("bc-emulator")
        var options = BCEmulatorOptions()
        options.clock = clock.reading
        options.seedFolder = Self.seed
        options.requireAuth = auth
        options.tokenLifetime = tokenLifetime
        configure(&options)
        emulator = try BCEmulator(statePath: self.workspace.path("state.sqlite"), options: options)
    }

    /// `companies(<main>)/<rest>` under the online v2.0 root.
    package static func api(_ rest: String, company: String = company) -> String { "\(root)/companies(\(company))/\(rest)" }

    /// Sends a request as if from `127.0.0.1:7048`; `json` becomes the body with its content type.
    package func send(_ method: String, _ target: String, headers: [String: String] = [:], json: JSONValue? = nil,
                      body: [UInt8]? = nil) async -> EmulatorResponse {
        var allHeaders = ["host": "127.0.0.1:7048"].merging(headers) { $1 }
        if json != nil { allHeaders["content-type"] = "application/json" }
        return await emulator.respond(EmulatorRequest(method, target, headers: allHeaders, body: body ?? json.map { CanonicalJSON.encode($0) } ?? []))
    }

    /// A GET.
    package func get(_ target: String, headers: [String: String] = [:]) async -> EmulatorResponse { await send("GET", target, headers: headers) }
}
