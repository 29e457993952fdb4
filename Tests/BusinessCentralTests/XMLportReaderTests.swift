@testable import BusinessCentral
import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

@Suite struct XMLportReaderTests {
    static let layout = XMLportLayout(recordElement: "Artikel", parentElement: "Artikelliste", fields: [
        "Nr": "number", "Bezeichnung": "displayName", "Preis": "unitPrice", "Art": "type", "@gesperrt": "blocked",
    ])

    static let export = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Export>
      <Artikelliste>
        <Artikel gesperrt="0">
          <Nr>1000</Nr>
          <Bezeichnung>Wanderjacke</Bezeichnung>
          <Preis>129.90</Preis>
          <Art>Inventory</Art>
          <Lagerort>MAIN</Lagerort>
        </Artikel>
        <Artikel gesperrt="1"><Nr>2000</Nr><Bezeichnung>Service &amp; Pflege</Bezeichnung><Preis>5</Preis><Art>Service</Art></Artikel>
      </Artikelliste>
      <Archiv><Artikel><Nr>9999</Nr></Artikel></Archiv>
    </Export>
    """

    @Test func readsConfiguredLayout() throws {
        let workspace = try TempWorkspace("xmlport")
        let path = try workspace.write("items.xml", Self.export)
        let reader = try XMLportReader(path: path, layout: Self.layout)
        let first = try #require(try reader.next())
        #expect(first.line == 4)
        #expect(first.object == ["number": "1000", "displayName": "Wanderjacke", "unitPrice": "129.90", "type": "Inventory", "blocked": "0"])
        let rest = try reader.readAll()
        #expect(rest.count == 1)
        #expect(rest[0]["displayName"] == "Service & Pflege")
        let products = BCProductTranslator.translate(items: [first.object] + rest)
        #expect(products.records.map(\.key) == ["1000", "2000"])
        #expect(try record(products, "2000").fields["blocked"] == true)
        #expect(try record(products, "1000").fields["price"] == .number(CanonicalNumber("129.9")!))
    }

    @Test func layoutDecodesFromJSON() throws {
        let json = #"{"recordElement":"Artikel","parentElement":"Artikelliste","fields":{"Nr":"number"}}"#
        let layout = try JSONDecoder().decode(XMLportLayout.self, from: Data(json.utf8))
        #expect(layout.fields == ["Nr": "number"])
        #expect(layout.parentElement == "Artikelliste")
    }

    @Test func anyElementNameWithoutParent() throws {
        let workspace = try TempWorkspace("xmlport-any")
        let path = try workspace.write("items.xml", Self.export)
        var layout = Self.layout
        layout.parentElement = nil
        let all = try XMLportReader(path: path, layout: layout).readAll()
        #expect(all.map { $0["number"] } == ["1000", "2000", "9999"])
    }

    @Test func entityReferenceIsRefused() throws {
        let workspace = try TempWorkspace("xmlport-entity")
        let path = try workspace.write("evil.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x><Artikel><Nr>&e;</Nr></Artikel></x>\n")
        let reader = try XMLportReader(path: path, layout: Self.layout)
        #expect(throws: SnapshotError.self) { try reader.next() }
    }
}
