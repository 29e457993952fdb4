import Foundation
@testable import Pipelines
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct MapStageTests {
    private func write(_ records: [SnapshotRecord], to path: String, in workspace: TempWorkspace) throws -> String {
        let text = records.map { String(decoding: SnapshotLine.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
        return try workspace.write(path, text)
    }

    @Test func aLocationWithoutAShopIsOneWarningWithItsCount() throws {
        let workspace = try TempWorkspace("map")
        let source = try write([
            PipelineTestSupport.bcStock("1000", "WEB", inventory: 9, reserved: 0),
            PipelineTestSupport.bcStock("2000", "WEB", inventory: 1, reserved: 0),
            PipelineTestSupport.bcStock("2000", "MAIN", inventory: 4, reserved: 1),
        ], to: "snapshots/bc.stock.ndjson", in: workspace)
        let pipeline = try PipelineTestSupport.stock("tables: { locations: { MAIN: \"1\" } }\n")
        let result = try MapStage(pipeline: pipeline).run(source: source, folder: workspace.path("run"), createdAt: "2026-11-29T01:00:00Z")
        #expect(result.mapped == 1 && result.skipped == 2 && result.rejected == 0)
        #expect(result.warnings == ["location \"WEB\" has no shop in table locations: its stock is not written (2 records)"])
        let lines = try workspace.readText("run/warnings.map.stock.ndjson").split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(#""stage":"map""#) && lines[0].contains("(2 records)"))
    }

    @Test func mapsASnapshotIntoSortedDesiredRecordsAndRejects() throws {
        let workspace = try TempWorkspace("map")
        let source = try write([
            PipelineTestSupport.bcStock("2000", "MAIN", inventory: 4, reserved: 1),
            PipelineTestSupport.bcStock("1000", "WEB", inventory: 9, reserved: 0),
            PipelineTestSupport.bcStock("1000", "EAST", inventory: 2, reserved: 0),
            PipelineTestSupport.bcStock("SRV-1", "MAIN", inventory: 0, reserved: 0),
        ], to: "snapshots/bc.stock.ndjson", in: workspace)
        let pipeline = try PipelineTestSupport.stock("""
            tables: { locations: { MAIN: "1", EAST: "2" } }
            settings: { stockManaged: { not: { field: sku, startsWith: SRV- } }, unmappedLocations: reject }
            """)
        let result = try MapStage(pipeline: pipeline).run(source: source, folder: workspace.path("run"), createdAt: "2026-11-29T01:00:00Z")
        #expect(result.read == 4)
        #expect(result.mapped == 2)
        #expect(result.skipped == 1)
        #expect(result.rejected == 1)
        #expect(result.desiredFile == workspace.path("run/desired.stock.ndjson"))
        let lines = try workspace.readText("run/desired.stock.ndjson").split(separator: "\n").map(String.init)
        #expect(lines == [
            #"{"key":"1000\u001fEAST","ref":{},"fields":{"available":2,"inventory":2,"location":"EAST","reserved":0,"sku":"1000"}}"#,
            #"{"key":"2000\u001fMAIN","ref":{},"fields":{"available":3,"inventory":3,"location":"MAIN","reserved":0,"sku":"2000"}}"#,
        ])
        let manifest = try #require(try SnapshotManifest.read(besides: result.desiredFile))
        #expect(manifest.recordCount == 2 && manifest.entity == "stock" && manifest.system == "desired")
        #expect(manifest.keyFields == ["sku", "location"])
        let reject = try JSONParser.parse(bytes: workspace.read("run/rejects.map.stock.ndjson").split(separator: 0x0A).first.map(Array.init) ?? []).objectValue
        #expect(reject?["stage"] == "map")
        #expect(reject?["key"] == "1000\u{1F}WEB")
        #expect(reject?["field"] == "location")
        #expect(reject?["source"] == "bc.stock.ndjson:2")
        #expect(try SnapshotValidator.validate(path: result.desiredFile).isValid)
    }

    @Test func theDesiredProductsOfARealBCSnapshotAreValidAndKeyed() throws {
        // The BC connector's own expected output for the fixture company, through the shipped pipeline.
        let source = CommandRunner.packageRoot.appendingPathComponent("fixtures/bc/expected/bc.products.ndjson").path
        let workspace = try TempWorkspace("map")
        let pipeline = try PipelineLoader().load(path: CommandRunner.packageRoot.appendingPathComponent("pipelines/products.yaml").path).effective
        let result = try MapStage(pipeline: pipeline).run(source: source, folder: workspace.path("run"), createdAt: "2026-11-29T01:00:00Z")
        let lines = try String(contentsOfFile: source, encoding: .utf8).split(separator: "\n")
        let takingPart = lines.filter { $0.contains(#""takesPart":true"#) }.count
        #expect(result.read == lines.count)
        #expect(result.rejected == 0, "variants, services and blocked items all map")
        #expect(result.mapped == takingPart)
        #expect(result.skipped == lines.count - takingPart)
        #expect(try SnapshotValidator.validate(path: result.desiredFile).isValid)
        let first = try #require(try workspace.readText("run/desired.products.ndjson").split(separator: "\n").first)
        let fields = try #require(try JSONParser.parse(bytes: Array(first.utf8)).objectValue?["fields"]?.objectValue)
        #expect(fields["categoryCode"]?.stringValue?.contains("/") == true, "a Lightspeed category path")
        #expect(fields["unitOfMeasure"] == .null)
    }

    @Test func anUnreadableSourceIsAnError() throws {
        let workspace = try TempWorkspace("map")
        let pipeline = try PipelineTestSupport.stock()
        #expect(throws: PipelineError.self) {
            try MapStage(pipeline: pipeline).run(source: workspace.path("absent.ndjson"), folder: workspace.path("run"), createdAt: "x")
        }
    }
}
