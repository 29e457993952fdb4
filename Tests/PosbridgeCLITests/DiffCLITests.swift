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

    @Test func aFailedDiffLeavesNoEarlierResultBehind() throws {
        let workspace = try TempWorkspace("cli")
        try canonicalizeFixtures(in: workspace)
        let first = try CommandRunner.posbridge(["diff", "before.ndjson", "after.ndjson", "--out", "out"], cwd: workspace.url)
        #expect(first.status == 0 && workspace.exists("out/diff.ndjson") && workspace.exists("out/summary.json"))
        try workspace.write("bad.ndjson", #"{"key":"a","ref":{},"fields":{"p":NaN}}"# + "\n")
        let failed = try CommandRunner.posbridge(["diff", "bad.ndjson", "bad.ndjson", "--out", "out"], cwd: workspace.url)
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("posbridge: error [snapshot.malformed-line]: bad.ndjson:1:"), "\(failed.stderr)")
        #expect(!workspace.exists("out/diff.ndjson") && !workspace.exists("out/summary.json"))
    }

    @Test func anInputInsideTheOutputIsRefusedAndKept() throws {
        let workspace = try TempWorkspace("cli")
        try canonicalizeFixtures(in: workspace)
        _ = try CommandRunner.posbridge(["diff", "before.ndjson", "after.ndjson", "--out", "out"], cwd: workspace.url)
        let earlier = try workspace.read("out/summary.json")
        let refused = try CommandRunner.posbridge(["diff", "out/summary.json", "after.ndjson", "--out", "out"], cwd: workspace.url)
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("out/summary.json (the diff's summary) is the input out/summary.json (OLD)"), "\(refused.stderr)")
        #expect(try workspace.read("out/summary.json") == earlier)
    }

    @Test func aLongLineIsRefusedNamingFileAndLineWithinTheBudget() throws {
        // One 20 MB line: the diff used to peak at 112 MB with --max-memory 56MB.
        let workspace = try TempWorkspace("cli")
        let long = String(repeating: "x", count: 20 << 20)
        let path = try workspace.write("long.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n" + #"{"key":"b","ref":{},"fields":{"t":"\#(long)"}}"# + "\n")
        let run = try PeakMemory.posbridge(["diff", path, path, "--out", workspace.path("out"), "--max-memory", "56MB"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("posbridge: error [snapshot.line-too-long]: \(path):2: line longer than 1MB"), "\(run.stderr)")
        #expect(run.peakBytes <= 56 << 20, "peak \(run.peakBytes >> 20) MiB")
    }

    @Test func aKilledDiffLeavesAPartialTheNextDiffRemoves() throws {
        let workspace = try TempWorkspace("cli")
        try canonicalizeFixtures(in: workspace)
        #expect(mkfifo(workspace.path("fifo.ndjson"), 0o600) == 0)
        let process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge")
        process.arguments = ["diff", "fifo.ndjson", "after.ndjson", "--out", "out"]
        process.currentDirectoryURL = workspace.url
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pipe = try #require(FileHandle(forWritingAtPath: workspace.path("fifo.ndjson")))
        pipe.write(Data((#"{"key":"0","ref":{},"fields":{}}"# + "\n").utf8))
        func partials() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: workspace.path("out"))) ?? []).filter { $0.contains(".partial-") } }
        let deadline = Date().addingTimeInterval(60)
        while partials().isEmpty, Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? pipe.close()
        #expect(partials().count == 1, "a killed diff leaves its partial")
        let next = try CommandRunner.posbridge(["diff", "before.ndjson", "after.ndjson", "--out", "out"], cwd: workspace.url)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("out")).sorted() == ["diff.ndjson", "summary.json"])
    }
}
