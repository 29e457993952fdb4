import BCEmulator
import BusinessCentral
import Foundation
import Logging
import PosBridgeConfiguration
import PosBridgeCore
import PosBridgeHTTP
import Snapshots
import TestSupport
import Testing

/// `BCExport` through the real client against the emulator over loopback: what each entity's
/// snapshot holds, and that every record read is accounted for.
@Suite struct BCExportAgainstEmulatorTests {
    /// A running emulator (optionally over an edited copy of the seed) and an export into `run/`.
    private struct Setup {
        let harness: BCHarness
        let server: BCRunningServer
        let transport: APIClientTransport
        let client: BCClient

        static func start(stockSource: BCConnectionSettings.StockSource = .companion,
                          editSeed: ((SeedCopy) throws -> Void)? = nil) async throws -> Setup {
            let workspace = try TempWorkspace("bc-export")
            var seed = BCHarness.seed
            if let editSeed {
                let copy = try SeedCopy(workspace: workspace)
                try editSeed(copy)
                seed = copy.folder
            }
            let harness = try BCHarness(auth: false, workspace: workspace) { $0.seedFolder = seed }
            let server = try await BCRunningServer.start(harness.emulator)
            let settings = BCConnectionSettings(
                name: "emulated", kind: .online, serviceRoot: "\(server.baseURL)/v2.0/tenant-1/production",
                company: .name("CRONUS Outdoor AG"),
                auth: .clientCredentials(clientId: "posbridge-emulator-client", secret: Secret("posbridge-emulator-secret"),
                                         tokenURL: "\(server.baseURL)/tenant-1/oauth2/v2.0/token", scope: BCConnectionSettings.onlineScope),
                pageSize: 60, stockSource: stockSource, companion: .init(installed: true))
            let transport = APIClientTransport.businessCentral()
            let client = BCClient(settings: settings, transport: transport,
                                  context: RunContext(logger: Logger(label: "test")))
            return Setup(harness: harness, server: server, transport: transport, client: client)
        }

        func export(_ entity: BCExport.Entity, into folder: String = "run", since: Date? = nil) async throws -> ExportResult<BCExport.Entity> {
            var export = BCExport(client: client, runFolder: harness.workspace.path(folder))
            export.modifiedAfter = since
            export.imageContent = false
            return try await export.run(entity, createdAt: "2026-11-29T00:00:00Z")
        }

        /// The records the export read of `sets`, from the raw pages' index (`pages.ndjson`).
        func rawCount(_ entity: BCExport.Entity, _ sets: [String], folder: String = "run") throws -> Int {
            var total = 0
            for set in sets {
                let index = try harness.workspace.readText("\(folder)/extract/bc/\(entity.rawValue)/\(set)/pages.ndjson")
                for line in index.split(separator: "\n") {
                    if case .number(let records)? = try JSONParser.parse(bytes: Array(line.utf8)).objectValue?["records"] {
                        total += Int(records.text) ?? 0
                    }
                }
            }
            return total
        }

        /// The snapshot's records (fields) by key.
        func snapshot(_ entity: BCExport.Entity, folder: String = "run") throws -> [String: [String: JSONValue]] {
            let text = try harness.workspace.readText("\(folder)/snapshots/bc.\(entity.rawValue).ndjson")
            var records: [String: [String: JSONValue]] = [:]
            for line in text.split(separator: "\n") {
                let object = try JSONParser.parse(bytes: Array(line.utf8)).objectValue ?? [:]
                records[object["key"]?.stringValue ?? ""] = object["fields"]?.objectValue ?? [:]
            }
            return records
        }

        func finish() async throws {
            try await transport.shutdown()
            await server.stop()
        }
    }

    /// A copy of `fixtures/bc` whose entity files a test edits.
    struct SeedCopy {
        let folder: URL

        init(workspace: TempWorkspace) throws {
            folder = workspace.url.appendingPathComponent("seed")
            try FileManager.default.copyItem(at: BCHarness.seed, to: folder)
        }

        func edit(_ set: String, _ change: (inout [[String: JSONValue]]) throws -> Void) throws {
            let file = folder.appendingPathComponent("outdoor/\(set).json")
            guard case .array(let values) = try JSONParser.parse(bytes: Array(try Data(contentsOf: file))) else {
                Issue.record("\(set).json is not an array")
                return
            }
            var rows = values.compactMap(\.objectValue)
            try change(&rows)
            try Data(CanonicalJSON.encode(.array(rows.map(JSONValue.object)))).write(to: file)
        }
    }

    @Test func standardStockHasNoRecordForServiceOrNonInventoryItems() async throws {
        let setup = try await Setup.start(stockSource: .standard)
        let result = try await setup.export(.stock)
        let records = try setup.snapshot(.stock)
        try await setup.finish()
        // The seed has 186 Inventory items, 10 Services (SRV-…) and 4 Non-Inventory items.
        #expect(records.count == 186)
        #expect(!records.keys.contains { $0.hasPrefix("SRV-") })
        #expect(result.omitted == [BCStockTranslator.notStocked: 14])
        #expect(result.rejected == 0)
    }

    @Test func productsCustomersAndOrdersCarryTheCompanyCurrency() async throws {
        let setup = try await Setup.start()
        var currencies: [BCExport.Entity: Set<String>] = [:]
        for entity in [BCExport.Entity.products, .customers, .orders] {
            _ = try await setup.export(entity)
            currencies[entity] = Set(try setup.snapshot(entity).values.map { $0["currency"]?.stringValue ?? "null" })
        }
        try await setup.finish()
        // CRONUS Outdoor AG does business in CHF (companyInformation.currencyCode).
        #expect(currencies == [.products: ["CHF"], .customers: ["CHF"], .orders: ["CHF"]])
    }

    @Test func onlyDocumentsWithTheLightspeedPrefixAreLightspeedSales() async throws {
        let setup = try await Setup.start()
        _ = try await setup.export(.orders)
        let keys = Set(try setup.snapshot(.orders).keys)
        try await setup.finish()
        // SO-101004 and SO-101013 carry customer purchase order numbers (PO-2026-…): BC's own.
        let own = keys.filter { $0.hasPrefix("bc\u{1F}") }
        #expect(own == ["bc\u{1F}SO-101004", "bc\u{1F}SO-101013"])
        let sales = keys.subtracting(own)
        #expect(sales.count == 18)
        #expect(sales.allSatisfy { $0.hasPrefix("lightspeed\u{1F}") && $0.dropFirst(11).allSatisfy(\.isNumber) }, "\(sales)")
    }

    /// Entities and the sets whose records they translate (lookups such as contacts are not counted).
    static let readSets: [(BCExport.Entity, BCConnectionSettings.StockSource, [String])] = [
        (.products, .companion, ["items", "itemVariants"]), (.categories, .companion, ["itemCategories"]),
        (.customers, .companion, ["customers"]), (.orders, .companion, ["salesOrders"]), (.invoices, .companion, ["salesInvoices"]),
        (.stock, .companion, ["itemStock"]), (.stock, .standard, ["items"]),
        (.orderStatus, .companion, ["salesOrders", "salesShipments", "salesInvoices"]),
    ]

    @Test(arguments: readSets.indices)
    func everyRecordReadIsInTheSnapshotOrTheRejects(_ index: Int) async throws {
        let (entity, source, sets) = Self.readSets[index]
        let setup = try await Setup.start(stockSource: source) { seed in
            // An item with variants whose type is unknown, a variant of no item, a category without a
            // code, a duplicate and a missing e-mail, documents with two bad totals, a stock row without item.
            try seed.edit("items") { rows in rows[0]["type"] = "Kit" }
            try seed.edit("itemVariants") { rows in
                rows.append(["id": "7a000000-0000-4000-8000-0000000000ff", "itemId": "7a000000-0000-4000-8000-0000000000fe",
                             "itemNumber": "NO-SUCH-ITEM", "code": "X", "description": "orphan"])
            }
            try seed.edit("itemCategories") { rows in rows[0]["code"] = "" }
            try seed.edit("customers") { rows in
                rows[1]["email"] = rows[0]["email"]
                rows[2]["email"] = ""
            }
            for set in ["salesOrders", "salesInvoices"] {
                try seed.edit(set) { rows in
                    rows[5]["totalTaxAmount"] = "n/a"
                    rows[5]["discountAmount"] = "n/a"
                }
            }
            try seed.edit("itemStock") { rows in rows[0]["itemNumber"] = "" }
        }
        let result = try await setup.export(entity)
        let read = try setup.rawCount(entity, sets)
        try await setup.finish()
        #expect(read > 0)
        #expect(result.manifest.recordCount + result.rejected + result.omitted.values.reduce(0, +) == read,
                "\(entity) \(source): \(read) read, \(result.manifest.recordCount) records, \(result.rejected) rejected, \(result.omitted)")
        // Each edit above shows up as rejects (products: the item, its 4 variants, the orphan variant).
        let expectedRejects: [BCExport.Entity: Int] = [.products: 6, .categories: 1, .customers: 2, .orders: 1, .invoices: 1]
        if let expected = expectedRejects[entity] { #expect(result.rejected == expected, "\(entity)") }
        if entity == .stock, source == .companion { #expect(result.rejected == 1) }
    }

    @Test func anIncrementalProductExportFollowsChangedItemsAndChangedVariants() async throws {
        let setup = try await Setup.start()
        // Every seed record is older than this; then one variant changes, its item does not.
        setup.harness.clock.advance(20 * 86_400)
        let since = setup.harness.clock.now
        setup.harness.clock.advance(60)
        let variants = await setup.harness.get(BCHarness.api("itemVariants?$filter=itemNumber%20eq%20'SKU-10001'")).values
        let variantId = try #require(variants.first?["id"]?.stringValue)
        let patched = await setup.harness.send("PATCH", BCHarness.api("itemVariants(\(variantId))"), headers: ["If-Match": "*"],
                                               json: ["description": "Black, size S (new)"])
        #expect(patched.status == 200)
        let result = try await setup.export(.products, since: since)
        let records = try setup.snapshot(.products)
        try await setup.finish()
        // The variant's item is read for it, with its other variants; nothing is rejected.
        #expect(result.rejected == 0)
        #expect(Set(records.keys) == Set(["SKU-10001"] + variants.compactMap { $0["code"]?.stringValue }.map { "SKU-10001\u{1F}\($0)" }))
        #expect(records.values.contains { $0["shortDescription"] == "Black, size S (new)" })
        #expect(result.omitted == [BCExport.variantOutsideWindow: 232 - variants.count])
    }
}
