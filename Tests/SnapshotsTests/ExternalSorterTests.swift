import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct ExternalSorterTests {
    /// Writes `count` records in a scrambled order, about 200 bytes each.
    private func scrambled(_ workspace: TempWorkspace, count: Int, name: String = "in.ndjson") throws -> (String, [String]) {
        var keys = (0..<count).map { String(format: "SKU-%07d", ($0 * 7919) % count) }
        keys.append("SKU-x\ny")  // an escaped key: its bytes sort before "SKU-x " though its literal would not
        keys.append("SKU-x z")
        var text = ""
        for key in keys {
            text += String(decoding: SnapshotLine.encode(SnapshotRecord(
                key: key, ref: ["id": .string(UUID().uuidString)],
                fields: ["name": .string("Product \(key) with a longer name to fill the line"), "price": .number(CanonicalNumber(count))])), as: UTF8.self) + "\n"
        }
        return (try workspace.write(name, text), keys.sorted { $0.utf8Precedes($1) })
    }

    private func keys(of path: String) throws -> [String] {
        let reader = try SnapshotReader(path: path)
        var keys: [String] = []
        while let record = try reader.next() { keys.append(record.keyString) }
        return keys
    }

    @Test func sortsInMemoryWhenItFits() throws {
        let workspace = try TempWorkspace()
        let (input, expected) = try scrambled(workspace, count: 500)
        let result = try SnapshotSort.run(input: input, output: workspace.path("out.ndjson"), budget: 64 << 20,
                                          description: .init(entity: "products", system: "test", source: "t", keyFields: ["sku"], createdAt: "2026-01-01T00:00:00Z"))
        #expect(!result.spilled)
        #expect(try keys(of: workspace.path("out.ndjson")) == expected)
        #expect(result.manifest.recordCount == expected.count)
        #expect(result.manifest.fields == ["name", "price"])
        #expect(SnapshotValidator.validateOK(workspace.path("out.ndjson")))
    }

    @Test func spillsAndMergesBeyondTheBudget() throws {
        let workspace = try TempWorkspace()
        let (input, expected) = try scrambled(workspace, count: 20_000)  // ~4 MB against a 1 MB budget
        let inMemory = try SnapshotSort.run(input: input, output: workspace.path("memory.ndjson"), budget: 256 << 20,
                                            description: .init(entity: "", system: "", source: "", keyFields: [], createdAt: ""))
        let external = try SnapshotSort.run(input: input, output: workspace.path("external.ndjson"), budget: 1 << 20,
                                            description: .init(entity: "", system: "", source: "", keyFields: [], createdAt: ""))
        #expect(external.spilled && !inMemory.spilled)
        #expect(try workspace.read("external.ndjson") == workspace.read("memory.ndjson"))
        #expect(try keys(of: workspace.path("external.ndjson")) == expected)
        // No temporary run files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.url.path).filter { $0.hasSuffix(".run") }
        #expect(leftovers.isEmpty)
    }

    @Test func mergesInSeveralPassesWhenThereAreManyRuns() throws {
        let workspace = try TempWorkspace()
        let (input, expected) = try scrambled(workspace, count: 20_000)
        let reader = try SnapshotReader(path: input, requireSorted: false)
        let sorter = ExternalSorter(budget: 1 << 20, temporaryFolder: workspace.url.path, sourcePath: input, maxFanIn: 2)
        while let record = try reader.next() { try sorter.add(line: record.line, key: record.key, lineNumber: record.lineNumber) }
        var keys: [String] = []
        try sorter.finish { (line: UnsafeBufferPointer<UInt8>) throws(SnapshotError) in
            keys.append(String(decoding: line, as: UTF8.self))
        }
        keys = try keys.map { try SnapshotLine.decode(Array($0.utf8)).key }
        #expect(keys == expected)
        #expect(sorter.extraMergePasses > 0)
    }

    @Test func duplicateKeysNameTheirInputLines() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("dups.ndjson", [
            #"{"key":"b","ref":{},"fields":{}}"#, #"{"key":"a","ref":{},"fields":{}}"#, #"{"key":"b","ref":{},"fields":{"x":1}}"#,
        ].joined(separator: "\n") + "\n")
        #expect {
            _ = try SnapshotSort.run(input: path, output: workspace.path("out.ndjson"), budget: 1 << 20,
                                     description: .init(entity: "", system: "", source: "", keyFields: [], createdAt: ""))
        } throws: { error in
            (error as? SnapshotError)?.message.contains(#""b" at "# + path + ":3 (first on line 1)") == true
        }
        #expect(!workspace.exists("out.ndjson"))
    }
}

extension SnapshotValidator {
    static func validateOK(_ path: String) -> Bool { (try? validate(path: path).isValid) == true }
}
