import EmulatorCore
import LightspeedEmulator
import Foundation
import Lightspeed
import Logging
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP
import Testing
import TestSupport

/// The real Lightspeed client (AsyncHTTPClient transport, token store, leaky bucket) writing to the
/// emulator over loopback, checked against the emulator's resulting state.
@Suite struct LSClientAgainstEmulatorTests {
    private struct Setup {
        let workspace: TempWorkspace
        let emulator: LSEmulator
        let server: LSRunningServer
        let transport: APIClientTransport
        let client: LSClient

        /// An emulator on the real clock (its bucket drains as time passes) with the given bucket.
        static func start(bucketSize: Double = 90, dripRate: Double = 1, clientKnowsBucket: Bool = false) async throws -> Setup {
            let workspace = try TempWorkspace("ls-client-emulator")
            var options = LSEmulatorOptions()
            options.seedFolder = LSHarness.seed
            options.bucketSize = bucketSize
            options.dripRate = dripRate
            options.requireAuth = false  // the test reads state directly; the client still fetches and rotates tokens
            let emulator = try LSEmulator(statePath: workspace.path("state.sqlite"), options: options)
            let server = try await LSRunningServer.start(emulator)
            let store = try workspace.write("ls.token", "posbridge-emulator-refresh\n")
            chmod(store, 0o600)
            let settings = LSConnectionSettings(
                name: "emulated", baseURL: server.baseURL, tokenURL: "\(server.baseURL)/auth/oauth/token",
                clientId: "posbridge-emulator-client", clientSecret: Secret("posbridge-emulator-secret"), refreshTokenFile: store,
                // When told, the client starts from the server's bucket as configured (not the defaults).
                bucket: clientKnowsBucket ? .init(size: bucketSize, dripRate: dripRate, reserve: 2) : .init())
            let transport = APIClientTransport.lightspeed()
            let client = LSClient(settings: settings, transport: transport, context: RunContext(logger: Logger(label: "test")))
            return Setup(workspace: workspace, emulator: emulator, server: server, transport: transport, client: client)
        }

        func finish() async throws {
            try await transport.shutdown()
            await server.stop()
        }

        func get(_ rest: String) async -> EmulatorResponse {
            await emulator.respond(EmulatorRequest("GET", LSHarness.api(rest), headers: ["host": "127.0.0.1"], body: []))
        }
    }

    @Test func concurrentWritesArePacedWithoutA429() async throws {
        // A bucket of 10 that drips 4 a second, known to the client as configured. Ten writers at once
        // keep more requests in flight than the bucket has room for, so some must wait for room however
        // fast or slow the machine is (a request would have to take over a second for the drip alone
        // to make room), and none may overflow into a 429.
        let setup = try await Setup.start(bucketSize: 10, dripRate: 4, clientKnowsBucket: true)
        let client = setup.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<10 {
                group.addTask {
                    for round in 0..<5 {
                        let outcome = try await client.update("Item", id: "\(writer + 1)", ["description": .string("Paced write \(writer).\(round)")])
                        guard case .written = outcome else { Issue.record("writer \(writer) write \(round): \(outcome)"); return }
                    }
                }
            }
            try await group.waitForAll()
        }
        let waits = await setup.client.bucket.waits
        try await setup.finish()
        let log = CanonicalJSON.string((await setup.emulator.respond(EmulatorRequest("GET", "/_emulator/requests", headers: [:], body: []))).json)
        #expect(!log.contains(#""status":429"#))
        #expect(!waits.isEmpty, "the bucket never had to wait: the test did not exercise pacing")
        let item = await setup.get("Item/10.json")
        #expect(CanonicalJSON.string(item.json).contains("Paced write 9.4"))
    }

    @Test func stockAndSaleReferenceLandInTheEmulator() async throws {
        let setup = try await Setup.start()
        let stock = try await setup.client.setStock(itemID: "2", shopQuantities: [LSShopQuantity(shopID: "1", qoh: 17)])
        let sale = try await setup.client.setSaleReference(saleID: "3", referenceNumber: "SO-104711", source: "Business Central", note: "Released")
        try await setup.finish()
        guard case .written = stock, case .written = sale else { Issue.record("not written: \(stock) \(sale)"); return }
        let shops = CanonicalJSON.string((await setup.get("Item/2.json?load_relations=%5B%22ItemShops%22%5D")).json)
        #expect(shops.contains(#""qoh":"17""#), "\(shops)")
        let saleNow = CanonicalJSON.string((await setup.get("Sale/3.json")).json)
        #expect(saleNow.contains(#""referenceNumber":"SO-104711""#) && saleNow.contains(#""referenceNumberSource":"Business Central""#))
    }
}
