import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct PrefetchingSnapshotReaderTests {
    private func lines(count: Int) -> String {
        (0..<count).map { index in
            let key = index % 97 == 0 ? "k\(String(format: "%05d", index))\n" : String(format: "k%05d", index)  // some escaped keys
            let text = String(repeating: "x", count: index % 13 == 0 ? 5000 : 20)
            return String(decoding: SnapshotLine.encode(SnapshotRecord(key: key, ref: ["id": .string("\(index)")], fields: ["t": .string(text)])), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    @Test func givesTheSameRecordsAsThePlainReaderAcrossChunks() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("s.ndjson", lines(count: 3000))
        let plain = try SnapshotReader(path: path, digest: .xxh3)
        var expected: [String] = []
        while let record = try plain.next() {
            expected.append("\(record.lineNumber) \(record.keyString) \(String(decoding: record.ref, as: UTF8.self)) \(String(decoding: record.fields, as: UTF8.self))")
        }
        // Tiny chunks (a few records each, some records larger than a chunk) and only two of them.
        let prefetching = try PrefetchingSnapshotReader(path: path, digest: .xxh3, chunkBytes: 4096, chunks: 2)
        var got: [String] = []
        while let record = try prefetching.next() {
            got.append("\(record.lineNumber) \(record.keyString) \(String(decoding: record.ref, as: UTF8.self)) \(String(decoding: record.fields, as: UTF8.self))")
        }
        #expect(got == expected)
        #expect(prefetching.statistics?.records == 3000)
        #expect(prefetching.statistics?.digest == plain.lineReader.labelledDigest())
    }

    @Test func errorsArriveAfterTheRecordsBeforeThem() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("s.ndjson", lines(count: 500) + #"{"key":"a","ref":{},"fields":{}}"# + "\n")
        let reader = try PrefetchingSnapshotReader(path: path, digest: .none, chunkBytes: 4096, chunks: 2)
        var count = 0
        #expect {
            while try reader.next() != nil { count += 1 }
        } throws: { ($0 as? SnapshotError)?.message.contains("s.ndjson:501") == true }
        #expect(count == 500)
    }

    @Test func stopsItsThreadWhenAbandoned() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("s.ndjson", lines(count: 3000))
        func threads() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count }
        let before = try threads()
        for _ in 0..<20 {
            let reader = try PrefetchingSnapshotReader(path: path, digest: .none, chunkBytes: 4096, chunks: 2)
            _ = try reader.next()
        }
        // Abandoned readers' threads are told to stop: they must not pile up, blocked on a full channel.
        var after = try threads()
        for _ in 0..<200 where after > before + 2 {
            usleep(10_000)
            after = try threads()
        }
        #expect(after <= before + 2)
        let reader = try PrefetchingSnapshotReader(path: path, digest: .none)
        var count = 0
        while try reader.next() != nil { count += 1 }
        #expect(count == 3000)
    }
}
