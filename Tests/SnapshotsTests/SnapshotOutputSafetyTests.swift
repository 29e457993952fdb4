import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

/// Budgets, output paths and the leftovers of killed writers.
@Suite struct SnapshotOutputSafetyTests {
    private let description = SnapshotOutput.Description(entity: "", system: "", source: "t", keyFields: [], createdAt: "")

    @Test func budgetsAreParsedWithoutOverflowAndAbsurdOnesAreExplained() {
        #expect(ByteSize.parse("256MB") == 256 << 20)
        #expect(ByteSize.parse("64m") == 64 << 20)
        #expect(ByteSize.parse("1048576") == 1 << 20)
        #expect(ByteSize.parse("lots") == nil)
        #expect(ByteSize.parse("-5M") == nil)
        // Used to overflow (a trap, exit 132); now a value no budget accepts.
        #expect(ByteSize.parse("99999999999G") == Int.max)
        #expect(ByteSize.parse("99999999999999999999999") == Int.max)
        #expect(MemoryBudget.problem(with: Int.max)?.contains("more than the largest budget") == true)
        #expect(MemoryBudget.problem(with: 1 << 20)?.contains("less than the 56MB") == true)
        #expect(MemoryBudget.problem(with: 100 << 30) == nil)
        #expect(ByteSize.text(256 << 20) == "256MB" && ByteSize.text(1 << 30) == "1GB" && ByteSize.text(1000) == "1000")
    }

    @Test func aHugeBudgetOnATinyInputTakesOnlyWhatTheDataNeeds() throws {
        // The sort used to reserve four fifths of the budget up front: 70 GB for `100G`, which aborted.
        let workspace = try TempWorkspace()
        let input = try workspace.write("in.ndjson", #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        let result = try SnapshotSort.run(input: input, output: workspace.path("out.ndjson"), budget: 900 << 30, description: description)
        #expect(result.manifest.recordCount == 2 && !result.spilled)
    }

    @Test func aLineLongerThanTheBudgetAllowsIsRefusedNamingFileAndLine() throws {
        let workspace = try TempWorkspace()
        let budget = MemoryBudget(total: 56 << 20)
        let long = String(repeating: "x", count: budget.maxLineLength + 10)
        let input = try workspace.write("in.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n" + #"{"key":"b","ref":{},"fields":{"t":"\#(long)"}}"# + "\n")
        #expect {
            try SnapshotSort.run(input: input, output: workspace.path("out.ndjson"), budget: budget.total, description: description)
        } throws: { error in
            let error = error as? SnapshotError
            return error?.kind == .lineTooLong && error?.message.hasPrefix("\(input):2: line longer than 1MB") == true
                && error?.message.contains("raise --max-memory") == true
        }
        #expect(!workspace.exists("out.ndjson"))
    }

    @Test func canonicalizeRefusesRejectsThatWouldReplaceTheInputOrShareAnOutput() throws {
        let workspace = try TempWorkspace()
        let text = "{\"sku\":\"a\"}\n{broken\n"
        let input = try workspace.write("in.jsonl", text)
        let output = workspace.path("out.ndjson")
        let canonicalizer = Canonicalizer(keyFields: ["sku"])
        for rejects in [input, output, output + ".manifest.json"] {
            #expect {
                try canonicalizer.run(input: input, output: output, rejects: RejectsFile(path: rejects, stage: "canonicalize"), description: description)
            } throws: { ($0 as? SnapshotError)?.kind == .invalidArgument }
        }
        #expect(try workspace.readText("in.jsonl") == text)
        #expect(!workspace.exists("out.ndjson") && !workspace.exists("out.ndjson.manifest.json"))
    }

    @Test func outputsAreComparedAfterResolvingLinks() throws {
        let workspace = try TempWorkspace()
        let input = try workspace.write("in.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link.ndjson"), withDestinationPath: input)
        try FileManager.default.createDirectory(atPath: workspace.path("sub"), withIntermediateDirectories: true)
        #expect(link(input, workspace.path("hard.ndjson")) == 0)
        for output in [workspace.path("link.ndjson"), workspace.path("hard.ndjson"), workspace.path("sub/../in.ndjson")] {
            #expect(throws: SnapshotError.self, "\(output)") { try SnapshotSort.checkPaths(input: input, output: output) }
        }
        #expect(throws: SnapshotError.self) {
            try OutputPaths.check(inputs: [], outputs: [workspace.path("x"), workspace.path("sub/../x")])
        }
        try SnapshotSort.checkPaths(input: input, output: workspace.path("sub/in.ndjson"))
    }

    @Test func writersOfTheSameFileUseTheirOwnTemporaryNames() throws {
        let workspace = try TempWorkspace()
        let path = workspace.path("out.ndjson")
        let first = try FileWriter(path: path)
        let second = try FileWriter(path: path)
        try first.writeLine(Array("first".utf8))
        try second.writeLine(Array("second".utf8))
        try first.commit()
        #expect(try workspace.readText("out.ndjson") == "first\n")
        try second.commit()
        #expect(try workspace.readText("out.ndjson") == "second\n")
    }

    @Test func partialsOfDeadProcessesAreRemovedAndThoseOfLiveOnesKept() throws {
        let workspace = try TempWorkspace()
        let dead = try deadProcessID()
        try workspace.write("out.ndjson.partial-\(dead)", "half")
        try workspace.write("out.ndjson.partial-\(dead)-3", "half")
        try workspace.write("out.ndjson.partial-\(getppid())-1", "a live writer's")
        try workspace.write("other.ndjson.partial-\(dead)", "another file's")
        try workspace.write(".posbridge-sort-\(dead)-1.run", "1\tline")
        let writer = try FileWriter(path: workspace.path("out.ndjson"))
        try writer.commit()
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.url.path).sorted()
        #expect(left == [".posbridge-sort-\(dead)-1.run", "other.ndjson.partial-\(dead)", "out.ndjson", "out.ndjson.partial-\(getppid())-1"])
        _ = ExternalSorter(temporaryFolder: workspace.url.path, sourcePath: "in")
        #expect(!workspace.exists(".posbridge-sort-\(dead)-1.run"))
    }
}

/// The id of a process that has ended.
func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
