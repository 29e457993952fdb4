import Diffing
import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct SnapshotDiffTests {
    @Test func findsCreatedUpdatedMissingAndUnchanged() throws {
        let harness = try DiffHarness()
        let (summary, lines) = try harness.run(
            [record("a", ["n": "1"], ref: ["id": "old-a"]), record("b", ["n": .string("2")], ref: ["id": "old-b"]), record("c", ["n": .string("3")])],
            [record("b", ["n": .string("2")], ref: ["id": "new-b"]), record("c", ["n": .string("three"), "m": .bool(true)], ref: ["id": "new-c"]), record("d", ["n": .string("4")], ref: ["id": "new-d"])])
        #expect(summary.counts == DiffCounts(create: 1, update: 1, missing: 1, unchanged: 1))
        #expect(lines.map { $0["key"]?.stringValue } == ["a", "c", "d"])
        #expect(lines.map { $0["op"]?.stringValue } == ["missing", "update", "create"])
        #expect(lines[0]["ref"] == .object(["id": .string("old-a")]))          // missing: OLD's ref
        #expect(lines[0]["fields"] == .object(["n": .string("1")]))
        #expect(lines[1]["changes"] == .object([
            "n": .object(["old": .string("3"), "new": .string("three")]),
            "m": .object(["new": .bool(true)]),                                    // absent before: no "old"
        ]))
        #expect(lines[1]["ref"] == .object([:]))                                  // update: OLD's ref
        #expect(lines[2]["ref"] == .object(["id": .string("new-d")]))             // create: NEW's ref
        #expect(lines[2]["fingerprint"]?.stringValue?.hasPrefix("xxh3:") == true)
    }

    @Test func refIsNeverCompared() throws {
        let harness = try DiffHarness()
        let (summary, lines) = try harness.run([record("a", ["x": .null], ref: ["etag": .string("1")])],
                                               [record("a", ["x": .null], ref: ["etag": .string("2")])])
        #expect(summary.counts.unchanged == 1 && lines.isEmpty)
    }

    @Test func oneAndOnePointZeroAreEqual() throws {
        let harness = try DiffHarness()
        let old = try harness.workspace.write("old.ndjson", #"{"key":"a","ref":{},"fields":{"p":1,"q":[1.0]}}"# + "\n")
        let new = try harness.workspace.write("new.ndjson", #"{"key":"a","ref":{},"fields":{"p":1.00,"q":[1]}}"# + "\n")
        let summary = try SnapshotDiff().run(old: old, new: new, outputFolder: harness.workspace.path("out"))
        #expect(summary.counts == DiffCounts(unchanged: 1))
    }

    @Test func emptySnapshots() throws {
        let harness = try DiffHarness()
        #expect(try harness.run([], []).0.counts == DiffCounts())
        let (summary, lines) = try harness.run([], [record("a", [:]), record("b", [:])])
        #expect(summary.counts == DiffCounts(create: 2) && lines.count == 2)
        #expect(try harness.run([record("a", [:])], []).0.counts == DiffCounts(missing: 1))
    }

    @Test func keysWithUnicodeQuotesBackslashesAndControlCharacters() throws {
        let harness = try DiffHarness()
        let keys = ["\"quoted\"", "back\\slash", "tab\there", "nl\nhere", "\u{1}", "Čokoláda", "😀", "Ærø"]
        let (summary, lines) = try harness.run(keys.map { record($0, ["v": .number(CanonicalNumber(1))]) },
                                               keys.map { record($0, ["v": .number(CanonicalNumber(2))]) })
        #expect(summary.counts.update == keys.count)
        #expect(lines.compactMap { $0["key"]?.stringValue } == keys.sorted { $0.utf8Precedes($1) })
    }

    @Test func unsortedInputIsRefusedUnlessSortIsAsked() throws {
        let harness = try DiffHarness()
        let old = try harness.workspace.write("old.ndjson", #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        let new = try harness.snapshot("new.ndjson", [record("a", [:]), record("c", [:])])
        #expect {
            _ = try SnapshotDiff().run(old: old, new: new, outputFolder: harness.workspace.path("out"))
        } throws: { ($0 as? SnapshotError)?.kind == .unsorted }
        #expect(!harness.workspace.exists("out/diff.ndjson"))
        var diff = SnapshotDiff()
        diff.sortInputs = true
        let summary = try diff.run(old: old, new: new, outputFolder: harness.workspace.path("out"))
        #expect(summary.counts == DiffCounts(create: 1, missing: 1, unchanged: 1))
        #expect(summary.old.path == old)
        #expect(try harness.workspace.readText("out/diff.ndjson").contains(#"{"key":"b","op":"missing""#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.workspace.path("out")).sorted() == ["diff.ndjson", "summary.json"])
    }

    @Test func duplicateKeysAreAnError() throws {
        let harness = try DiffHarness()
        let old = try harness.workspace.write("old.ndjson", #"{"key":"a","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        let new = try harness.snapshot("new.ndjson", [record("a", [:])])
        #expect {
            _ = try SnapshotDiff().run(old: old, new: new, outputFolder: harness.workspace.path("out"))
        } throws: { ($0 as? SnapshotError)?.message.contains("old.ndjson:2 (first on line 1)") == true }
    }

    @Test func brokenFieldsOfAChangedRecordNameFileAndLine() throws {
        let harness = try DiffHarness()
        let old = try harness.snapshot("old.ndjson", [record("a", ["x": .number(CanonicalNumber(1))])])
        let new = try harness.workspace.write("new.ndjson", #"{"key":"a","ref":{},"fields":{"x":01}}"# + "\n")
        #expect {
            _ = try SnapshotDiff().run(old: old, new: new, outputFolder: harness.workspace.path("out"))
        } throws: { error in
            let message = (error as? SnapshotError)?.message ?? ""
            return message.contains("new.ndjson:1") && message.contains("record \"a\"") && message.contains("invalid number")
        }
    }

    @Test func summaryNamesInputsAndDigests() throws {
        let harness = try DiffHarness()
        let (summary, _) = try harness.run([record("a", [:])], [record("a", [:])])
        let json = try JSONParser.parse(bytes: harness.workspace.read("out/summary.json")).objectValue!
        #expect(json["counts"]?.objectValue?["unchanged"] == .number(CanonicalNumber(1)))
        #expect(summary.old.digest.hasPrefix("xxh3-128:") && summary.old.digest.count == 9 + 32)
        #expect(json["inputs"]?.objectValue?["new"]?.objectValue?["digest"] == .string(summary.new.digest))
        #expect(summary.outputSHA256.count == 64)
    }
}
