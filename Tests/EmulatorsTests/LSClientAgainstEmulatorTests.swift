import Emulators
import Foundation
import Lightspeed
import Logging
import PosBridgeCore
import PosBridgeConfiguration
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
        static func start(bucketSize: Double = 90, dripRate: Double = 1) async throws -> Setup {
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
                clientId: "posbridge-emulator-client", clientSecret: Secret("posbridge-emulator-secret"), refreshTokenFile: store)
            let transport = APIClientTransport.lightspeed()
            let client = LSClient(settings: settings, transport: transport, context: RunContext(logger: Logger(label: "test")))
            return Setup(workspace: workspace, emulator: emulator, server: server, transport: transport, client: client)
        }

        func finish() async throws {
            try await transport.shutdown()
            await server.stop()
        }

        func get(_ rest: String) async -> LSResponse {
            await emulator.respond(LSRequest("GET", LSHarness.api(rest), headers: ["host": "127.0.0.1"], body: []))
        }
    }

    @Test func severalHundredWritesArePacedWithoutA429() async throws {
        // A bucket of 60 that drips 40 a second: 300 writes must wait for room at times, never overflow.
        // Ten writers at once (each owning two items) keep demand above the drip even on a loaded
        // machine, where one writer alone can be slower than the drip and never meet a full bucket.
        let setup = try await Setup.start(bucketSize: 60, dripRate: 40)
        let client = setup.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<10 {
                group.addTask {
                    for round in 0..<30 {
                        let item = writer * 2 + round % 2 + 1
                        let outcome = try await client.update("Item", id: "\(item)", ["description": .string("Paced write \(writer).\(round)")])
                        guard case .written = outcome else { Issue.record("writer \(writer) write \(round): \(outcome)"); return }
                    }
                }
            }
            try await group.waitForAll()
        }
        let waits = await setup.client.bucket.waits
        try await setup.finish()
        let log = CanonicalJSON.string((await setup.emulator.respond(LSRequest("GET", "/_emulator/requests", headers: [:], body: []))).json)
        #expect(!log.contains(#""status":429"#))
        #expect(!waits.isEmpty, "the bucket never had to wait: the test did not exercise pacing")
        let item = await setup.get("Item/20.json")
        #expect(CanonicalJSON.string(item.json).contains("Paced write 9.29"))
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
