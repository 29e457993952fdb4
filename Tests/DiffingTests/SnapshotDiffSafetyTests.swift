import Diffing
import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

/// What the diff must not do: vouch for records it never checked, leave an earlier result behind
/// after an error, or write over an input.
@Suite struct SnapshotDiffSafetyTests {
    /// Records `snapshot validate` refuses, each written identically into OLD and NEW.
    static let malformed: [(String, [UInt8])] = [
        ("NaN", Array(#"{"key":"a","ref":{},"fields":{"p":NaN}}"#.utf8)),
        ("invalid UTF-8", Array(#"{"key":"a","ref":{},"fields":{"n":""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8)),
        ("duplicate members", Array(#"{"key":"a","ref":{},"fields":{"n":1,"n":1}}"#.utf8)),
        ("deep nesting", Array(#"{"key":"a","ref":{},"fields":{"n":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000)
            + Array(repeating: UInt8(ascii: "]"), count: 100_000) + Array("}}".utf8)),
    ]

    @Test(arguments: 0..<4)
    func byteIdenticalMalformedRecordsAreNotCountedUnchanged(_ index: Int) throws {
        let (name, line) = Self.malformed[index]
        let workspace = try TempWorkspace("diff")
        let lines = Array(#"{"key":"0","ref":{},"fields":{}}"#.utf8) + [0x0A] + line + [0x0A]
        let old = try workspace.write("old.ndjson", lines)
        let new = try workspace.write("new.ndjson", lines)
        #expect(!(try SnapshotValidator.validate(path: old).isValid), "\(name)")
        #expect("\(name)") {
            try SnapshotDiff().run(old: old, new: new, outputFolder: workspace.path("out"))
        } throws: { error in
            let error = error as? SnapshotError
            return error?.kind == .malformedLine && error?.message.hasPrefix("\(old):2:") == true
        }
        #expect(!workspace.exists("out/diff.ndjson") && !workspace.exists("out/summary.json"))
    }

    @Test func aManifestVouchesOnlyForTheBytesItDescribes() throws {
        // Written by posbridge (with a manifest), then edited in place keeping its size: the
        // manifest's SHA-256 no longer matches, so every line is checked after all.
        let workspace = try TempWorkspace("diff")
        let source = try workspace.write("in.ndjson", #"{"key":"a","ref":{},"fields":{"p":1234}}"# + "\n")
        let description = SnapshotOutput.Description(entity: "", system: "", source: "t", keyFields: [], createdAt: "")
        for name in ["old", "new"] {
            _ = try SnapshotSort.run(input: source, output: workspace.path("\(name).ndjson"), budget: 64 << 20, description: description)
        }
        var unchanged = try SnapshotDiff().run(old: workspace.path("old.ndjson"), new: workspace.path("new.ndjson"), outputFolder: workspace.path("out"))
        #expect(unchanged.counts.unchanged == 1)
        for name in ["old", "new"] {
            try workspace.write("\(name).ndjson", #"{"key":"a","ref":{},"fields":{"p":NaN4}}"# + "\n")
        }
        #expect {
            unchanged = try SnapshotDiff().run(old: workspace.path("old.ndjson"), new: workspace.path("new.ndjson"), outputFolder: workspace.path("out"))
        } throws: { ($0 as? SnapshotError)?.kind == .malformedLine }
    }

    @Test func aFailedDiffRemovesTheEarlierResult() throws {
        let harness = try DiffHarness()
        _ = try harness.run([record("a", ["n": .string("1")])], [record("a", ["n": .string("2")])])
        #expect(harness.workspace.exists("out/diff.ndjson") && harness.workspace.exists("out/summary.json"))
        let broken = try harness.workspace.write("broken.ndjson", #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        #expect(throws: SnapshotError.self) {
            try SnapshotDiff().run(old: broken, new: harness.workspace.path("new.ndjson"), outputFolder: harness.workspace.path("out"))
        }
        #expect(!harness.workspace.exists("out/diff.ndjson") && !harness.workspace.exists("out/summary.json"))
    }

    @Test func anInputThatIsAnOutputIsRefusedAndKept() throws {
        let harness = try DiffHarness()
        _ = try harness.run([record("a", ["n": .string("1")])], [record("a", ["n": .string("2")])])
        let earlier = try harness.workspace.read("out/diff.ndjson")
        #expect {
            try SnapshotDiff().run(old: harness.workspace.path("out/diff.ndjson"), new: harness.workspace.path("new.ndjson"),
                                   outputFolder: harness.workspace.path("out"))
        } throws: { ($0 as? SnapshotError)?.kind == .invalidArgument }
        #expect(try harness.workspace.read("out/diff.ndjson") == earlier)
    }

    @Test func sortedCopiesOfAKilledDiffAreRemovedByTheNextOne() throws {
        let harness = try DiffHarness()
        let dead = try deadProcessID()
        try harness.workspace.write("out/.posbridge-diff-\(dead)-1-old.ndjson", "left by a killed diff --sort")
        var diff = SnapshotDiff()
        diff.sortInputs = true
        _ = try diff.run(old: try harness.snapshot("old.ndjson", [record("a", [:])]), new: try harness.snapshot("new.ndjson", [record("a", [:])]),
                         outputFolder: harness.workspace.path("out"))
        let left = try FileManager.default.contentsOfDirectory(atPath: harness.workspace.path("out")).sorted()
        #expect(left == ["diff.ndjson", "summary.json"])
    }

    @Test func aLineLongerThanTheBudgetAllowsIsRefusedNamingFileAndLine() throws {
        let harness = try DiffHarness()
        var diff = SnapshotDiff()
        diff.memoryBudget = MemoryBudget.minimum
        let long = String(repeating: "y", count: MemoryBudget(total: MemoryBudget.minimum).maxLineLength)
        let old = try harness.snapshot("old.ndjson", [record("a", [:]), record("b", ["t": .string(long)])])
        #expect {
            try diff.run(old: old, new: old, outputFolder: harness.workspace.path("out"))
        } throws: { error in
            let error = error as? SnapshotError
            return error?.kind == .lineTooLong && error?.message.hasPrefix("\(old):2: line longer than") == true
        }
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
