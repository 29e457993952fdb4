import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct SnapshotValidatorTests {
    private let good = #"{"key":"a","ref":{},"fields":{"x":1}}"# + "\n" + #"{"key":"b","ref":{},"fields":{"x":2}}"# + "\n"

    private func problems(_ workspace: TempWorkspace, _ text: String) throws -> [String] {
        try SnapshotValidator.validate(path: workspace.write("s.ndjson", text)).problems
    }

    @Test func aCanonicalFileIsValid() throws {
        let workspace = try TempWorkspace()
        let report = try SnapshotValidator.validate(path: workspace.write("s.ndjson", good))
        #expect(report.isValid && report.records == 2 && !report.manifestChecked)
        #expect(try SnapshotValidator.validate(path: workspace.write("e.ndjson", "")).isValid)
    }

    @Test func namesEveryKindOfProblem() throws {
        let workspace = try TempWorkspace()
        #expect(try problems(workspace, "\u{FEFF}" + good).contains { $0.contains("byte order mark") })
        #expect(try problems(workspace, good.replacingOccurrences(of: "\n", with: "\r\n")).contains { $0.contains("CRLF") })
        #expect(try problems(workspace, String(good.dropLast())).contains { $0.contains("no line feed") })
        #expect(try problems(workspace, #"{"key":"a","ref":{},"fields":{"x":1.0}}"# + "\n").contains { $0.contains("s.ndjson:1: record \"a\" is valid but not in canonical form") })
        #expect(try problems(workspace, #"{"key":"b","ref":{},"fields":{}}"# + "\n" + #"{"key":"a","ref":{},"fields":{}}"# + "\n").contains { $0.contains("s.ndjson:2: key \"a\" sorts before the key on line 1") })
        #expect(try problems(workspace, good + #"{"key":"b","ref":{},"fields":{}}"# + "\n").contains { $0.contains("1 duplicate key") })
        #expect(try problems(workspace, good + "{oops\n").contains { $0.contains("s.ndjson:3: invalid JSON") })
        var bytes = Array(#"{"key":"a","ref":{},"fields":{"x":""#.utf8)
        bytes += [0xED, 0xA0, 0x80] + Array(#""}}"#.utf8) + [0x0A]  // an encoded surrogate: invalid UTF-8
        let invalid = try SnapshotValidator.validate(path: workspace.write("u.ndjson", bytes)).problems
        #expect(invalid.contains { $0.contains("invalid UTF-8") })
    }

    @Test func checksTheManifest() throws {
        let workspace = try TempWorkspace()
        let input = try workspace.write("in.jsonl", "{\"sku\":\"a\"}\n{\"sku\":\"b\"}\n")
        let rejects = RejectsFile(path: workspace.path("r.ndjson"), stage: "canonicalize")
        _ = try Canonicalizer(keyFields: ["sku"]).run(input: input, output: workspace.path("s.ndjson"), rejects: rejects,
            description: .init(entity: "p", system: "f", source: "t", keyFields: ["sku"], createdAt: "2026-11-29T00:00:00Z"))
        #expect(try SnapshotValidator.validate(path: workspace.path("s.ndjson")).manifestChecked)
        #expect(try SnapshotValidator.validate(path: workspace.path("s.ndjson")).isValid)
        // Same length, one byte changed: only the digest can tell.
        let tampered = try workspace.readText("s.ndjson").replacingOccurrences(of: "\"b\"", with: "\"c\"")
        try workspace.write("s.ndjson", tampered)
        let report = try SnapshotValidator.validate(path: workspace.path("s.ndjson"))
        #expect(report.problems.contains { $0.contains("SHA-256") })
        #expect(!report.problems.contains { $0.contains("bytes") })
    }
}
