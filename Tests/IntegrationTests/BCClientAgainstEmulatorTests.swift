import BusinessCentral
import BCEmulator
import Foundation
import Logging
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP
import Testing
import TestSupport

/// The real client (AsyncHTTPClient transport) writing to the emulator over loopback, checked
/// against the emulator's resulting state.
@Suite struct BCClientAgainstEmulatorTests {
    /// A harness, its server, and a client for it; the transport is shut down by `finish`. The harness
    /// reads state without credentials, so authentication is off (the client still fetches a token).
    private struct Setup {
        let harness: BCHarness
        let server: BCRunningServer
        let transport: APIClientTransport
        let client: BCClient

        static func start() async throws -> Setup {
            let harness = try BCHarness(auth: false)
            let server = try await BCRunningServer.start(harness.emulator)
            let settings = BCConnectionSettings(
                name: "emulated", kind: .online, serviceRoot: "\(server.baseURL)/v2.0/tenant-1/production",
                company: .name("CRONUS Outdoor AG"),
                auth: .clientCredentials(clientId: "posbridge-emulator-client", secret: Secret("posbridge-emulator-secret"),
                                         tokenURL: "\(server.baseURL)/tenant-1/oauth2/v2.0/token", scope: BCConnectionSettings.onlineScope))
            let transport = APIClientTransport.businessCentral()
            let client = BCClient(settings: settings, transport: transport,
                                  context: RunContext(logger: Logger(label: "test")))
            return Setup(harness: harness, server: server, transport: transport, client: client)
        }

        func finish() async throws {
            try await transport.shutdown()
            await server.stop()
        }
    }

    @Test func createsASalesOrderWithItsLinesInOnePost() async throws {
        let setup = try await Setup.start()
        let outcome = try await setup.client.createSalesDocument(
            .order, header: ["customerNumber": "C10000", "externalDocumentNumber": "LS-4711"],
            lines: [["lineType": "Item", "lineObjectNumber": "SKU-10001", "quantity": 2],
                    ["lineType": "Item", "lineObjectNumber": "SKU-10002", "quantity": 1]])
        try await setup.finish()
        guard case .written(let order) = outcome else { Issue.record("not written: \(outcome)"); return }
        let id = try #require(order["id"]?.stringValue)
        let lines = await setup.harness.get(BCHarness.api("salesOrders(\(id))/salesOrderLines"))
        #expect(lines.values.map { $0["lineObjectNumber"]?.stringValue } == ["SKU-10001", "SKU-10002"])
        let found = await setup.harness.get(BCHarness.api("salesOrders?$filter=externalDocumentNumber%20eq%20'LS-4711'"))
        #expect(found.values.count == 1)
    }

    @Test func aStaleEtagIsReReadReDecidedAndWritten() async throws {
        let setup = try await Setup.start()
        let customers = try await setup.client.readAllValues(BCQuery("customers").top(1))
        let customer = try #require(customers.first)
        let id = try #require(customer["id"]?.stringValue)
        let staleEtag = try #require(customer["@odata.etag"]?.stringValue)
        // Someone else changes the customer first.
        let other = await setup.harness.send("PATCH", BCHarness.api("customers(\(id))"), headers: ["if-match": staleEtag], json: ["phoneNumber": "+41 44 000 00 00"])
        #expect(other.status == 200)
        var reDecided: [String: JSONValue]?
        let outcome = try await setup.client.update("customers", id: id, etag: staleEtag, changes: ["website": "https://shop.example.com"]) { current in
            reDecided = current
            return .patch(["website": "https://shop.example.com"])
        }
        try await setup.finish()
        guard case .written = outcome else { Issue.record("not written: \(outcome)"); return }
        #expect(reDecided?["phoneNumber"] == "+41 44 000 00 00")  // the re-read saw the other change
        let now = await setup.harness.get(BCHarness.api("customers(\(id))"))
        #expect(now["website"] == "https://shop.example.com" && now["phoneNumber"] == "+41 44 000 00 00")
    }

    @Test func aBatchReportsEachOperation() async throws {
        let setup = try await Setup.start()
        let results = try await setup.client.batch([
            .create(id: "1", "customers", ["displayName": "Batch Kunde Eins", "type": "Person", "email": "eins@example.org"]),
            .create(id: "2", "customers", ["type": "Person"]),  // displayName is required
            .create(id: "3", "customers", ["displayName": "Batch Kunde Drei", "type": "Person", "email": "drei@example.org"]),
        ])
        try await setup.finish()
        #expect(results.map(\.status) == [201, 400, 201])
        let all = await setup.harness.get(BCHarness.api("customers"))
        #expect(all.values.filter { $0["displayName"]?.stringValue?.hasPrefix("Batch Kunde") == true }.count == 2)
    }
}
