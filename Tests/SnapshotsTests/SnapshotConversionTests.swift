import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct SnapshotConversionTests {
    private func canonical(_ workspace: TempWorkspace) throws -> String {
        let input = try workspace.write("in.jsonl", "{\"sku\":\"b\",\"n\":1}\n{\"sku\":\"a\",\"n\":2}\n")
        _ = try Canonicalizer(keyFields: ["sku"]).run(
            input: input, output: workspace.path("p.ndjson"), rejects: RejectsFile(path: workspace.path("r.ndjson"), stage: "canonicalize"),
            description: .init(entity: "products", system: "bc", source: "t", keyFields: ["sku"], createdAt: "2026-01-01T00:00:00Z"))
        return workspace.path("p.ndjson")
    }

    @Test func keyFieldsSurviveTheRoundTripAndOptionsOverrideEntityAndSystem() throws {
        let workspace = try TempWorkspace()
        let ndjson = try canonical(workspace)
        try SnapshotConversion.toXML(input: ndjson, output: workspace.path("p.xml"), entity: nil, system: nil, createdAt: "2026-01-02T00:00:00Z")
        let xmlManifest = try #require(try SnapshotManifest.read(besides: workspace.path("p.xml")))
        #expect(xmlManifest.keyFields == ["sku"] && xmlManifest.recordCount == 2 && xmlManifest.fields == ["n", "sku"])
        #expect(xmlManifest.bytes == (try workspace.read("p.xml")).count)

        let back = try SnapshotConversion.toNDJSON(input: workspace.path("p.xml"), output: workspace.path("back.ndjson"), createdAt: "")
        #expect(back.keyFields == ["sku"] && back.entity == "products" && back.system == "bc")
        #expect(try workspace.read("back.ndjson") == workspace.read("p.ndjson"))

        let renamed = try SnapshotConversion.toNDJSON(input: workspace.path("p.xml"), output: workspace.path("other.ndjson"),
                                                      entity: "items", system: "lightspeed", createdAt: "")
        #expect(renamed.entity == "items" && renamed.system == "lightspeed")
    }

    @Test func errorsNameTheOutputNotItsTemporaryFile() throws {
        let workspace = try TempWorkspace()
        let ndjson = try canonical(workspace)
        let output = workspace.path("p.xml")
        #expect {
            try SnapshotConversion.toXML(input: ndjson, output: output, entity: String(repeating: "e", count: 1_000_001), system: nil)
        } throws: { error in
            let message = (error as? SnapshotError)?.message ?? ""
            return message.hasPrefix("\(output): ") && !message.contains(".partial-")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.url.path)
        #expect(!left.contains { $0.contains(".partial-") })
    }

    @Test func anUnsortedInputIsNotToldToPassAnOptionConvertLacks() throws {
        let workspace = try TempWorkspace()
        let input = try workspace.write("u.ndjson", #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        #expect {
            try SnapshotConversion.toXML(input: input, output: workspace.path("u.xml"), entity: nil, system: nil)
        } throws: { error in
            let message = (error as? SnapshotError)?.message ?? ""
            return message.contains("sorts before the key on line 1") && !message.contains("--sort") && message.contains("posbridge snapshot sort")
        }
    }
}
