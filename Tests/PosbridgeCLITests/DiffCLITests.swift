import Foundation
import PosBridgeCore
import TestSupport
import Testing

/// End to end: the built `posbridge` on the product fixtures, checked against golden files.
@Suite struct DiffCLITests {
    private func canonicalizeFixtures(in workspace: TempWorkspace) throws {
        for night in ["before", "after"] {
            let input = CommandRunner.packageRoot.appendingPathComponent("fixtures/products/products-\(night).jsonl").path
            let result = try CommandRunner.posbridge(
                ["snapshot", "canonicalize", input, "\(night).ndjson", "--key", "sku", "--ref", "bcId", "--entity", "products", "--system", "bc"],
                cwd: workspace.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("\(night).ndjson: 30"))
        }
    }

    @Test func fixturesDiffMatchesTheGoldenOutput() throws {
        let workspace = try TempWorkspace("cli")
        try canonicalizeFixtures(in: workspace)
        let validate = try CommandRunner.posbridge(["snapshot", "validate", "before.ndjson", "after.ndjson"], cwd: workspace.url)
        #expect(validate.status == 0, "\(validate.stdout)")
        let diff = try CommandRunner.posbridge(["diff", "before.ndjson", "after.ndjson", "--out", "out"], cwd: workspace.url)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.hasPrefix("3 created, 10 updated, 3 missing, 287 unchanged"))
        try GoldenFile.check(workspace.readText("out/diff.ndjson"), against: "fixtures/products/expected/diff.ndjson")
        try GoldenFile.check(workspace.readText("out/summary.json"), against: "fixtures/products/expected/summary.json")
    }

    @Test func agreesWithTheFixturesOwnExpectations() throws {
        // expected.json is written by the fixture generator independently of posbridge.
        let workspace = try TempWorkspace("cli")
        try canonicalizeFixtures(in: workspace)
        _ = try CommandRunner.posbridge(["diff", "before.ndjson", "after.ndjson", "--out", "out"], cwd: workspace.url)
        let expected = try JSONParser.parse(bytes: Data(contentsOf: CommandRunner.packageRoot.appendingPathComponent("fixtures/products/expected.json"))).objectValue!
        var byOp: [String: [String]] = [:]
        for line in try workspace.readText("out/diff.ndjson").split(separator: "\n") {
            let object = try JSONParser.parse(bytes: Array(line.utf8)).objectValue!
            byOp[object["op"]!.stringValue!, default: []].append(object["key"]!.stringValue!)
        }
        for (op, name) in [("create", "create"), ("update", "update"), ("missing", "missing")] {
            let keys = try #require(expected[name].flatMap { value -> [String]? in
                if case .array(let items) = value { return items.compactMap { $0.stringValue ?? $0.objectValue?["sku"]?.stringValue } }
                return nil
            }, "expected.json has no \(name) list")
            #expect(byOp[op, default: []].sorted() == keys.sorted(), "\(op)")
        }
    }

    @Test func rulesMakeCaseAndWhiteSpaceOnlyChangesEqual() throws {
        let workspace = try TempWorkspace("cli")
        try canonicalizeFixtures(in: workspace)
        try workspace.write("rules.json", #"{"fields":{"name":{"caseInsensitive":true},"description":{"whitespace":"collapse"}}}"#)
        let diff = try CommandRunner.posbridge(["diff", "before.ndjson", "after.ndjson", "--out", "out", "--rules", "rules.json", "--json"], cwd: workspace.url)
        #expect(diff.status == 0, "\(diff.stderr)")
        let summary = try JSONParser.parse(bytes: Array(diff.stdout.utf8)).objectValue!
        #expect(summary["counts"]?.objectValue?["update"] == 8)
        #expect(summary["counts"]?.objectValue?["unchanged"] == 289)
    }

    @Test func unsortedInputFailsWithExitOneUnlessSortIsGiven() throws {
        let workspace = try TempWorkspace("cli")
        try workspace.write("old.ndjson", #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        try workspace.write("new.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        let refused = try CommandRunner.posbridge(["diff", "old.ndjson", "new.ndjson", "--out", "out"], cwd: workspace.url)
        #expect(refused.status == 1)
        #expect(refused.stderr == "posbridge: error [snapshot.unsorted]: old.ndjson:2: key \"a\" sorts before the key on line 1; sort the input (posbridge snapshot sort) or pass --sort\n")
        let sorted = try CommandRunner.posbridge(["diff", "old.ndjson", "new.ndjson", "--out", "out", "--sort"], cwd: workspace.url)
        #expect(sorted.status == 0, "\(sorted.stderr)")
        #expect(sorted.stdout.hasPrefix("0 created, 0 updated, 1 missing, 1 unchanged"))
    }
}
