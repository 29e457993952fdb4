import Foundation
import PosBridgeCore
import Snapshots
import Testing
import TestSupport

@Suite("XMLElementStream: streamed records of foreign XML exports")
struct XMLElementStreamTests {
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <p:Root xmlns:p="urn:x" version="2">
          <List>
            <Meta>27</Meta>
            <Row id="1" kind="a">
              <Name>Jacke &amp; Hose</Name>
              <Empty/>
              <Nested><Inner>x</Inner><Inner>y</Inner></Nested>
              <Name>second</Name>
            </Row>
            <Row id="2"/>
          </List>
          <Other><Row id="3"><Name>elsewhere</Name></Row></Other>
        </p:Root>
        """

    func all(_ stream: XMLElementStream) throws -> [XMLStreamElement] {
        var elements: [XMLStreamElement] = []
        while let element = try stream.next() { elements.append(element) }
        return elements
    }

    @Test func namedRecordsWithParent() throws {
        let workspace = try TempWorkspace("xml-stream")
        let path = try workspace.write("doc.xml", Self.document)
        let stream = try XMLElementStream(path: path, selection: .named("Row", parent: "List"))
        let rows = try all(stream)
        #expect(rows.count == 2)
        #expect(rows[0] == XMLStreamElement(
            name: "Row", parentName: "List", line: 5,
            attributes: [.init(name: "id", value: "1"), .init(name: "kind", value: "a")],
            children: [.init(name: "Name", value: "Jacke & Hose"), .init(name: "Empty", value: ""),
                       .init(name: "Nested", value: "xy"), .init(name: "Name", value: "second")],
            text: rows[0].text))
        #expect(rows[0].child("Name") == "Jacke & Hose")
        #expect(rows[0].attribute("kind") == "a")
        #expect(rows[1].attribute("id") == "2")
        #expect(rows[1].children.isEmpty)
        #expect(rows[1].line == 11)
        #expect(stream.rootName == "Root")
        #expect(stream.rootAttributes == [.init(name: "version", value: "2")])
        #expect(try stream.next() == nil)
    }

    @Test func namedRecordsAnywhereAndByDepth() throws {
        let workspace = try TempWorkspace("xml-stream-depth")
        let path = try workspace.write("doc.xml", Self.document)
        let anywhere = try all(XMLElementStream(path: path, selection: .named("Row")))
        #expect(anywhere.compactMap { $0.attribute("id") } == ["1", "2", "3"])
        let depthTwo = try all(XMLElementStream(path: path, selection: .depth(2)))
        #expect(depthTwo.map(\.name) == ["Meta", "Row", "Row", "Row"])
        #expect(depthTwo[0].text == "27")
        #expect(depthTwo[3].parentName == "Other")
    }

    @Test func utf16BigEndianWithoutCompression() throws {
        let workspace = try TempWorkspace("xml-stream-utf16")
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<R><Row><N>Größe ✓</N></Row></R>"
        let bytes: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let path = try workspace.write("doc.xml", bytes)
        let rows = try all(XMLElementStream(path: path, selection: .named("Row")))
        #expect(rows.first?.child("N") == "Größe ✓")
        #expect(rows.first?.line == 2)
    }

    @Test(arguments: [
        ("doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE R [<!ENTITY a \"b\">]>\n<R><Row><N>&a;</N></Row></R>\n"),
        ("billion laughs in an attribute", "<?xml version=\"1.0\"?>\n<!DOCTYPE R [\n<!ENTITY l \"lol\">\n<!ENTITY l1 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\">\n<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n]>\n<R a=\"&l2;\"><Row/></R>\n"),
        ("external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE R [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<R><Row><N>&e;</N></Row></R>\n"),
        ("undeclared entity", "<?xml version=\"1.0\"?>\n<R><Row><N>&nope;</N></Row></R>\n"),
    ])
    func refusesDTDsAndEntities(label: String, text: String) throws {
        let workspace = try TempWorkspace("xml-stream-evil")
        let path = try workspace.write("evil.xml", text)
        let stream = try XMLElementStream(path: path, selection: .named("Row"))
        let error = try #require(throws: SnapshotError.self) { while try stream.next() != nil {} }
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.hasPrefix(path + ":"))
        #expect(throws: SnapshotError.self) { try stream.next() }
    }

    @Test func malformedAndTruncatedDocumentsNameTheLine() throws {
        let workspace = try TempWorkspace("xml-stream-bad")
        let mismatched = try workspace.write("a.xml", "<R>\n<Row>\n<N>1</M>\n</Row>\n</R>\n")
        let first = try #require(throws: SnapshotError.self) { _ = try XMLElementStream(path: mismatched, selection: .named("Row")).next() }
        #expect(first.message.hasPrefix("\(mismatched):3: not well-formed XML"))
        let truncated = try workspace.write("b.xml", "<R>\n<Row><N>1</N></Row>\n<Row><N>2</N>")
        let stream = try XMLElementStream(path: truncated, selection: .named("Row"))
        #expect(try stream.next()?.child("N") == "1")
        #expect(throws: SnapshotError.self) { try stream.next() }
        let empty = try workspace.write("c.xml", "")
        #expect(throws: SnapshotError.self) { _ = try XMLElementStream(path: empty, selection: .depth(0)).next() }
    }
}
