@testable import Pipelines
import PosBridgeCore
import Testing

@Suite struct DefaultStockMappingTests {
    private let locations = "tables: { locations: { MAIN: \"1\", EAST: \"2\" } }\n"

    @Test func availableIsInventoryLessReservations() throws {
        let pipeline = try PipelineTestSupport.stock(locations)
        let desired = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcStock("1000\u{1F}RED-M", "MAIN", inventory: 10, reserved: 3), pipeline))
        #expect(desired.key == "1000\u{1F}RED-M\u{1F}MAIN")
        // As Lightspeed's snapshot reads the quantity posbridge writes: inventory = available, reserved 0.
        #expect(desired.fields == ["sku": "1000\u{1F}RED-M", "location": "MAIN", "inventory": 7, "reserved": 0, "available": 7])
        let oversold = try #require(PipelineTestSupport.mapped(PipelineTestSupport.bcStock("1000", "EAST", inventory: 1, reserved: 4), pipeline))
        #expect(oversold.fields["available"] == 0, "never below 0")
    }

    @Test func theFormulaIsASetting() throws {
        let record = PipelineTestSupport.bcStock("1000", "MAIN", inventory: 10, reserved: 3)
        let inventory = try PipelineTestSupport.stock(locations + "settings: { formula: inventory }\n")
        #expect(PipelineTestSupport.mapped(record, inventory)?.fields["available"] == 10)
        let safety = try PipelineTestSupport.stock(locations + "settings: { formula: minus-safety-stock, safetyStock: 2 }\n")
        #expect(PipelineTestSupport.mapped(record, safety)?.fields["available"] == 5)
    }

    @Test func aLocationWithoutAShopIsSkippedWithAWarningByDefault() throws {
        let outcome = MappingEngine(pipeline: try PipelineTestSupport.stock(locations))
            .map(PipelineTestSupport.bcStock("1000", "WEB", inventory: 5, reserved: 0), source: "bc.stock.ndjson:3")
        #expect(outcome == .skipped(reason: "location \"WEB\" has no shop in table locations: its stock is not written"))
    }

    @Test func aLocationWithoutAShopIsRejectedWithTheReasonWhenSoSet() throws {
        let outcome = MappingEngine(pipeline: try PipelineTestSupport.stock(locations + "settings: { unmappedLocations: reject }\n"))
            .map(PipelineTestSupport.bcStock("1000", "WEB", inventory: 5, reserved: 0), source: "bc.stock.ndjson:3")
        #expect(outcome == .rejected(TranslationReject(source: "bc.stock.ndjson:3", key: "1000\u{1F}WEB", field: "location",
                                                      reason: "\"WEB\" has no entry in table locations")))
    }

    @Test func itemsThatAreNotStockManagedAreSkipped() throws {
        let pipeline = try PipelineTestSupport.stock(locations + "settings: { stockManaged: { not: { field: sku, startsWith: SRV- } } }\n")
        let engine = MappingEngine(pipeline: pipeline)
        #expect(engine.map(PipelineTestSupport.bcStock("SRV-0001", "MAIN", inventory: 1, reserved: 0), source: "t") == .skipped(reason: "not stock-managed"))
        guard case .mapped = engine.map(PipelineTestSupport.bcStock("1000", "MAIN", inventory: 1, reserved: 0), source: "t") else {
            Issue.record("a stock-managed item was not mapped"); return
        }
    }

    @Test func safetyStockWithAnotherFormulaIsAProblem() {
        let problems = PipelineTestSupport.problems("flow: stock\nsource: bc\ntarget: lightspeed\nsettings: { safetyStock: 2 }\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("minus-safety-stock") == true)
    }
}
