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
        let filler = String(repeating: "a product name that makes the line longer ", count: 8)
        for index in 0..<30_000 {
            let key = String(format: "K%06d", (index * 7_919) % 30_000)
            lines.append(#"{"key":"\#(key)","ref":{},"fields":{"name":"\#(filler)","n":\#(index)}}"#)
        }
        try workspace.write("in.ndjson", lines.joined(separator: "\n") + "\n")
        let small = try CommandRunner.posbridge(["snapshot", "sort", "in.ndjson", "small.ndjson", "--max-memory", "56MB", "--json"], cwd: workspace.url)
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
        #expect(missing.stdout.hasPrefix("/nonexistent/x.ndjson: cannot open"), "\(missing.stdout)")
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

    @Test func absurdBudgetsAreUsageErrorsAndLargeOnesTakeOnlyWhatTheDataNeeds() throws {
        let workspace = try TempWorkspace("cli")
        try workspace.write("in.ndjson", #"{"key":"c","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n" + #"{"key":"b","ref":{},"fields":{}}"# + "\n")
        let overflow = try CommandRunner.posbridge(["snapshot", "sort", "in.ndjson", "out.ndjson", "--max-memory", "99999999999G"], cwd: workspace.url)
        #expect(overflow.status == 64, "\(overflow.stderr)")
        #expect(overflow.stderr.contains("--max-memory 99999999999G is more than the largest budget posbridge takes (1TB)"), "\(overflow.stderr)")
        let tiny = try CommandRunner.posbridge(["diff", "in.ndjson", "in.ndjson", "--out", "d", "--max-memory", "1MB"], cwd: workspace.url)
        #expect(tiny.status == 64 && tiny.stderr.contains("1MB is less than the 56MB posbridge needs"), "\(tiny.stderr)")
        for command in [["snapshot", "sort", "in.ndjson", "out.ndjson"], ["snapshot", "canonicalize", "in.ndjson", "c.ndjson", "--key", "key"],
                        ["diff", "in.ndjson", "out.ndjson", "--out", "d", "--sort"]] {
            let huge = try PeakMemory.posbridge(command.map { $0.hasSuffix(".ndjson") || $0 == "d" ? workspace.path($0) : $0 } + ["--max-memory", "100G"])
            #expect(huge.status == 0, "\(command): \(huge.stderr)")
            #expect(huge.peakBytes < 56 << 20, "\(command): \(huge.peakBytes)")
        }
    }

    @Test func helpShowsTheDefaultBudgetAsASize() throws {
        for command in [["snapshot", "sort"], ["snapshot", "canonicalize"], ["diff"]] {
            let help = try CommandRunner.posbridge(command + ["--help"])
            // Help text wraps: compare with the line breaks and indentation taken out.
            let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("(default: 256MB)"), "\(help.stdout)")
            #expect(!help.stdout.contains("ByteCount"))
        }
    }

    @Test func aSortStaysWithinItsBudget() throws {
        // 100 lines of 300 KB in a shuffled order: 30 MB, more than a 56 MB budget leaves for data.
        // The sort used to hold all of it (66 MB peak); now it spills at its share of the budget.
        let workspace = try TempWorkspace("cli")
        let text = String(repeating: "q", count: 300 << 10)
        let lines = (0..<100).map { (($0 * 37) % 100) }.map { #"{"key":"W\#(String(format: "%04d", $0))","ref":{},"fields":{"text":"\#(text)"}}"# }
        try workspace.write("wide.ndjson", lines.joined(separator: "\n") + "\n")
        let sort = try PeakMemory.posbridge(["snapshot", "sort", workspace.path("wide.ndjson"), workspace.path("sorted.ndjson"), "--max-memory", "56MB"])
        #expect(sort.status == 0, "\(sort.stderr)")
        #expect(sort.peakBytes <= 56 << 20, "peak \(sort.peakBytes >> 20) MiB")
        let validate = try CommandRunner.posbridge(["snapshot", "validate", "sorted.ndjson"], cwd: workspace.url)
        #expect(validate.status == 0 && validate.stdout.contains("100 records, valid"), "\(validate.stdout)")
    }

    @Test func aLineThatCannotFitIsRefusedNamingFileAndLineWithinTheBudget() throws {
        // One line of 20 MB: sort and canonicalize used to peak at 95 MB and more.
        let workspace = try TempWorkspace("cli")
        let long = String(repeating: "x", count: 20 << 20)
        try workspace.write("long.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n" + #"{"key":"b","ref":{},"fields":{"t":"\#(long)"}}"# + "\n")
        try workspace.write("long.jsonl", #"{"sku":"a"}"# + "\n" + #"{"sku":"b","t":"\#(long)"}"# + "\n")
        for command in [["snapshot", "sort", "long.ndjson", "out.ndjson"], ["snapshot", "canonicalize", "long.jsonl", "c.ndjson", "--key", "sku"]] {
            let run = try PeakMemory.posbridge(command.map { $0.contains(".") ? workspace.path($0) : $0 } + ["--max-memory", "56MB"])
            let input = workspace.path(command[2])
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(run.stderr.hasPrefix("posbridge: error [snapshot.line-too-long]: \(input):2: line longer than 1MB"), "\(run.stderr)")
            #expect(run.stderr.contains("raise --max-memory"))
            #expect(run.peakBytes <= 56 << 20, "\(command): peak \(run.peakBytes >> 20) MiB")
        }
    }

    @Test func outputsThatWouldDestroyAnInputOrEachOtherAreRefused() throws {
        let workspace = try TempWorkspace("cli")
        let text = "{\"sku\":\"a\"}\n{broken\n"
        try workspace.write("in.jsonl", text)
        for rejects in ["in.jsonl", "out.ndjson", "out.ndjson.manifest.json", "./in.jsonl"] {
            let result = try CommandRunner.posbridge(["snapshot", "canonicalize", "in.jsonl", "out.ndjson", "--key", "sku", "--rejects", rejects], cwd: workspace.url)
            #expect(result.status == 64, "\(rejects): \(result.stderr)")
            #expect(result.stderr.contains("choose another output path") || result.stderr.contains("give each output its own path"), "\(result.stderr)")
        }
        #expect(try workspace.readText("in.jsonl") == text)
        #expect(!workspace.exists("out.ndjson"))
        _ = try CommandRunner.posbridge(["snapshot", "canonicalize", "in.jsonl", "a.ndjson", "--key", "sku"], cwd: workspace.url)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link.ndjson"), withDestinationPath: "a.ndjson")
        for command in [["snapshot", "sort", "a.ndjson", "link.ndjson"], ["snapshot", "convert", "a.ndjson", "a.ndjson", "--to", "xml"],
                        ["snapshot", "sort", "a.ndjson", "a.ndjson.manifest.json"]] {
            let result = try CommandRunner.posbridge(command, cwd: workspace.url)
            #expect(result.status == 64, "\(command): \(result.stderr)")
        }
        #expect(try workspace.readText("a.ndjson").hasPrefix(#"{"key":"a""#))
    }

    @Test func validateChecksEveryFilePastOneItCannotRead() throws {
        let workspace = try TempWorkspace("cli")
        try workspace.write("a.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        try workspace.write("b.ndjson", #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        try FileManager.default.createDirectory(atPath: workspace.path("dir"), withIntermediateDirectories: true)
        let text = try CommandRunner.posbridge(["snapshot", "validate", "a.ndjson", "dir", "b.ndjson"], cwd: workspace.url)
        #expect(text.status == 1)
        #expect(text.stdout.contains("dir: is a folder, not a snapshot file"), "\(text.stdout)")
        #expect(text.stdout.contains("b.ndjson:2: key \"a\" sorts before the key on line 1"), "\(text.stdout)")
        let json = try CommandRunner.posbridge(["snapshot", "validate", "a.ndjson", "dir", "b.ndjson", "--json"], cwd: workspace.url)
        #expect(json.status == 1)
        let files = try JSONParser.parse(bytes: Array(json.stdout.utf8)).objectValue?["files"]
        guard case .array(let reports)? = files else { Issue.record("no files in \(json.stdout)"); return }
        #expect(reports.map { $0.objectValue?["valid"] } == [true, false, false])
    }

    @Test func aKilledSortLeavesRunFilesTheNextSortRemoves() throws {
        let workspace = try TempWorkspace("cli")
        #expect(mkfifo(workspace.path("in.ndjson"), 0o600) == 0)
        let process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge")
        process.arguments = ["snapshot", "sort", "in.ndjson", "out.ndjson", "--max-memory", "56MB"]
        process.currentDirectoryURL = workspace.url
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Feed the sort more than its share of the budget through the pipe and keep the pipe open, so
        // it has spilled runs and is still waiting for input when it is killed.
        let pipe = try #require(FileHandle(forWritingAtPath: workspace.path("in.ndjson")))
        let text = String(repeating: "r", count: 100 << 10)
        for index in 0..<120 {
            pipe.write(Data((#"{"key":"K\#(String(format: "%04d", (index * 7) % 120))","ref":{},"fields":{"t":"\#(text)"}}"# + "\n").utf8))
        }
        func runs() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: workspace.url.path)) ?? []).filter { $0.hasSuffix(".run") } }
        let deadline = Date().addingTimeInterval(60)
        while runs().isEmpty, Date() < deadline { usleep(20_000) }
        #expect(!runs().isEmpty, "the sort never spilled")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? pipe.close()
        #expect(!runs().isEmpty, "a killed sort leaves its runs")
        try FileManager.default.removeItem(atPath: workspace.path("in.ndjson"))
        try workspace.write("in.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        let next = try CommandRunner.posbridge(["snapshot", "sort", "in.ndjson", "out.ndjson"], cwd: workspace.url)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(runs().isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.url.path).sorted()
        #expect(left == ["in.ndjson", "out.ndjson", "out.ndjson.manifest.json"])
    }

    @Test func aKilledConvertLeavesAPartialTheNextConvertRemoves() throws {
        let workspace = try TempWorkspace("cli")
        #expect(mkfifo(workspace.path("in.xml"), 0o600) == 0)
        let process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge")
        process.arguments = ["snapshot", "convert", "in.xml", "out.ndjson", "--to", "ndjson"]
        process.currentDirectoryURL = workspace.url
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pipe = try #require(FileHandle(forWritingAtPath: workspace.path("in.xml")))
        pipe.write(Data(#"<?xml version="1.0" encoding="UTF-8"?><snapshot xmlns="urn:posbridge:snapshot:1" entity="e" system="s">"#.utf8))
        pipe.write(Data(String(repeating: #"<record key="k"><fields/></record>"#, count: 1).utf8) + Data(repeating: 0x20, count: 1 << 16))
        func partials() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: workspace.url.path)) ?? []).filter { $0.contains(".partial-") } }
        let deadline = Date().addingTimeInterval(60)
        while partials().isEmpty, Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? pipe.close()
        #expect(partials().count == 1, "a killed convert leaves its partial")
        try FileManager.default.removeItem(atPath: workspace.path("in.xml"))
        try workspace.write("in.xml", #"<?xml version="1.0" encoding="UTF-8"?><snapshot xmlns="urn:posbridge:snapshot:1" entity="e" system="s"></snapshot>"# + "\n")
        let next = try CommandRunner.posbridge(["snapshot", "convert", "in.xml", "out.ndjson", "--to", "ndjson"], cwd: workspace.url)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(partials().isEmpty, "\(partials())")
    }
}
