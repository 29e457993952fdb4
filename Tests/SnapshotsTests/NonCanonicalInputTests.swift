import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

/// Valid input that is not in the canonical envelope (other member order, no `ref`, white space,
/// escapes, other number spellings) goes through the byte-to-byte re-encoder; its result must be
/// exactly what the full parse and the canonical writer give.
@Suite struct NonCanonicalInputTests {
    @Test func readerGivesTheCanonicalLineOfEveryRecordLine() throws {
        let workspace = try TempWorkspace()
        var generator = JSONSpellingGenerator(seed: 7)
        var lines: [[UInt8]] = []
        for index in 0..<3000 { lines.append(generator.recordLine(key: String(format: "K-%05d", index) + (index % 7 == 0 ? "é\"" : ""))) }
        // Names equal after NFC ("é" and "e" + U+0301) make a few lines invalid: leave those out here.
        lines = lines.filter { (try? SnapshotLine.decode($0)) != nil }
        let expected = lines.map { SnapshotLine.encode(try! SnapshotLine.decode($0)) }
        #expect(lines.count > 2000)
        let path = workspace.path("in.ndjson")
        try Data(lines.joined(separator: [0x0A])).write(to: URL(fileURLWithPath: path))
        let reader = try SnapshotReader(path: path, requireSorted: false, checkCanonical: true)
        var read: [[UInt8]] = []
        while let record = try reader.next() { read.append(Array(record.line)) }
        #expect(read.count == expected.count)
        let firstDifference = zip(read, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "line \((firstDifference ?? 0) + 1): \(firstDifference.map { String(decoding: read[$0], as: UTF8.self) + " ≠ " + String(decoding: expected[$0], as: UTF8.self) } ?? "")")
        #expect(reader.nonCanonicalLines > lines.count * 9 / 10)
    }

    @Test func invalidRecordLinesStillNameLineAndReason() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("in.ndjson", #"{"fields":{"a":1,"a":2},"key":"A"}"# + "\n")
        let reader = try SnapshotReader(path: path, requireSorted: false, checkCanonical: true)
        #expect { _ = try reader.next() } throws: { error in
            "\(error)".contains("in.ndjson:1") && "\(error)".contains("duplicate member name")
        }
    }

    @Test func canonicalizeGivesTheSameSnapshotAsTheFullPath() throws {
        let workspace = try TempWorkspace()
        var generator = JSONSpellingGenerator(seed: 11)
        var expected: [(key: [UInt8], line: [UInt8])] = []
        var input: [UInt8] = []
        for index in 0..<2000 {
            // A generated object plus key fields in several spellings (escaped, composite, a number).
            var object = generator.document()
            guard case .object(var fields)? = try? JSONParser.parse(bytes: object), index % 50 != 0 else { continue }
            let sku: JSONValue = index % 3 == 0 ? .number(CanonicalNumber(index)) : .string("S-\(index)\(index % 5 == 0 ? "\u{e9}" : "")")
            fields["sku"] = sku
            fields["shop"] = .string(index % 4 == 0 ? "Caf\\u00e9" : "main")
            object = CanonicalJSON.encode(.object(fields))
            if index % 2 == 0 { object = Array(String(decoding: object, as: UTF8.self).replacingOccurrences(of: ":", with: " : ").utf8) }
            guard let parsed = try? JSONParser.parse(bytes: object), case .object(var members) = parsed else { continue }
            let keyText = [members["sku"]!, members["shop"]!].map { value -> String in
                if case .string(let text) = value { return text }
                if case .number(let number) = value { return number.text }
                return ""
            }.joined(separator: "\u{1F}")
            var ref: [String: JSONValue] = [:]
            ref["shop"] = members.removeValue(forKey: "shop")
            expected.append((Array(keyText.utf8), SnapshotLine.encode(SnapshotRecord(key: keyText, ref: ref, fields: members))))
            input += object + [0x0A]
        }
        let path = workspace.path("in.jsonl")
        try Data(input).write(to: URL(fileURLWithPath: path))
        let rejects = RejectsFile(path: workspace.path("rejects.ndjson"), stage: "canonicalize")
        let description = SnapshotOutput.Description(entity: "products", system: "file", source: "test", keyFields: ["sku", "shop"], createdAt: "2026-12-04T00:00:00Z")
        let result = try Canonicalizer(keyFields: ["sku", "shop"], refFields: ["shop"])
            .run(input: path, output: workspace.path("out.ndjson"), rejects: rejects, description: description)
        #expect(result.rejected == 0)
        let sorted = expected.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        let want = sorted.map { String(decoding: $0.line, as: UTF8.self) + "\n" }.joined()
        let got = try workspace.readText("out.ndjson")
        #expect(got == want)
        #expect(expected.count > 1500)
    }
}
