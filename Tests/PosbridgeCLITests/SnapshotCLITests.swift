import Foundation
import PosBridgeCore
import TestSupport
import Testing

@Suite struct SnapshotCLITests {
    @Test func canonicalizeWithRejectsExitsWithThree() throws {
        let workspace = try TempWorkspace("cli")
        try workspace.write("in.jsonl", "{\"sku\":\"a\"}\n{broken\n{\"sku\":\"b\"}\n")
        let result = try CommandRunner.posbridge(["snapshot", "canonicalize", "in.jsonl", "out.ndjson", "--key", "sku", "--json"], cwd: workspace.url)
        #expect(result.status == 3)
        let summary = try JSONParser.parse(bytes: Array(result.stdout.utf8)).objectValue!
        #expect(summary["records"] == 2 && summary["rejected"] == 1)
        #expect(summary["rejects"] == "out.ndjson.rejects.ndjson")
        #expect(try workspace.readText("out.ndjson.rejects.ndjson").contains(#""line":2"#))
    }

    @Test func sortWithASmallBudgetMatchesTheInMemorySort() throws {
        let workspace = try TempWorkspace("cli")
        var lines: [String] = []
        for index in 0..<30_000 {
            let key = String(format: "K%06d", (index * 7_919) % 30_000)
            lines.append(#"{"key":"\#(key)","ref":{},"fields":{"name":"a product name that makes the line longer","n":\#(index)}}"#)
        }
        try workspace.write("in.ndjson", lines.joined(separator: "\n") + "\n")
        let small = try CommandRunner.posbridge(["snapshot", "sort", "in.ndjson", "small.ndjson", "--max-memory", "1MB", "--json"], cwd: workspace.url)
        let large = try CommandRunner.posbridge(["snapshot", "sort", "in.ndjson", "large.ndjson"], cwd: workspace.url)
        #expect(small.status == 0 && large.status == 0, "\(small.stderr) \(large.stderr)")
        #expect(small.stdout.contains(#""spilled":true"#))
        #expect(try workspace.read("small.ndjson") == workspace.read("large.ndjson"))
        let validate = try CommandRunner.posbridge(["snapshot", "validate", "small.ndjson"], cwd: workspace.url)
        #expect(validate.status == 0 && validate.stdout.contains("30000 records, valid, manifest checked"), "\(validate.stdout)")
    }

    @Test func validateListsProblemsAndExitsWithOne() throws {
        let workspace = try TempWorkspace("cli")
        try workspace.write("bad.ndjson", #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"#)
        let result = try CommandRunner.posbridge(["snapshot", "validate", "bad.ndjson"], cwd: workspace.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("bad.ndjson:2: key \"a\" sorts before the key on line 1"))
        #expect(result.stdout.contains("no line feed"))
        #expect(result.stdout.contains("2 problems"))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let result = try CommandRunner.posbridge(["snapshot", "sort", "a", "b", "--max-memory", "lots"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--max-memory"))
        let missing = try CommandRunner.posbridge(["snapshot", "validate", "/nonexistent/x.ndjson"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("posbridge: error [snapshot.io]: /nonexistent/x.ndjson: cannot open"))
    }

    @Test func convertToXMLAndBackIsByteIdentical() throws {
        let workspace = try TempWorkspace("cli")
        let input = CommandRunner.packageRoot.appendingPathComponent("fixtures/products/products-before.jsonl").path
        _ = try CommandRunner.posbridge(["snapshot", "canonicalize", input, "p.ndjson", "--key", "sku", "--ref", "bcId", "--entity", "products", "--system", "bc"], cwd: workspace.url)
        let toXML = try CommandRunner.posbridge(["snapshot", "convert", "p.ndjson", "p.xml", "--to", "xml"], cwd: workspace.url)
        #expect(toXML.status == 0, "\(toXML.stderr)")
        #expect(try workspace.readText("p.xml").contains(#"<snapshot xmlns="urn:posbridge:snapshot:1" entity="products" system="bc">"#))
        let back = try CommandRunner.posbridge(["snapshot", "convert", "p.xml", "back.ndjson", "--to", "ndjson"], cwd: workspace.url)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try workspace.read("back.ndjson") == workspace.read("p.ndjson"))
        let validate = try CommandRunner.posbridge(["snapshot", "validate", "p.xml", "back.ndjson"], cwd: workspace.url)
        #expect(validate.status == 0 && validate.stdout.contains("p.xml: 300 records, valid"), "\(validate.stdout)")
        try workspace.write("bad.xml", try workspace.readText("p.xml").replacingOccurrences(of: "<number name=\"price\">", with: "<number name=\"price\">x"))
        let invalid = try CommandRunner.posbridge(["snapshot", "validate", "bad.xml"], cwd: workspace.url)
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("bad.xml:"))
    }

    @Test func aFixedClockMakesManifestsReproducible() throws {
        let workspace = try TempWorkspace("cli")
        try workspace.write("in.jsonl", "{\"sku\":\"a\"}\n")
        let result = try CommandRunner.posbridge(["snapshot", "canonicalize", "in.jsonl", "out.ndjson", "--key", "sku"],
                                                 cwd: workspace.url, extraEnvironment: ["POSBRIDGE_FIXED_TIME": "2026-11-18T08:26:40Z"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try workspace.readText("out.ndjson.manifest.json").contains(#""createdAt":"2026-11-18T08:26:40Z""#))
    }
}
