import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct SnapshotReaderTests {
    private func readAll(_ path: String, bufferSize: Int = 1 << 20) throws -> [(key: String, fields: String, line: Int)] {
        let reader = try SnapshotReader(path: path, bufferSize: bufferSize)
        var records: [(String, String, Int)] = []
        while let record = try reader.next() {
            records.append((record.keyString, String(decoding: record.fields, as: UTF8.self), record.lineNumber))
        }
        return records
    }

    @Test func emptyFileHasNoRecords() throws {
        let workspace = try TempWorkspace()
        #expect(try readAll(try workspace.write("empty.ndjson", "")).isEmpty)
    }

    @Test func oneRecord() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("one.ndjson", #"{"key":"A-1","ref":{"id":"7"},"fields":{"name":"x"}}"# + "\n")
        let records = try readAll(path)
        #expect(records.count == 1)
        #expect(records.first?.key == "A-1")
        #expect(records.first?.fields == #"{"name":"x"}"#)
    }

    @Test func unusualKeysAreReadAsTheirBytes() throws {
        let workspace = try TempWorkspace()
        let keys = ["a\u{1}b", "a\nb", "a \"q\"", "a\\b", "Ærø", "Ærøskøbing", "Č", "😀"]
        let lines = keys.map { SnapshotRecord(key: $0, fields: ["k": .string($0)]) }
            .sorted { $0.key.utf8Precedes($1.key) }
            .map { String(decoding: SnapshotLine.encode($0), as: UTF8.self) }
        let path = try workspace.write("keys.ndjson", lines.joined(separator: "\n") + "\n")
        let read = try readAll(path).map(\.key)
        #expect(read == keys.sorted { $0.utf8Precedes($1) })
        #expect(read.first == "a\u{1}b")  // U+0001 sorts before U+000A, before ' '
    }

    @Test func byteOrderMarkAndCRLFAreTolerated() throws {
        let workspace = try TempWorkspace()
        let text = "\u{FEFF}" + #"{"key":"a","ref":{},"fields":{"x":1}}"# + "\r\n" + #"{"key":"b","ref":{},"fields":{"x":2}}"# + "\r\n"
        let path = try workspace.write("bom.ndjson", text)
        let reader = try SnapshotReader(path: path)
        var keys: [String] = []
        while let record = try reader.next() { keys.append(record.keyString) }
        #expect(keys == ["a", "b"])
        #expect(reader.lineReader.hadByteOrderMark)
        #expect(reader.lineReader.sawCarriageReturn)
    }

    @Test func truncatedLastLineNamesTheLine() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("cut.ndjson", #"{"key":"a","ref":{},"fields":{"x":1}}"# + "\n" + #"{"key":"b","ref":{},"fie"#)
        #expect {
            _ = try readAll(path)
        } throws: { error in
            let error = error as? SnapshotError
            return error?.kind == .malformedLine && error?.message.contains("cut.ndjson:2:") == true
        }
    }

    @Test func invalidUTF8InKeyIsAnError() throws {
        let workspace = try TempWorkspace()
        var bytes = Array(#"{"key":"a"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#"","ref":{},"fields":{"x":1}}"#.utf8) + [0x0A]
        let path = try workspace.write("utf8.ndjson", bytes)
        #expect {
            _ = try readAll(path)
        } throws: { ($0 as? SnapshotError)?.message.contains("invalid UTF-8") == true }
    }

    @Test func megabyteLinesGrowTheBuffer() throws {
        let workspace = try TempWorkspace()
        let big = String(repeating: "é", count: 600_000)  // 1.2 MB of UTF-8
        let lines = [
            SnapshotLine.encode(SnapshotRecord(key: "a", fields: ["text": .string(big)])),
            SnapshotLine.encode(SnapshotRecord(key: "b", fields: ["text": .string("small")])),
        ]
        let path = try workspace.write("big.ndjson", lines.flatMap { $0 + [0x0A] })
        let records = try readAll(path, bufferSize: 4096)
        #expect(records.map(\.key) == ["a", "b"])
        #expect(records[0].fields.utf8.count > 1_000_000)
    }

    @Test func nonCanonicalLinesAreReencoded() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("loose.ndjson", #"{ "fields": {"b":1.50, "a":"x"}, "key": "k" }"# + "\n")
        let reader = try SnapshotReader(path: path)
        let record = try #require(try reader.next())
        #expect(String(decoding: record.fields, as: UTF8.self) == #"{"a":"x","b":1.5}"#)
        #expect(String(decoding: record.line, as: UTF8.self) == #"{"key":"k","ref":{},"fields":{"a":"x","b":1.5}}"#)
        #expect(reader.nonCanonicalLines == 1)
    }

    @Test func unsortedInputIsAnErrorNamingTheLine() throws {
        let workspace = try TempWorkspace()
        let path = try workspace.write("unsorted.ndjson", [
            #"{"key":"b","ref":{},"fields":{}}"#, #"{"key":"a","ref":{},"fields":{}}"#,
        ].joined(separator: "\n") + "\n")
        #expect {
            _ = try readAll(path)
        } throws: { error in
            let error = error as? SnapshotError
            return error?.kind == .unsorted && error?.message.contains("unsorted.ndjson:2") == true
                && error?.message.hasSuffix("; sort it first (posbridge snapshot sort)") == true
        }
    }

    @Test func duplicateKeysAreListedWithLines() throws {
        let workspace = try TempWorkspace()
        var lines: [String] = []
        for index in 0..<25 {
            let key = String(format: "k%03d", index)
            lines.append(#"{"key":"\#(key)","ref":{},"fields":{}}"#)
            lines.append(#"{"key":"\#(key)","ref":{},"fields":{"again":true}}"#)
        }
        let path = try workspace.write("dups.ndjson", lines.joined(separator: "\n") + "\n")
        #expect {
            _ = try readAll(path)
        } throws: { error in
            guard let error = error as? SnapshotError, error.kind == .duplicateKeys else { return false }
            return error.message.hasPrefix("25 duplicate keys")
                && error.message.contains(#""k000" at "#) && error.message.contains("dups.ndjson:2 (first on line 1)")
                && error.message.contains("k019") && !error.message.contains("k020")
                && error.message.contains("and 5 more")
        }
    }

    @Test func malformedLinesNameFileLineAndReason() throws {
        let workspace = try TempWorkspace()
        let cases = [
            (#"{"key":1,"ref":{},"fields":{}}"#, "\"key\" must be a string"),
            (#"{"key":"a","ref":{}}"#, "missing \"fields\""),
            (#"{"key":"a","ref":[],"fields":{}}"#, "\"ref\" must be an object"),
            (#"{"key":"a","fields":{},"extra":1}"#, "unexpected member \"extra\""),
            (#"[1,2]"#, "must be a JSON object"),
        ]
        for (index, (line, reason)) in cases.enumerated() {
            let path = try workspace.write("bad\(index).ndjson", line + "\n")
            #expect {
                _ = try readAll(path)
            } throws: { error in
                let message = (error as? SnapshotError)?.message ?? ""
                return message.contains("bad\(index).ndjson:1:") && message.contains(reason)
            }
        }
    }

    @Test func progressCountsEveryByteRead() throws {
        let workspace = try TempWorkspace()
        let text = (0..<2000).map { #"{"key":"k\#(String(format: "%05d", $0))","ref":{},"fields":{"x":1}}"# }.joined(separator: "\n") + "\n"
        let path = try workspace.write("p.ndjson", text)
        let progress = ProgressCounter()
        let reader = try SnapshotReader(path: path, bufferSize: 4096, progress: progress)
        #expect(progress.total == text.utf8.count && progress.completed < progress.total)
        while try reader.next() != nil {}
        #expect(progress.completed == text.utf8.count)
    }
}
