import Foundation
import TestSupport
import Testing

/// End to end: `posbridge run products stock` (the shipped pipelines) through the built binary against
/// both emulators seeded from `fixtures/`, checked in Lightspeed's resulting state.
@Suite struct NightlyRunTests {
    private typealias Rig = NightlyRig
    private static let separator = "\u{1F}"

    /// The keys whose journal outcome is a succeeded `request` (`POST Item`, `PUT Item`, …).
    private static func journalKeys(_ report: [String: Any], request: String) throws -> [String] {
        let lines = try Rig.lines(report, "apply.journal.ndjson")
        let intents = Set(lines.filter { $0["phase"] as? String == "intent" && $0["request"] as? String == request }.compactMap { $0["seq"] as? Int })
        return lines.filter { $0["phase"] as? String == "outcome" && $0["outcome"] as? String == "succeeded" && intents.contains($0["seq"] as? Int ?? -1) }
            .compactMap { $0["key"] as? String }
    }

    private static func desired(_ report: [String: Any], _ entity: String, key: String) throws -> [String: Any] {
        let line = try Rig.lines(report, "desired.\(entity).ndjson").first { $0["key"] as? String == key }
        return try #require(line?["fields"] as? [String: Any], "no desired \(entity) \(key)")
    }

    private static func customFields(_ item: [String: Any]) -> [String: String] {
        let values = (item["CustomFieldValues"] as? [String: Any]).map { Rig.records($0, "CustomFieldValue") } ?? []
        return Dictionary(values.compactMap { row in (row["name"] as? String).map { ($0, row["value"] as? String ?? "") } }, uniquingKeysWith: { a, _ in a })
    }

    private static func quantity(_ item: [String: Any], shop: String) -> String? {
        let shops = (item["ItemShops"] as? [String: Any]).map { Rig.records($0, "ItemShop") } ?? []
        return shops.first { $0["shopID"] as? String == shop }?["qoh"] as? String
    }

    private static func defaultPrice(_ item: [String: Any]) -> String? {
        let prices = (item["Prices"] as? [String: Any]).map { Rig.records($0, "ItemPrice") } ?? []
        return prices.first { $0["useType"] as? String == "Default" }?["amount"] as? String
    }

    @Test func theFirstRunCreatesWhatLightspeedLacksAndTheSecondIsANoOp() async throws {
        let rig = try Rig("nightly")
        let itemsBefore = try await rig.lightspeedCount("Item")
        let matricesBefore = try await rig.lightspeedCount("ItemMatrix")

        let (first, json) = try rig.run(["products", "stock"])
        // The fixtures hold deliberate rejects and warnings: exit 3, and everything else still went through.
        #expect(first.status == 3, "\(first.stderr)")
        let products = try Rig.report(json, "products"), stock = try Rig.report(json, "stock")
        #expect(Rig.count(products, "rejected") > 0)
        #expect(Rig.count(products, "created") > 0)
        #expect(Rig.count(products, "updated") > 0)
        #expect(try Rig.lines(products, "rejects.ndjson").count == Rig.count(products, "rejected"))

        // Every create the summary counts is a record in Lightspeed: items and matrices.
        let createdItems = try Self.journalKeys(products, request: "POST Item")
        let createdMatrices = try Self.journalKeys(products, request: "POST ItemMatrix")
        #expect(createdItems.count + createdMatrices.count == Rig.count(products, "created"))
        #expect(try await rig.lightspeedCount("Item") == itemsBefore + createdItems.count)
        #expect(try await rig.lightspeedCount("ItemMatrix") == matricesBefore + createdMatrices.count)

        // A BC item with variants became one matrix holding one item per variant.
        let parent = try #require(createdMatrices.first)
        let variants = createdItems.filter { $0.hasPrefix(parent + Self.separator) }
        #expect(variants.count >= 2)
        var matrixIDs = Set<String>()
        for variant in variants {
            let item = try await rig.lightspeedItem(customSku: variant.replacingOccurrences(of: Self.separator, with: "/"))
            matrixIDs.insert(item["itemMatrixID"] as? String ?? "")
        }
        #expect(matrixIDs.count == 1 && !matrixIDs.contains("0") && !matrixIDs.contains(""), "\(matrixIDs)")
        let matrix = try #require(Rig.records(try await rig.lightspeedGET("ItemMatrix/\(matrixIDs.first!).json"), "ItemMatrix").first)
        #expect(matrix["description"] as? String == (try Self.desired(products, "products", key: parent))["name"] as? String)

        // A simple item created from BC carries BC's attributes in its custom fields.
        let simple = try #require(createdItems.first { !$0.contains(Self.separator) })
        let attributes = try #require(try Self.desired(products, "products", key: simple)["attributes"] as? [String: String])
        #expect(!attributes.isEmpty)
        #expect(Self.customFields(try await rig.lightspeedItem(customSku: simple)) == attributes)

        // Stock: quantities written per shop; the location without a shop is one warning, not one per record.
        #expect(Rig.count(stock, "updated") > 0)
        let warnings = try Rig.lines(stock, "warnings.stock.ndjson").compactMap { $0["warning"] as? String }
        #expect(warnings.filter { $0.contains("\"WEB\"") }.count == 1)
        #expect(warnings.contains { $0.hasPrefix("SKU ") && $0.hasSuffix("is not in Lightspeed: its stock is not written") })
        // One write per item with all its shops, journaled under the item's SKU.
        let sku = try #require(try Self.journalKeys(stock, request: "PUT Item (ItemShops)").first { !$0.contains(Self.separator) })
        let written = try Self.desired(stock, "stock", key: sku + Self.separator + "MAIN")
        #expect(Self.quantity(try await rig.lightspeedItem(customSku: sku), shop: "1") == "\(written["available"] ?? "")")

        // The next night, nothing changed: nothing is written.
        try await rig.clearLightspeedRequests()
        let (second, again) = try rig.run(["products", "stock"])
        #expect(second.status == 3, "\(second.stderr)")
        for entity in ["products", "stock"] {
            let report = try Rig.report(again, entity)
            #expect(Rig.count(report, "created") == 0, "\(entity)")
            #expect(Rig.count(report, "updated") == 0, "\(entity)")
        }
        let writes = try await rig.lightspeedRequests().filter { !$0.hasPrefix("GET ") && !$0.contains("/auth/") }
        #expect(writes.isEmpty, "\(writes)")
        #expect(try await rig.lightspeedCount("Item") == itemsBefore + createdItems.count)
    }

    @Test func aDryRunWritesNothingToLightspeedAndStillLeavesEveryFile() async throws {
        let rig = try Rig("nightly-dry")
        let itemsBefore = try await rig.lightspeedCount("Item")
        try await rig.clearLightspeedRequests()
        let (result, json) = try rig.run(["products", "--dry-run"])
        // The fixtures' rejects (invalid EAN check digits) are found by apply, which a dry run skips.
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Rig.report(json, "products")
        #expect(report["dryRun"] as? Bool == true)
        #expect(Rig.count(report, "created") > 0)  // what would be created
        let writes = try await rig.lightspeedRequests().filter { !$0.hasPrefix("GET ") && !$0.contains("/auth/") }
        #expect(writes.isEmpty, "\(writes)")
        #expect(try await rig.lightspeedCount("Item") == itemsBefore)
        let folder = try #require(report["folder"] as? String)
        for file in ["desired.products.ndjson", "diff.products.ndjson", "diff.products.summary.json", "run.json"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + file), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/apply.journal.ndjson"))
        #expect(FileManager.default.fileExists(atPath: try #require(report["archive"] as? String)))
    }

    @Test func aChangeInBCReachesLightspeedAndWhatLightspeedOwnsStays() async throws {
        let rig = try Rig("nightly-change")
        let (first, json) = try rig.run(["products", "stock"])
        #expect(first.status == 3, "\(first.stderr)")
        let products = try Rig.report(json, "products")
        // An item posbridge created from BC, with a stock row at MAIN (Lightspeed shop 1).
        let sku = try #require(try Self.journalKeys(products, request: "POST Item").first { !$0.contains(Self.separator) })
        let before = try await rig.lightspeedItem(customSku: sku)
        let itemID = try #require(before["itemID"] as? String)

        // In Lightspeed a shop manager rewrites the long description: a create-only field by default.
        try await rig.lightspeedPUT("Item/\(itemID).json", ["ItemECommerce": ["longDescription": "Written in Lightspeed."]])
        // In BC, the price goes up and the long description changes; the stock at MAIN moves by an
        // adjustment, which leaves the row's lastModifiedDateTime as it was.
        var stockStamp = ""
        try rig.editBCSeed("items") { rows in
            let index = try #require(rows.firstIndex { $0["number"] as? String == sku })
            rows[index]["unitPrice"] = ((rows[index]["unitPrice"] as? NSNumber)?.doubleValue ?? 0) + 10
        }
        try rig.editBCSeed("itemSyncSettings") { rows in
            let index = try #require(rows.firstIndex { $0["itemNumber"] as? String == sku })
            rows[index]["longDescription"] = "Changed in BC."
        }
        try rig.editBCSeed("itemStock") { rows in
            let index = try #require(rows.firstIndex { $0["itemNumber"] as? String == sku && $0["locationCode"] as? String == "MAIN" })
            for field in ["inventory", "available"] { rows[index][field] = ((rows[index][field] as? NSNumber)?.intValue ?? 0) + 7 }
            stockStamp = rows[index]["lastModifiedDateTime"] as? String ?? ""
        }
        #expect(!stockStamp.isEmpty)
        try rig.restartBC()

        let (second, next) = try rig.run(["products", "stock"])
        #expect(second.status == 3, "\(second.stderr)")
        let updatedProducts = try Rig.report(next, "products"), updatedStock = try Rig.report(next, "stock")
        #expect(try Self.journalKeys(updatedProducts, request: "PUT Item") == [sku])
        #expect(Rig.count(updatedProducts, "updated") == 1)
        #expect(Rig.count(updatedProducts, "created") == 0)
        #expect(Rig.count(updatedStock, "updated") == 1)

        let after = try await rig.lightspeedItem(customSku: sku)
        let price = try #require(try Self.desired(updatedProducts, "products", key: sku)["price"] as? NSNumber)
        #expect(Self.defaultPrice(after).flatMap(Double.init) == price.doubleValue)
        #expect(Self.defaultPrice(after) != Self.defaultPrice(before))
        #expect((after["ItemECommerce"] as? [String: Any])?["longDescription"] as? String == "Written in Lightspeed.")
        let available = try #require(try Self.desired(updatedStock, "stock", key: sku + Self.separator + "MAIN")["available"] as? NSNumber)
        #expect(Self.quantity(after, shop: "1") == available.stringValue)
        #expect(Self.quantity(after, shop: "1") != Self.quantity(before, shop: "1"))
    }

    @Test func aPipelineWithATypoFailsWithItsLineAndColumnBeforeAnythingRuns() throws {
        let rig = try Rig("nightly-typo")
        let pipeline = try rig.workspace.write("typo.yaml", """
            flow: products
            source: { connection: bc }
            target: { connection: lightspeed }
            mapping:
              nmae: { from: name }
            """)
        let (result, _) = try rig.run([pipeline])
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("typo.yaml:5:3"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: rig.workspace.path("runs")))
    }
}
