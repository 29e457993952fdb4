import Foundation
import PosBridgeCore
import Snapshots
import Testing
import TestSupport

@Suite("XML snapshot: NDJSON → XML → NDJSON")
struct XMLSnapshotRoundTripTests {
    typealias Fixtures = XMLSnapshotFixtures

    @Test("tricky records come back byte-identical", arguments: [true, false])
    func trickyRecordsRoundTrip(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-round-trip")
        let result = try Fixtures.roundTrip(Fixtures.trickyRecords, in: workspace, validate: validate)
        #expect(result.back.count == Fixtures.trickyRecords.count)
        for (line, back) in zip(result.lines, result.back) {
            #expect(back == line, "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(result.reader.entity == "customers")
        #expect(result.reader.system == "shop")
    }

    @Test("the written file is valid against snapshot.xsd and sorted")
    func writtenFileValidates() throws {
        let workspace = try TempWorkspace("xml-validates")
        _ = try Fixtures.roundTrip(Fixtures.trickyRecords, in: workspace)
        #expect(try XMLSnapshotValidator.validate(path: workspace.path("round-trip.xml")) == Fixtures.trickyRecords.count)
    }

    @Test("text XML can carry stays readable; only what it cannot carry is base64")
    func escapesAreMinimal() throws {
        let workspace = try TempWorkspace("xml-escapes")
        let xml = try Fixtures.roundTrip(Fixtures.trickyRecords, in: workspace).xml
        // TAB, LF and CR in attributes are character references, which attribute-value
        // normalization leaves alone, so no base64 is needed for them.
        #expect(xml.contains(#"<record key="&#9; tab, LF&#10; and CR&#13; in a key">"#))
        #expect(xml.contains(#"<string name="a&#9;b&#10;c&#13;d">&#13;"#))
        #expect(xml.contains(#"<record key="  padded key  ">"#))
        #expect(xml.contains(#"<string name=" lead">  two spaces around  </string>"#))
        #expect(xml.contains(#"<string name="名前">山田 太郎</string>"#))
        #expect(xml.contains(#"<string name="carriage">line1&#13;"#))
        // Control characters and U+FFFE/U+FFFF switch to base64, in keys, names and values.
        let controls = Data(Fixtures.allControls.utf8).base64EncodedString()
        #expect(xml.contains(#"key="\#(Data(("ctl" + Fixtures.allControls).utf8).base64EncodedString())" key-encoding="base64""#))
        #expect(xml.contains(#"<string name="\#(controls)" name-encoding="base64" encoding="base64">\#(controls)</string>"#))
        #expect(xml.contains(#"<string encoding="base64">AA==</string>"#))
        #expect(xml.contains(#"key-encoding="base64""#))
        #expect(!xml.contains("\u{0}"))
        #expect(!xml.contains("&#0;") && !xml.contains("&#1;"))
    }

    @Test("empty string, null and missing stay distinct, as do empty object and array")
    func emptinessIsPreserved() throws {
        let workspace = try TempWorkspace("xml-empty")
        let record = SnapshotRecord(key: "k", fields: [
            "empty": .string(""), "null": .null, "object": .object([:]), "array": .array([]),
            "items": .array([.string(""), .null, .object([:]), .array([])]),
        ])
        _ = try Fixtures.roundTrip([record], in: workspace)
        let back = try Fixtures.readAll(workspace.path("round-trip.xml"), validate: true)
        let fields = try #require(back.first?.fields)
        #expect(fields["empty"] == .string(""))
        #expect(fields["null"] == JSONValue.null)
        #expect(fields["missing"] == nil)
        #expect(fields["object"] == .object([:]))
        #expect(fields["array"] == .array([]))
        #expect(fields["items"] == .array([.string(""), .null, .object([:]), .array([])]))
        #expect(back.first?.ref == [:])
    }

    @Test("numbers keep their canonical text")
    func numbersKeepCanonicalText() throws {
        let workspace = try TempWorkspace("xml-numbers")
        let texts = ["-0.5", "1000", "123456789012345678901234567890.123", "0", "-12.5", "0.000001"]
        let record = SnapshotRecord(key: "n", fields: Dictionary(uniqueKeysWithValues: texts.map { ($0, Fixtures.number($0)) }))
        let result = try Fixtures.roundTrip([record], in: workspace)
        #expect(result.back == result.lines)
        for text in texts { #expect(result.xml.contains(#"<number name="\#(text)">\#(text)</number>"#)) }
        // Readers accept any JSON number literal and canonicalize it.
        let path = try workspace.write("loose.xml", Fixtures.document(#"<record key="k"><fields><number name="n">1.50e2</number></fields></record>"#))
        #expect(try Fixtures.readAll(path, validate: true).first?.fields["n"] == Fixtures.number("150"))
    }

    @Test("any well-formed spelling reads the same: prefixes, CDATA, comments, no indentation", arguments: [true, false])
    func handWrittenVariants(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-variants")
        let path = try workspace.write("variants.xml", """
            <?xml version="1.0" encoding="UTF-8"?>\r
            <!-- exported by hand -->\r
            <?posbridge hint?>\r
            <s:snapshot xmlns:s="urn:posbridge:snapshot:1" system="shop" entity="customers"><s:record key="a"><s:fields>\
            <s:string name="x"><![CDATA[<raw> & ]]>more<!-- c --> text</s:string><s:number name="n">1.50e2</s:number>\
            <s:string name="lines">one\r
            two</s:string></s:fields></s:record></s:snapshot>\r

            """)
        let records = try Fixtures.readAll(path, validate: validate)
        #expect(records == [SnapshotRecord(key: "a", fields: [
            "x": .string("<raw> & more text"), "n": Fixtures.number("150"), "lines": .string("one\ntwo"),
        ])])
    }

    @Test("an empty snapshot has a root and no records")
    func emptySnapshot() throws {
        let workspace = try TempWorkspace("xml-empty-snapshot")
        let result = try Fixtures.roundTrip([], in: workspace, entity: "items", system: "bc")
        #expect(result.back.isEmpty)
        #expect(result.reader.entity == "items" && result.reader.system == "bc")
        #expect(result.xml.contains(#"<snapshot xmlns="urn:posbridge:snapshot:1" entity="items" system="bc"/>"#))
        #expect(try XMLSnapshotValidator.validate(path: workspace.path("round-trip.xml")) == 0)
        #expect(try result.reader.next() == nil)
    }

    @Test("entity and system names XML cannot carry are base64 too")
    func rootAttributesEscape() throws {
        let workspace = try TempWorkspace("xml-root-escape")
        let result = try Fixtures.roundTrip([], in: workspace, entity: "a\u{1}b", system: " \t ")
        #expect(result.reader.entity == "a\u{1}b")
        #expect(result.reader.system == " \t ")
        #expect(result.xml.contains(#"entity-encoding="base64""#))
    }

    @Test("a 1 MB string value, plain and base64", arguments: ["Grüße <&> 😀 ", "bell\u{7} "])
    func megabyteString(unit: String) throws {
        let workspace = try TempWorkspace("xml-large")
        let large = String(repeating: unit, count: 1_048_576 / unit.utf8.count + 1)
        #expect(large.utf8.count >= 1_048_576)
        let record = SnapshotRecord(key: "large", fields: ["text": .string(large), "after": .bool(true)])
        let result = try Fixtures.roundTrip([record], in: workspace)
        #expect(result.back == result.lines)
        let back = try Fixtures.readAll(workspace.path("round-trip.xml"), validate: false)
        #expect(back.first?.fields["text"] == .string(large))
    }

    @Test("output is deterministic and readable")
    func goldenOutput() throws {
        let workspace = try TempWorkspace("xml-golden")
        let record = SnapshotRecord(key: "C-001", ref: ["id": Fixtures.number("42")], fields: [
            "name": .string("Ana & Co"), "active": .bool(true), "note": .null,
            "tags": .array([.string("vip"), Fixtures.number("1.5")]), "address": .object(["city": .string("Lisboa")]),
        ])
        let first = try Fixtures.roundTrip([record], in: workspace).xml
        let second = try Fixtures.roundTrip([record], in: workspace).xml
        #expect(first == second)
        #expect(first == """
            <?xml version="1.0" encoding="UTF-8"?>
            <snapshot xmlns="urn:posbridge:snapshot:1" entity="customers" system="shop">
              <record key="C-001">
                <ref>
                  <number name="id">42</number>
                </ref>
                <fields>
                  <boolean name="active">true</boolean>
                  <object name="address">
                    <string name="city">Lisboa</string>
                  </object>
                  <string name="name">Ana &amp; Co</string>
                  <null name="note"/>
                  <array name="tags">
                    <string>vip</string>
                    <number>1.5</number>
                  </array>
                </fields>
              </record>
            </snapshot>

            """)
    }

    @Test("values nested as deep as libxml2 can read are written; deeper ones are refused")
    func nestingLimit() throws {
        let workspace = try TempWorkspace("xml-deep")
        func nested(_ depth: Int) -> JSONValue {
            (0..<depth).reduce(JSONValue.string("leaf")) { inner, level in level.isMultiple(of: 2) ? .array([inner]) : .object(["o": inner]) }
        }
        let deepest = SnapshotRecord(key: "deep", fields: ["v": nested(253)])
        let result = try Fixtures.roundTrip([deepest], in: workspace)
        #expect(result.back == result.lines)
        let writer = try XMLSnapshotWriter(path: workspace.path("too-deep.xml"), entity: "e", system: "s")
        #expect {
            try writer.write(SnapshotRecord(key: "too-deep", fields: ["v": nested(254)]))
        } throws: { ($0 as? SnapshotError)?.kind == .invalidArgument && "\($0)".contains(#"record "too-deep""#) }
    }

    @Test("text up to libxml2's limits round-trips; longer text is refused when writing")
    func textLimits() throws {
        let workspace = try TempWorkspace("xml-limits")
        let longest = String(repeating: "a", count: 10_000_000)
        let result = try Fixtures.roundTrip([SnapshotRecord(key: "k", fields: ["s": .string(longest)])], in: workspace)
        #expect(result.back == result.lines)
        let writer = try XMLSnapshotWriter(path: workspace.path("limits.xml"), entity: "e", system: "s")
        let tooLong: [SnapshotRecord] = [
            SnapshotRecord(key: "k", fields: ["s": .string(longest + "a")]),
            SnapshotRecord(key: "k", fields: ["s": .string(String(repeating: "\u{1}", count: 7_500_001))]),  // base64 grows it
            SnapshotRecord(key: String(repeating: "k", count: 1_000_001), fields: [:]),
            SnapshotRecord(key: "k", fields: [String(repeating: "n", count: 1_000_001): .null]),
        ]
        for record in tooLong {
            #expect {
                try writer.write(record)
            } throws: { error in
                guard let error = error as? SnapshotError else { return false }
                return error.kind == .invalidArgument && error.message.contains("bytes in XML") && error.message.count < 500
            }
        }
        // A refused record leaves nothing behind: the writer goes on and the file stays valid.
        try writer.write(SnapshotRecord(key: "ok", fields: ["s": .string("fine")]))
        try writer.finish()
        #expect(try XMLSnapshotValidator.validate(path: workspace.path("limits.xml")) == 1)
        #expect(writer.recordCount == 1)
    }

    @Test("a writer released without finish() leaves a file readers refuse")
    func unfinishedFileIsRefused() throws {
        let workspace = try TempWorkspace("xml-unfinished")
        let path = workspace.path("unfinished.xml")
        do {
            let writer = try XMLSnapshotWriter(path: path, entity: "e", system: "s")
            try writer.write(SnapshotRecord(key: "a", fields: ["x": .bool(true)]))
            #expect(writer.recordCount == 1)
        }
        #expect(workspace.exists("unfinished.xml"))
        let error = try #require(Fixtures.readError(path, validate: false))
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.hasPrefix(path + ":"))
    }

    @Test("a full disk is an I/O error, and the writer refuses further work",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func diskFull() throws {
        let writer = try XMLSnapshotWriter(path: "/dev/full", entity: "e", system: "s")
        var firstError: SnapshotError?
        let record = SnapshotRecord(key: "k", fields: ["text": .string(String(repeating: "x", count: 10_000))])
        for _ in 0..<100 where firstError == nil {
            do { try writer.write(record) } catch let error as SnapshotError { firstError = error }
        }
        let error = try #require(firstError)
        #expect(error.kind == .io)
        #expect(error.message.hasPrefix("/dev/full: cannot write"))
        #expect(throws: SnapshotError.self) { try writer.finish() }
        #expect(writer.recordCount < 100)
    }

    @Test("writing into a missing folder is an I/O error naming the path")
    func writerIOError() throws {
        let workspace = try TempWorkspace("xml-io")
        let path = workspace.path("missing/folder/out.xml")
        #expect {
            _ = try XMLSnapshotWriter(path: path, entity: "e", system: "s")
        } throws: { ($0 as? SnapshotError)?.kind == .io && "\($0)".contains(path) }
    }
}
