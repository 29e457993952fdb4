import Foundation
@testable import Pipelines
import PosBridgeCore
import TestSupport
import Testing

@Suite struct StockApplyTests {
    @Test func changedQuantitiesGoOutPerItemAndAnUnknownSkuIsAWarning() async throws {
        let pipeline = try PipelineTestSupport.stock("tables: { locations: { MAIN: \"1\", EAST: \"2\" } }\n")
        let records = [
            PipelineTestSupport.bcStock("1000", "MAIN", inventory: 5, reserved: 1),
            PipelineTestSupport.bcStock("1000", "EAST", inventory: 3, reserved: 0),
            PipelineTestSupport.bcStock("9999", "MAIN", inventory: 2, reserved: 0),
        ].compactMap { PipelineTestSupport.mapped($0, pipeline) }
        let desired = Dictionary(uniqueKeysWithValues: records.map { ($0.key, $0) })
        let target = [
            "1000\u{1F}MAIN": SnapshotRecord(key: "1000\u{1F}MAIN", ref: ["lsItemID": "7", "lsShopID": "1", "lsItemShopID": "71"],
                                             fields: ["sku": "1000", "location": "MAIN"]),
        ]
        let diff = [
            DiffEntry(key: "1000\u{1F}EAST", operation: .create),
            DiffEntry(key: "1000\u{1F}MAIN", operation: .update, ref: ["lsItemID": "7", "lsShopID": "1", "lsItemShopID": "71"],
                      changedFields: ["available", "inventory"]),
            DiffEntry(key: "9999\u{1F}MAIN", operation: .create),
        ]
        let folder = try TempWorkspace("stock")
        let log = try ApplyLog(entity: "stock", folder: folder.url.path, runId: "r1", store: nil, clock: { Date() })
        let writer = FakeLightspeedWriter()
        try await StockApply(pipeline: pipeline, writer: writer, log: log).run(diff: diff, desired: desired, target: target, unchanged: 4)
        #expect(writer.calls == ["PUT Item/7 stock 2=3,1=4"])
        #expect(log.counts.updated == 2 && log.counts.unchanged == 4 && log.counts.warnings == 1)
        #expect(log.warnings.map(\.message) == ["SKU 9999 is not in Lightspeed: its stock is not written"])
        #expect(try folder.readText("warnings.apply.stock.ndjson").contains("\"key\":\"9999\""))
    }
}
