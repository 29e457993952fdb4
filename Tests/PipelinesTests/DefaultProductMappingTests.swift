import Foundation
@testable import Pipelines
import PosBridgeCore
import TestSupport
import Testing

/// The default products mapping on records like the BC connector's: the desired record must be
/// what Lightspeed's snapshot holds for the same item.
@Suite struct DefaultProductMappingTests {
    private let swiss = """
        settings: { pricesIncludeTax: true, taxRate: 0.081 }
        tables:
          categories: { JACKETS: Clothing/Jackets }
          attributes: { Material: Werkstoff }
        """

    @Test func aSimpleItemBecomesTheLightspeedRecord() throws {
        let desired = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcProduct("1000"), try PipelineTestSupport.products(swiss)))
        #expect(desired.key == "1000")
        #expect(desired.ref["bcId"] == "5b1c0000-0000-0000-0000-000000000001")
        #expect(desired.fields["type"] == "simple")
        #expect(desired.fields["categoryCode"] == "Clothing/Jackets")
        #expect(desired.fields["categoryPath"] == ["Clothing", "Jackets"])
        #expect(desired.fields["price"] == PipelineTestSupport.number("129.9"))
        #expect(desired.fields["priceIncludesTax"] == true)
        #expect(desired.fields["unitOfMeasure"] == .null, "Lightspeed has no units")
        #expect(desired.fields["publish"] == false, "not said in BC: the setting (draft)")
        #expect(desired.fields["takesPart"] == true)
        #expect(desired.fields["attributes"] == ["Werkstoff": "Wool"])
    }

    @Test func theDesiredRecordHasTheLightspeedSnapshotsFieldSet() throws {
        let line = try #require(try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("fixtures/lightspeed/expected/lightspeed.products.ndjson"), encoding: .utf8)
            .split(separator: "\n").first)
        let lightspeed = try JSONParser.parse(bytes: Array(line.utf8)).objectValue?["fields"]?.objectValue
        let desired = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcProduct("1000"), try PipelineTestSupport.products()))
        #expect(Set(desired.fields.keys) == Set(try #require(lightspeed).keys))
    }

    @Test func aServiceItemBecomesNonInventory() throws {
        let desired = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcProduct("SRV-0001", type: "service"), try PipelineTestSupport.products()))
        #expect(desired.fields["type"] == "non_inventory")
        let other = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcProduct("1001", type: "non_inventory"), try PipelineTestSupport.products()))
        #expect(other.fields["type"] == "non_inventory")
    }

    @Test func aVariantKeepsItsKeyAndParent() throws {
        let record = PipelineTestSupport.bcProduct("1000\u{1F}RED-M", type: "variant", parent: "1000")
        let desired = try #require(PipelineTestSupport.mapped(record, try PipelineTestSupport.products(swiss)))
        #expect(desired.key == "1000\u{1F}RED-M")
        #expect(desired.fields["type"] == "variant")
        #expect(desired.fields["parentSku"] == "1000")
        #expect(desired.fields["variantCode"] == "RED-M")
        #expect(desired.fields["shortDescription"] == "Red, size M")
        #expect(desired.fields["ean"] == .null)
    }

    @Test func withoutACategoryEntryTheBCPathIsUsed() throws {
        let desired = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcProduct("1000"), try PipelineTestSupport.products()))
        #expect(desired.fields["categoryCode"] == "Jackets")
        #expect(desired.fields["categoryPath"] == ["Jackets"])
    }

    @Test func aBlockedItemIsArchivedOrLeftBySetting() throws {
        let blocked = PipelineTestSupport.bcProduct("1000", blocked: true)
        let archive = try PipelineTestSupport.products()
        #expect(PipelineTestSupport.mapped(blocked, archive)?.fields["blocked"] == true)
        #expect(archive.diffRules.rule(for: ["blocked"]).ignore == nil, "archive: a change of blocked is an update")
        let leave = try PipelineTestSupport.products("settings: { blockedItems: leave }\n")
        #expect(leave.diffRules.rule(for: ["blocked"]).ignore == true, "leave: never compared, so never archived")
    }

    @Test func anItemThatDoesNotTakePartIsSkipped() throws {
        let outcome = MappingEngine(pipeline: try PipelineTestSupport.products()).map(PipelineTestSupport.bcProduct("1000", takesPart: false), source: "t")
        #expect(outcome == .skipped(reason: "filter"))
    }

    @Test func taxIncludedPricesAreConvertedWhenTheSidesDiffer() throws {
        let excludedBC = PipelineTestSupport.bcProduct("1000", price: PipelineTestSupport.number("100"), includesTax: false)
        let includedLS = try PipelineTestSupport.products(swiss)
        #expect(PipelineTestSupport.mapped(excludedBC, includedLS)?.fields["price"] == PipelineTestSupport.number("108.1"))
        let includedBC = PipelineTestSupport.bcProduct("1000", price: PipelineTestSupport.number("129.9"), includesTax: true)
        let excludedLS = try PipelineTestSupport.products("settings: { pricesIncludeTax: false, taxRate: 0.081 }\n")
        // 129.9 / 1.081 = 120.16651…, rounded to cents.
        let desired = try #require(PipelineTestSupport.mapped(includedBC, excludedLS))
        #expect(desired.fields["price"] == PipelineTestSupport.number("120.17"))
        #expect(desired.fields["priceIncludesTax"] == false)
        // No rate: the record is rejected with the reason rather than sent at the wrong price.
        let outcome = MappingEngine(pipeline: try PipelineTestSupport.products()).map(excludedBC, source: "t")
        guard case .rejected(let reject) = outcome else { Issue.record("not rejected: \(outcome)"); return }
        #expect(reject.field == "price" && reject.key == "1000" && reject.reason.contains("taxRate"))
    }

    @Test func publishFollowsBCThenTheSetting() throws {
        var record = PipelineTestSupport.bcProduct("1000")
        let now = try PipelineTestSupport.products("settings: { publish: now }\n")
        #expect(PipelineTestSupport.mapped(record, now)?.fields["publish"] == true)
        record.fields["publish"] = false
        #expect(PipelineTestSupport.mapped(record, now)?.fields["publish"] == false, "BC's own value wins")
    }
}
