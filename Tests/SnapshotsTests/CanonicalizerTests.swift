import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct CanonicalizerTests {
    private let description = SnapshotOutput.Description(entity: "products", system: "file", source: "test", keyFields: ["sku"], createdAt: "2026-11-29T00:00:00Z")

    private func run(_ workspace: TempWorkspace, _ input: String, key: [String] = ["sku"], ref: [String] = []) throws -> Canonicalizer.Result {
        let rejects = RejectsFile(path: workspace.path("rejects.ndjson"), stage: "canonicalize")
        return try Canonicalizer(keyFields: key, refFields: ref)
            .run(input: input, output: workspace.path("out.ndjson"), rejects: rejects, description: description)
    }

    @Test func jsonLinesBecomeASortedCanonicalSnapshot() throws {
        let workspace = try TempWorkspace()
        let input = try workspace.write("in.jsonl", """
            {"sku":"B-2","price":19.90,"name":"Cafe\\u0301","bcId":"g-2"}

            {"name":"Äpfel","sku":"A-1","price":1e1,"bcId":"g-1"}
            """)
        let result = try run(workspace, input, ref: ["bcId"])
        #expect(result.rejected == 0)
        #expect(try workspace.readText("out.ndjson") == """
            {"key":"A-1","ref":{"bcId":"g-1"},"fields":{"name":"Äpfel","price":10,"sku":"A-1"}}
            {"key":"B-2","ref":{"bcId":"g-2"},"fields":{"name":"Café","price":19.9,"sku":"B-2"}}

            """)
        #expect(!workspace.exists("rejects.ndjson"))
        let manifest = try #require(try SnapshotManifest.read(besides: workspace.path("out.ndjson")))
        #expect(manifest.recordCount == 2 && manifest.fields == ["name", "price", "sku"] && manifest.keyFields == ["sku"])
    }

    @Test func aJSONArrayWithBOMAndCRLFIsReadToo() throws {
        let workspace = try TempWorkspace()
        let input = try workspace.write("in.json", "\u{FEFF}[\r\n {\"sku\":\"b\",\"v\":[1,{\"x\":\"]\"}]},\r\n {\"sku\":\"a\"}\r\n]\r\n")
        _ = try run(workspace, input)
        #expect(try workspace.readText("out.ndjson") == """
            {"key":"a","ref":{},"fields":{"sku":"a"}}
            {"key":"b","ref":{},"fields":{"sku":"b","v":[1,{"x":"]"}]}}

            """)
    }

    @Test func compositeKeysJoinPartsWithUnitSeparator() throws {
        let workspace = try TempWorkspace()
        let input = try workspace.write("in.jsonl", """
            {"sku":"A","shop":2,"qty":1}
            {"sku":"A","shop":10,"qty":1}
            {"sku":"AB","shop":1,"qty":1}
            """)
        _ = try run(workspace, input, key: ["sku", "shop"])
        let keys = try workspace.readText("out.ndjson").split(separator: "\n").map { try SnapshotLine.decode(Array($0.utf8)).key }
        // Part by part: "A" before "AB", whatever follows the separator.
        #expect(keys == ["A\u{1F}10", "A\u{1F}2", "AB\u{1F}1"])
    }

    @Test func badRecordsAreRejectedAndGoodOnesGoThrough() throws {
        let workspace = try TempWorkspace()
        var bytes = Array("""
            {"sku":"ok-1"}
            {"sku":
            [1]
            {"name":"no key"}
            {"sku":null}
            {"sku":["a"]}
            {"sku":""}

            """.utf8)
        bytes += Array(#"{"sku":"bad"#.utf8) + [0xFF] + Array("\"}\n".utf8)
        bytes += Array(#"{"sku":"ok-2"}"#.utf8) + [0x0A]
        let input = try workspace.write("in.jsonl", bytes)
        let result = try run(workspace, input)
        #expect(result.manifest.recordCount == 2)
        #expect(result.rejected == 7)
        let rejects = try workspace.readText("rejects.ndjson").split(separator: "\n").map { try JSONParser.parse(bytes: Array($0.utf8)).objectValue! }
        #expect(rejects.map { $0["line"] } == (2...8).map { .number(CanonicalNumber($0)) })
        #expect(rejects[0]["reason"]?.stringValue?.hasPrefix("invalid JSON") == true)
        #expect(rejects[2]["reason"] == .string("key field \"sku\" is missing"))
        #expect(rejects[4]["reason"] == .string("key field \"sku\" must be a string or number, found array"))
        #expect(rejects[6]["rawBase64"] != nil)  // invalid UTF-8 kept byte for byte
        #expect(rejects[1]["raw"] == .string("[1]"))
    }

    @Test func duplicateKeysFailTheWholeSnapshot() throws {
        let workspace = try TempWorkspace()
        let input = try workspace.write("in.jsonl", "{\"sku\":\"a\",\"v\":1}\n{\"sku\":\"b\"}\n{\"sku\":\"a\",\"v\":2}\n")
        #expect {
            _ = try run(workspace, input)
        } throws: { ($0 as? SnapshotError)?.kind == .duplicateKeys }
        #expect(!workspace.exists("out.ndjson"))
    }
}
