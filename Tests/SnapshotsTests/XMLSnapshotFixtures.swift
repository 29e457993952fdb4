import PosBridgeCore
import Snapshots
import TestSupport

/// Records and helpers shared by the XML snapshot tests.
enum XMLSnapshotFixtures {
    /// Every C0 control character, U+0000…U+001F, in order.
    static let allControls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))

    static func number(_ text: String) -> JSONValue { .number(CanonicalNumber(text)!) }

    /// Records with everything that is hard to carry in XML, sorted by key bytes.
    static let trickyRecords: [SnapshotRecord] = [
        SnapshotRecord(key: "", fields: ["": .string(""), "empty-key": .bool(true)]),
        SnapshotRecord(key: "\t tab, LF\n and CR\r in a key", fields: ["a\tb\nc\rd": .string("\r\n\t")]),
        SnapshotRecord(key: "  padded key  ", fields: [" lead": .string("  two spaces around  "), "trail ": .string(" ")]),
        SnapshotRecord(key: "\"quotes\" \\backslash\\ <tag> & 'apostrophe'", fields: [
            "<>&\"'": .string("<b>bold</b> & \"quoted\" 'single' ]]> \\"),
        ]),
        SnapshotRecord(key: "C-001", ref: ["id": number("42"), "etag": .string("W/\"7\"")], fields: [
            "name": .string("Ana Müller"),
            "active": .bool(true),
            "blocked": .bool(false),
            "balance": number("-0.5"),
            "visits": number("1000"),
            "big": number("123456789012345678901234567890.123"),
            "zero": number("-0"),
            "note": .null,
            "empty": .string(""),
            "address": .object(["city": .string("Lisboa"), "lines": .array([.string("Rua 1"), .string("")])]),
            "tags": .array([.string("vip"), .null, .bool(false), number("1.50"), .array([]), .object([:]),
                            .array([.array([.string("deep")])]), .object(["k": .null])]),
            "no-tags": .array([]),
            "no-address": .object([:]),
        ]),
        SnapshotRecord(key: "ctl" + allControls, fields: [
            allControls: .string(allControls),
            "value-controls": .string("before" + allControls + "after"),
            "items": .array([.string("\u{0}"), .string("\u{1F}x"), .string("\u{0B}\u{0C}")]),
        ]),
        SnapshotRecord(key: "nonchar\u{FFFE}\u{FFFF}", fields: [
            "name\u{FFFF}": .string("\u{FFFE}"),
            "nel-and-ls": .string("\u{85}\u{2028}\u{2029}"),
            "carriage": .string("line1\r\nline2\rline3\n"),
            "only-newline": .string("\n"),
        ]),
        SnapshotRecord(key: "Ärger-Ééé-日本語-😀-👩‍👩‍👧", fields: [
            "名前": .string("山田 太郎"),
            "emoji 😀": .string("👍🏽 \u{1F600}"),
            "decomposed": .string("e\u{301}"),  // NFC turns it into é on both sides
        ]),
    ].sorted { $0.key.utf8Precedes($1.key) }

    /// NDJSON lines → records → XML file → records → NDJSON lines.
    static func roundTrip(
        _ records: [SnapshotRecord], in workspace: TempWorkspace, validate: Bool = true,
        entity: String = "customers", system: String = "shop"
    ) throws -> (lines: [[UInt8]], back: [[UInt8]], xml: String, reader: XMLSnapshotReader) {
        let lines = records.map { SnapshotLine.encode($0) }
        let path = workspace.path("round-trip.xml")
        let writer = try XMLSnapshotWriter(path: path, entity: entity, system: system)
        for line in lines { try writer.write(try SnapshotLine.decode(line)) }
        try writer.finish()
        let reader = try XMLSnapshotReader(path: path, validateAgainstSchema: validate)
        var back: [[UInt8]] = []
        while let record = try reader.next() { back.append(SnapshotLine.encode(record)) }
        return (lines, back, try workspace.readText("round-trip.xml"), reader)
    }

    /// A document in the snapshot namespace around `records` (raw XML text).
    static func document(_ records: String, entity: String = "customers") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <snapshot xmlns="urn:posbridge:snapshot:1" entity="\(entity)" system="shop">
        \(records)
        </snapshot>

        """
    }

    /// Reads every record of a file; returns them or throws the reader's error.
    static func readAll(_ path: String, validate: Bool) throws -> [SnapshotRecord] {
        let reader = try XMLSnapshotReader(path: path, validateAgainstSchema: validate)
        var records: [SnapshotRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The `SnapshotError` reading a file throws (for both reader modes), or nil when it reads.
    static func readError(_ path: String, validate: Bool) -> SnapshotError? {
        do {
            _ = try readAll(path, validate: validate)
            return nil
        } catch let error as SnapshotError {
            return error
        } catch {
            return SnapshotError(.io, "unexpected error type: \(error)")
        }
    }
}
