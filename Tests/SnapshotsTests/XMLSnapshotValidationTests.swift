import Foundation
import PosBridgeCore
import Snapshots
import Testing
import TestSupport

@Suite("XML snapshot: schema and validation")
struct XMLSnapshotValidationTests {
    typealias Fixtures = XMLSnapshotFixtures

    @Test("the embedded XSD is docs/schemas/snapshot.xsd byte for byte")
    func embeddedSchemaMatchesDocs() throws {
        let docs = CommandRunner.packageRoot.appendingPathComponent("docs/schemas/snapshot.xsd")
        let onDisk = try Data(contentsOf: docs)
        #expect(Array(onDisk) == Array(XMLSnapshotSchema.text.utf8))
        #expect(XMLSnapshotSchema.text.contains(#"targetNamespace="\#(XMLSnapshotSchema.namespace)""#))
    }

    @Test("schema errors name the file and line and leave the value out")
    func schemaErrorNamesLine() throws {
        let workspace = try TempWorkspace("xml-schema-error")
        let path = try workspace.write("bad.xml", Fixtures.document("""
            <record key="a">
              <fields>
                <number name="amount">abc</number>
              </fields>
            </record>
            """))
        #expect {
            _ = try XMLSnapshotValidator.validate(path: path)
        } throws: { error in
            guard let error = error as? SnapshotError else { return false }
            return error.kind == .xmlInvalid
                && error.message.hasPrefix("\(path):5: not valid against snapshot.xsd")
                && error.message.contains("number") && !error.message.contains("abc")
                && (error.underlying as? LibXML2Diagnostic)?.message.contains("'abc'") == true
        }
        // Without the schema the reader's own check finds it, naming record and field.
        let error = try #require(Fixtures.readError(path, validate: false))
        #expect(error.message == #"\#(path):5: <number> does not hold a JSON number of at most 400 digits (record "a", field "fields.amount")"#)
    }

    @Test("an unknown element is refused with its line, with or without the schema", arguments: [true, false])
    func unknownElement(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-unknown")
        let path = try workspace.write("unknown.xml", Fixtures.document("""
            <record key="a">
              <fields>
                <string name="ok">fine</string>
                <date name="when">2026-11-29</date>
              </fields>
            </record>
            """))
        let error = try #require(Fixtures.readError(path, validate: validate))
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.hasPrefix("\(path):6: "))
        #expect(error.message.contains("date"))
    }

    /// Records (each on line 3 of its document) that neither the schema nor the reader accepts.
    static let invalidRecords: [String] = [
        #"<record key="a"><fields><boolean name="b">yes</boolean></fields></record>"#,
        #"<record key="a"><fields><null name="z">x</null></fields></record>"#,
        #"<record key="a"><fields><string name="s"><b/></string></fields></record>"#,
        #"<record key="a"><fields><string>no name</string></fields></record>"#,
        #"<record key="a"><fields><array name="a"><string name="x">named item</string></array></fields></record>"#,
        #"<record key="a"><fields><string name="s" encoding="hex">00</string></fields></record>"#,
        #"<record key="a"><fields>loose text</fields></record>"#,
        #"<record key="a"/>"#,
        #"<record><fields/></record>"#,
        #"<record key="a"><fields/><ref/></record>"#,
        #"<record key="a"><fields/><fields/></record>"#,
        #"<record key="a"><fields><string name="s" lang="en">x</string></fields></record>"#,
        #"<record key="a"><fields><number name="n"> 1</number></fields></record>"#,
        #"<record key="a"><fields><object name="o"><string>unnamed member</string></object></fields></record>"#,
        #"<record key="a" xmlns:x="urn:other"><fields><x:string name="s">x</x:string></fields></record>"#,
        #"<record key="a"><fields><snapshot entity="e" system="s"/></fields></record>"#,
    ]

    /// Records the schema cannot judge (XSD 1.0 limits) but the reader refuses.
    static let readerOnlyInvalidRecords: [String] = [
        #"<record key="a"><fields><string name="s" encoding="base64">***</string></fields></record>"#,
        #"<record key="a"><fields><string name="s" encoding="base64">/w==</string></fields></record>"#,
        #"<record key="a" key-encoding="base64"><fields/></record>"#,
        #"<record key="a"><fields><null name="d"/><null name="d"/></fields></record>"#,
        #"<record key="a"><fields><null name="é"/><null name="e&#x301;"/></fields></record>"#,
        #"<record key="a"><fields><number name="n">1\#(String(repeating: "0", count: 400))</number></fields></record>"#,
    ]

    @Test("invalid records are refused at their line", arguments: invalidRecords + readerOnlyInvalidRecords, [true, false])
    func invalidRecordIsRefused(record: String, validate: Bool) throws {
        let workspace = try TempWorkspace("xml-invalid")
        let path = try workspace.write("invalid.xml", Fixtures.document(record))
        let error = try #require(Fixtures.readError(path, validate: validate))
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.hasPrefix("\(path):3: "), "\(error.message)")
    }

    @Test("the reader's own errors name record and field")
    func readerErrorsNameRecordAndField() throws {
        let workspace = try TempWorkspace("xml-context")
        let path = try workspace.write("context.xml", Fixtures.document("""
            <record key="k-1"><fields><null name="a"/></fields></record>
            <record key="k-2"><fields><object name="address"><array name="lines"><string encoding="base64">!!</string></array></object></fields></record>
            """))
        let error = try #require(Fixtures.readError(path, validate: true))
        #expect(error.message == #"\#(path):4: <string> is not base64 of UTF-8 text (record "k-2", field "fields.address.lines[0]")"#)
    }

    @Test("a document outside the snapshot namespace is refused", arguments: [true, false])
    func wrongNamespace(validate: Bool) throws {
        let workspace = try TempWorkspace("xml-namespace")
        let path = try workspace.write("ns.xml", #"<?xml version="1.0"?>\#n<snapshot entity="e" system="s"/>\#n"#)
        let error = try #require(Fixtures.readError(path, validate: validate))
        #expect(error.message.hasPrefix("\(path):2: "))
    }

    @Test("schema messages quote no values")
    func redactedSchemaMessage() throws {
        let workspace = try TempWorkspace("xml-redact")
        let path = try workspace.write("redact.xml", Fixtures.document(
            #"<record key="a"><fields><string name="s" encoding="rot13-SECRET">x</string></fields></record>"#))
        let error = try #require(Fixtures.readError(path, validate: true))
        #expect(error.message.hasPrefix("\(path):3: not valid against snapshot.xsd"))
        #expect(!error.message.contains("SECRET"))
        #expect("\(try #require(error.underlying))".contains("SECRET"))
    }

    @Test("the validator counts records and accepts key-byte order")
    func validatorCounts() throws {
        let workspace = try TempWorkspace("xml-validator")
        let keys = ["Z", "a", "b", "é", "日本", "😀"]  // UTF-8 byte order
        #expect(keys == keys.sorted { $0.utf8Precedes($1) })
        let path = try workspace.write("sorted.xml", Fixtures.document(
            keys.map { #"<record key="\#($0)"><fields/></record>"# }.joined(separator: "\n")))
        #expect(try XMLSnapshotValidator.validate(path: path) == keys.count)
    }

    @Test("unsorted keys are refused naming line and key")
    func unsortedKeys() throws {
        let workspace = try TempWorkspace("xml-unsorted")
        let path = try workspace.write("unsorted.xml", Fixtures.document("""
            <record key="a"><fields/></record>
            <record key="c"><fields/></record>
            <record key="b"><fields/></record>
            """))
        #expect(Fixtures.readError(path, validate: true) == nil)  // the reader does not care about order
        #expect {
            _ = try XMLSnapshotValidator.validate(path: path)
        } throws: { error in
            guard let error = error as? SnapshotError else { return false }
            return error.kind == .unsorted && error.message.hasPrefix(#"\#(path):5: key "b" sorts before the previous key "c""#)
        }
    }

    @Test("duplicate keys are refused naming line and key, also when only NFC makes them equal")
    func duplicateKeys() throws {
        let workspace = try TempWorkspace("xml-duplicates")
        for (second, third) in [("b", "b"), ("é", "e\u{301}")] {
            let path = try workspace.write("duplicates.xml", Fixtures.document("""
                <record key="a"><fields/></record>
                <record key="\(second)"><fields/></record>
                <record key="\(third)"><fields><null name="n"/></fields></record>
                """))
            #expect {
                _ = try XMLSnapshotValidator.validate(path: path)
            } throws: { error in
                guard let error = error as? SnapshotError else { return false }
                return error.kind == .duplicateKeys && error.message == #"\#(path):5: duplicate key "\#(second)""#
            }
        }
    }

    @Test("a missing file is an I/O error naming the path")
    func missingFile() throws {
        let workspace = try TempWorkspace("xml-missing")
        let path = workspace.path("nope.xml")
        #expect {
            _ = try XMLSnapshotValidator.validate(path: path)
        } throws: { ($0 as? SnapshotError)?.kind == .io && "\($0)".hasPrefix(path) }
        let empty = try workspace.write("empty.xml", "")
        #expect(Fixtures.readError(empty, validate: true)?.kind == .xmlInvalid)
    }
}
