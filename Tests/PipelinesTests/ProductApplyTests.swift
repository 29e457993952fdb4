import Foundation
import Lightspeed
@testable import Pipelines
import PosBridgeCore
import TestSupport
import Testing

@Suite struct ProductApplyTests {
    private let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }

    private func desired(_ records: [SnapshotRecord], _ pipeline: EffectivePipeline) -> [String: SnapshotRecord] {
        Dictionary(uniqueKeysWithValues: records.compactMap { PipelineTestSupport.mapped($0, pipeline) }.map { ($0.key, $0) })
    }

    private func apply(_ diff: [DiffEntry], desired: [String: SnapshotRecord], target: [String: SnapshotRecord] = [:],
                       writer: FakeLightspeedWriter, pipeline: EffectivePipeline, folder: TempWorkspace) async throws -> ApplyLog {
        let log = try ApplyLog(entity: "products", folder: folder.url.path, runId: "r1", store: nil, clock: clock)
        try await ProductApply(pipeline: pipeline, writer: writer, log: log, options: LSTranslationOptions())
            .run(diff: diff, desired: desired, target: target, unchanged: 0)
        return log
    }

    @Test func createsCategoriesFirstAndRejectsABadEANWithoutStoppingTheOthers() async throws {
        let pipeline = try PipelineTestSupport.products("tables: { categories: { JACKETS: Clothing/Jackets } }\n")
        var bad = PipelineTestSupport.bcProduct("2000")
        bad.fields["ean"] = "4006381333932"
        let records = desired([PipelineTestSupport.bcProduct("1000"), bad, PipelineTestSupport.bcProduct("3000")], pipeline)
        let writer = FakeLightspeedWriter(categories: [["categoryID": "5", "name": "Clothing", "parentID": "0"]])
        let folder = try TempWorkspace("apply")
        let log = try await apply(records.keys.sorted().map { DiffEntry(key: $0, operation: .create) }, desired: records,
                                  writer: writer, pipeline: pipeline, folder: folder)
        #expect(log.counts.created == 2)
        #expect(log.counts.rejected == 1)
        #expect(writer.calls.filter { $0.hasPrefix("POST") } == ["POST Category", "POST Item", "POST Item"])
        let category = try #require(writer.bodies("POST Category").first)
        #expect(category["name"] == "Jackets" && category["parentID"] == "5")
        let item = try #require(writer.bodies("POST Item").first)
        #expect(item["customSku"] == "1000")
        #expect(item["categoryID"] == .string(try #require(writer.records("Category").first { $0["name"] == "Jackets" }?["categoryID"]?.stringValue)))
        #expect(item["publishToEcom"] == "false")
        #expect(item["Prices"] == ["ItemPrice": [["amount": "129.9", "useType": "Default"]]])
        #expect(item["CustomFieldValues"] == ["CustomFieldValue": [["name": "Material", "value": "Wool"]]])
        let rejects = try folder.readText("rejects.apply.products.ndjson")
        #expect(rejects.contains("\"key\":\"2000\"") && rejects.contains("invalid check digit"))
        // Intent, then outcome, for each of the three writes.
        #expect(try folder.readText("apply.journal.ndjson").split(separator: "\n").count == 6)
    }

    @Test func aMatrixIsCreatedBeforeItsVariantsWithAnAttributeSetThatFits() async throws {
        let pipeline = try PipelineTestSupport.products()
        let records = desired([
            PipelineTestSupport.bcProduct("1000", type: "variant_parent"),
            PipelineTestSupport.bcProduct("1000\u{1F}RED-M", type: "variant", parent: "1000"),
            PipelineTestSupport.bcProduct("1000\u{1F}BLU-L", type: "variant", parent: "1000"),
        ], pipeline)
        let writer = FakeLightspeedWriter(categories: [["categoryID": "3", "name": "Jackets", "parentID": "0"]])
        let log = try await apply(records.keys.map { DiffEntry(key: $0, operation: .create) }, desired: records,
                                  writer: writer, pipeline: pipeline, folder: try TempWorkspace("apply"))
        #expect(log.counts.created == 3)
        #expect(writer.calls.filter { $0.hasPrefix("POST") } == ["POST ItemMatrix", "POST Item", "POST Item"])
        let matrix = try #require(writer.bodies("POST ItemMatrix").first)
        #expect(matrix["itemAttributeSetID"] == "1" && matrix["description"] == "Hiking jacket")
        let matrixID = try #require(writer.records("ItemMatrix").first?["itemMatrixID"])
        let variants = writer.bodies("POST Item")
        #expect(variants.map { $0["customSku"] } == ["1000/BLU-L", "1000/RED-M"])
        #expect(variants.allSatisfy { $0["itemMatrixID"] == matrixID })
        #expect(variants[1]["ItemAttributes"] == ["itemAttributeSetID": "1", "attribute1": "RED", "attribute2": "M"])
    }

    @Test func anUpdateWritesOnlyChangedFieldsThatMayChange() async throws {
        let pipeline = try PipelineTestSupport.products()
        let records = desired([PipelineTestSupport.bcProduct("1000", price: PipelineTestSupport.number("139.9"))], pipeline)
        let writer = FakeLightspeedWriter(items: [["itemID": "7", "customSku": "1000"]])
        let entry = DiffEntry(key: "1000", operation: .update, ref: ["lsItemID": "7"], changedFields: ["price", "longDescription", "ean"])
        let log = try await apply([entry], desired: records, writer: writer, pipeline: pipeline, folder: try TempWorkspace("apply"))
        #expect(log.counts.updated == 1)
        let body = try #require(writer.bodies("PUT Item").first)
        #expect(body == ["Prices": ["ItemPrice": [["amount": "139.9", "useType": "Default"]]]])
        // Only create-only fields differ: nothing is written, the record counts as unchanged.
        let quiet = try await apply([DiffEntry(key: "1000", operation: .update, ref: ["lsItemID": "7"], changedFields: ["longDescription"])],
                                    desired: records, writer: writer, pipeline: pipeline, folder: try TempWorkspace("apply"))
        #expect(quiet.counts.unchanged == 1 && quiet.counts.updated == 0)
        #expect(writer.bodies("PUT Item").count == 1)
    }

    @Test func aBlockedItemIsArchivedAndANewBlockedOneNotCreated() async throws {
        let pipeline = try PipelineTestSupport.products()
        let records = desired([PipelineTestSupport.bcProduct("1000", blocked: true), PipelineTestSupport.bcProduct("2000", blocked: true)], pipeline)
        let writer = FakeLightspeedWriter(items: [["itemID": "7", "customSku": "1000"]])
        let log = try await apply([DiffEntry(key: "1000", operation: .update, ref: ["lsItemID": "7"], changedFields: ["blocked"]),
                                   DiffEntry(key: "2000", operation: .create)],
                                  desired: records, writer: writer, pipeline: pipeline, folder: try TempWorkspace("apply"))
        #expect(writer.calls == ["DELETE Item/7"])
        #expect(log.counts.archived == 1 && log.counts.skipped == 1)
    }

    @Test func aCreateOfUnknownOutcomeIsLookedUpAndNotMadeTwice() async throws {
        let pipeline = try PipelineTestSupport.products()
        let records = desired([PipelineTestSupport.bcProduct("1000"), PipelineTestSupport.bcProduct("2000")], pipeline)
        let folder = try TempWorkspace("apply")
        // The crashed attempt: intent for 1000 written, its request got through, the outcome never did.
        let journal = try ApplyJournal(path: ApplyLog.journalPath(in: folder.url.path), clock: clock)
        try journal.intent(.init(entity: "products", key: "1000", operation: "create"), request: "POST Item")
        let writer = FakeLightspeedWriter(categories: [["categoryID": "3", "name": "Jackets", "parentID": "0"]],
                                          items: [["itemID": "41", "customSku": "1000"]])
        let log = try await apply([DiffEntry(key: "1000", operation: .create), DiffEntry(key: "2000", operation: .create)],
                                  desired: records, writer: writer, pipeline: pipeline, folder: folder)
        #expect(log.counts.created == 2)
        #expect(writer.bodies("POST Item").map { $0["customSku"] } == ["2000"])
        #expect(writer.calls.contains("GET Item?customSku=1000"))
        #expect(try ApplyJournal(path: ApplyLog.journalPath(in: folder.url.path), clock: clock)
            .finished(.init(entity: "products", key: "1000", operation: "create")) == .init(result: "found", targetId: "41", reason: "found in the target after an interrupted run"))
    }
}
