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

/// `LSExport` with the real client against the emulator over loopback: archived records, sales
/// with their customer, and the connection's currency in the canonical snapshots.
@Suite struct LSExportAgainstEmulatorTests {
    /// An emulator on loopback and an export into a run folder, for a connection whose currency is CHF.
    private struct Setup {
        let workspace: TempWorkspace
        let emulator: LSEmulator
        let server: LSRunningServer
        let transport: APIClientTransport
        let export: LSExport

        static func start() async throws -> Setup {
            let workspace = try TempWorkspace("ls-export-emulator")
            var options = LSEmulatorOptions()
            options.seedFolder = LSHarness.seed
            options.bucketSize = 1_000_000
            options.requireAuth = false  // the test archives records directly; the client still fetches and rotates tokens
            let emulator = try LSEmulator(statePath: workspace.path("state.sqlite"), options: options)
            let server = try await LSRunningServer.start(emulator)
            let store = try workspace.write("ls.token", "posbridge-emulator-refresh\n")
            chmod(store, 0o600)
            let settings = LSConnectionSettings(
                name: "emulated", baseURL: server.baseURL, tokenURL: "\(server.baseURL)/auth/oauth/token",
                clientId: "posbridge-emulator-client", clientSecret: Secret("posbridge-emulator-secret"), refreshTokenFile: store,
                currency: "chf")
            let transport = APIClientTransport.lightspeed()
            let client = LSClient(settings: settings, transport: transport, context: RunContext(logger: Logger(label: "test")))
            return Setup(workspace: workspace, emulator: emulator, server: server, transport: transport,
                         export: LSExport(client: client, runFolder: workspace.path("run")))
        }

        /// Archives a record the way Lightspeed does (DELETE answers the archived record).
        func archive(_ rest: String) async throws {
            let response = await emulator.respond(EmulatorRequest("DELETE", LSHarness.api(rest), headers: ["host": "127.0.0.1"], body: []))
            try #require(response.status == 200, "DELETE \(rest): \(response.status)")
        }

        /// Runs the export and returns its records by key.
        func run(_ entity: LSExport.Entity) async throws -> [String: [String: JSONValue]] {
            let result = try await export.run(entity, createdAt: "2026-11-29T00:00:00Z")
            var records: [String: [String: JSONValue]] = [:]
            for line in try String(contentsOfFile: result.snapshot, encoding: .utf8).split(separator: "\n") {
                let record = try #require(try JSONParser.parse(bytes: Array(line.utf8)).objectValue)
                records[try #require(record["key"]?.stringValue)] = record["fields"]?.objectValue
            }
            return records
        }

        func finish() async throws {
            try await transport.shutdown()
            await server.stop()
        }
    }

    @Test func archivedItemsMatricesAndCustomersAreInTheSnapshotMarkedAsBlocked() async throws {
        let setup = try await Setup.start()
        try await setup.archive("Item/5.json")  // SKU-10028, a plain item
        try await setup.archive("ItemMatrix/2.json")  // SKU-10115 with items 9 (ORG-L) and 10 (ORG-XL)
        try await setup.archive("Item/9.json")
        try await setup.archive("Customer/3.json")  // claudia.zuercher3@example.org
        let products = try await setup.run(.products)
        let customers = try await setup.run(.customers)
        try await setup.finish()

        #expect(products.count == 156, "every product of the seed, archived ones included")
        #expect(products["SKU-10028"]?["blocked"] == .bool(true))
        #expect(products["SKU-10115"]?["blocked"] == .bool(true))
        #expect(products["SKU-10115"]?["type"] == "variant_parent")
        #expect(products["SKU-10115\u{1F}ORG-L"]?["blocked"] == .bool(true))
        #expect(products["SKU-10115\u{1F}ORG-XL"]?["blocked"] == .bool(true), "a variant of an archived matrix is blocked too")
        #expect(products["SKU-10062"]?["blocked"] == .bool(false))
        #expect(customers.count == 47)
        #expect(customers["claudia.zuercher3@example.org"]?["blocked"] == "all")
        #expect(customers["hans.gerber8@example.org"]?["blocked"] == "none")
    }

    @Test func ordersCarryTheirCustomersNameAndBillingAddressAndEverySnapshotTheCurrency() async throws {
        let setup = try await Setup.start()
        let orders = try await setup.run(.orders)
        let products = try await setup.run(.products)
        let customers = try await setup.run(.customers)
        let pages = try String(contentsOfFile: setup.workspace.path("run/extract/lightspeed/orders/Sale/page-0001.json"), encoding: .utf8)
        try await setup.finish()

        let sale = try #require(orders["lightspeed\u{1F}2"])
        #expect(sale["customer"] == ["email": "hans.gerber8@example.org", "name": "Hans Gerber"])
        #expect(sale["billingAddress"] == [
            "street": "Bergstrasse", "houseNumber": "8", "line2": .null, "postalCode": "4051", "city": "Basel", "state": "BS", "country": "CH",
        ])
        let walkIn = try #require(orders["lightspeed\u{1F}1"])
        #expect(walkIn["customer"] == ["email": .null, "name": .null])
        #expect(walkIn["billingAddress"] == .null)
        let withCustomer = orders.values.filter { $0["customer"]?.objectValue?["email"] != .null }
        #expect(withCustomer.count > 20 && withCustomer.allSatisfy { $0["customer"]?.objectValue?["name"] != .null })
        #expect(withCustomer.filter { $0["billingAddress"] != .null }.count > withCustomer.count / 2)
        #expect(pages.contains("\"Contact\""), "the raw sale pages hold the loaded customer with its contact")

        #expect(!orders.isEmpty && orders.values.allSatisfy { $0["currency"] == "CHF" })
        #expect(!products.isEmpty && products.values.allSatisfy { $0["currency"] == "CHF" })
        #expect(!customers.isEmpty && customers.values.allSatisfy { $0["currency"] == "CHF" })
    }
}
