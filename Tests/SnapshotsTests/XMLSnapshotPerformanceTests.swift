import Foundation
import PosBridgeCore
import Snapshots
import Testing
import TestSupport

/// Throughput of the XML form; run with `POSBRIDGE_XML_PERF=1 swift test -c release --filter XMLSnapshotPerformance`.
@Suite("XML snapshot: throughput", .enabled(if: ProcessInfo.processInfo.environment["POSBRIDGE_XML_PERF"] != nil))
struct XMLSnapshotPerformanceTests {
    static let recordCount = 100_000

    static func record(_ index: Int) -> SnapshotRecord {
        let key = String(format: "C-%07d", index)
        return SnapshotRecord(key: key, ref: ["id": .number(CanonicalNumber(index))], fields: [
            "name": .string("Customer \(index) Müller"),
            "email": .string("customer\(index)@example.com"),
            "active": .bool(index.isMultiple(of: 3)),
            "balance": .number(CanonicalNumber("\(index % 1000).\(index % 100)")!),
            "visits": .number(CanonicalNumber(index % 250)),
            "note": index.isMultiple(of: 5) ? .null : .string("prefers e-mail & <paper> receipts"),
            "street": .string("Rua \(index % 900) \"A\""),
            "city": .string(["Lisboa", "Porto", "Köln", "東京"][index % 4]),
            "tags": .array([.string("vip"), .string("tier-\(index % 4)")]),
            "address": .object(["postal": .string("\(1000 + index % 9000)"), "country": .string("PT")]),
        ])
    }

    /// The resident set size of this process (Linux `/proc/self/statm`; 0 elsewhere).
    static func residentBytes() throws -> Int {
        #if os(Linux)
        let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 0
        #endif
    }

    @Test("write and read 100,000 records of 10 fields")
    func throughput() throws {
        let workspace = try TempWorkspace("xml-perf")
        let path = workspace.path("perf.xml")
        let records = (0..<Self.recordCount).map(Self.record)
        let ndjsonBytes = records.reduce(0) { $0 + SnapshotLine.encode($1).count + 1 }

        var started = Date()
        let writer = try XMLSnapshotWriter(path: path, entity: "customers", system: "shop")
        for record in records { try writer.write(record) }
        try writer.finish()
        let writeSeconds = Date().timeIntervalSince(started)
        let xmlBytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0

        var readSeconds: [Bool: Double] = [:]
        var growth = 0
        for validate in [false, true] {
            started = Date()
            let reader = try XMLSnapshotReader(path: path, validateAgainstSchema: validate)
            let baseline = try Self.residentBytes()
            var count = 0
            var mismatches = 0
            while let record = try reader.next() {
                if record != records[count] { mismatches += 1 }
                count += 1
                if count.isMultiple(of: 10_000) { growth = max(growth, try Self.residentBytes() - baseline) }
            }
            readSeconds[validate] = Date().timeIntervalSince(started)
            #expect(count == Self.recordCount)
            #expect(mismatches == 0)
        }

        func rate(_ seconds: Double) -> String {
            String(format: "%.2f s, %.0f records/s, %.1f MB/s", seconds, Double(Self.recordCount) / seconds, Double(xmlBytes) / 1e6 / seconds)
        }
        print("XML perf: \(Self.recordCount) records, XML \(String(format: "%.1f", Double(xmlBytes) / 1e6)) MB (NDJSON \(String(format: "%.1f", Double(ndjsonBytes) / 1e6)) MB)")
        print("XML perf: write \(rate(writeSeconds))")
        print("XML perf: read \(rate(readSeconds[false] ?? 0))")
        print("XML perf: read + XSD \(rate(readSeconds[true] ?? 0))")
        print("XML perf: resident memory grew by at most \(growth / 1_000_000) MB while reading")
        #expect(xmlBytes > ndjsonBytes)
        #expect(growth < xmlBytes / 4, "the reader streams; it never holds the document")
    }
}
