import Diffing
import Foundation
import PosBridgeCore
import Snapshots
import TestSupport

/// Writes two snapshots from records, diffs them and reads the results back.
struct DiffHarness {
    let workspace: TempWorkspace

    init() throws { workspace = try TempWorkspace("diff") }

    @discardableResult
    func snapshot(_ name: String, _ records: [SnapshotRecord]) throws -> String {
        let lines = records.sorted { $0.key.utf8Precedes($1.key) }.map { SnapshotLine.encode($0) + [0x0A] }
        return try workspace.write(name, lines.flatMap { $0 })
    }

    func run(_ old: [SnapshotRecord], _ new: [SnapshotRecord], rules: DiffRules = .none) throws -> (DiffSummary, [[String: JSONValue]]) {
        let oldPath = try snapshot("old.ndjson", old)
        let newPath = try snapshot("new.ndjson", new)
        let summary = try SnapshotDiff(rules: rules).run(old: oldPath, new: newPath, outputFolder: workspace.path("out"))
        return (summary, try lines())
    }

    func lines() throws -> [[String: JSONValue]] {
        try workspace.readText("out/diff.ndjson").split(separator: "\n").map {
            try JSONParser.parse(bytes: Array($0.utf8)).objectValue!
        }
    }
}

func record(_ key: String, _ fields: [String: JSONValue], ref: [String: JSONValue] = [:]) -> SnapshotRecord {
    SnapshotRecord(key: key, ref: ref, fields: fields)
}

func number(_ text: String) -> JSONValue { .number(CanonicalNumber(text)!) }
