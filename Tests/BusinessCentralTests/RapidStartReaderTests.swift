@testable import BusinessCentral
import Foundation
import PosBridgeCore
import Snapshots
import TestSupport
import Testing

/// Writes `text` as a `.rapidstart` file: UTF-16 LE with a byte order mark, gzip-compressed (by the
/// system `gzip`, as BC's GZipStream would).
func writeRapidStart(_ text: String, in workspace: TempWorkspace, name: String = "Package.rapidstart") throws -> String {
    let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let plain = try workspace.write("plain.xml", bytes)
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    gzip.arguments = ["-f", "-n", plain]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    let target = workspace.path(name)
    try? FileManager.default.removeItem(atPath: target)
    try FileManager.default.moveItem(atPath: plain + ".gz", toPath: target)
    return target
}

@Suite struct RapidStartReaderTests {
    static let package = """
    <?xml version="1.0" encoding="UTF-16" standalone="yes"?>
    <DataList MinCountForAsyncImport="5" LanguageID="1033" ProductVersion="W1_21.0.7.0" PackageName="posbridge test" Code="PB.TEST">
      <ItemList>
        <TableID>27</TableID>
        <PageID>30</PageID>
        <Item>
          <No PrimaryKey="1">1000</No>
          <Description>Wanderjacke Größe M</Description>
          <Type>0</Type>
          <BaseUnitofMeasure>PCS</BaseUnitofMeasure>
          <ItemCategoryCode>JACKETS</ItemCategoryCode>
          <UnitPrice>129.90</UnitPrice>
          <PriceIncludesVAT>1</PriceIncludesVAT>
          <Blocked>0</Blocked>
          <GTIN>04006381333931</GTIN>
        </Item>
        <Item>
          <No>2000</No>
          <Description>Geschenkverpackung</Description>
          <Type>2</Type>
          <UnitPrice>2.5</UnitPrice>
          <PriceIncludesVAT>0</PriceIncludesVAT>
          <Blocked>1</Blocked>
        </Item>
      </ItemList>
      <ItemVariantList>
        <TableID>5401</TableID>
        <ItemVariant>
          <ItemNo>1000</ItemNo>
          <Code>RED-M</Code>
          <Description>Rot, M</Description>
        </ItemVariant>
      </ItemVariantList>
      <CustomerList>
        <TableID>18</TableID>
        <Customer>
          <No>C00010</No>
          <Name>Muster GmbH</Name>
          <Address>Hauptstraße 12a</Address>
          <City>Berlin</City>
          <PostCode>10115</PostCode>
          <CountryRegionCode>DE</CountryRegionCode>
          <E_Mail>Info@Muster.example</E_Mail>
          <ContactType>0</ContactType>
          <Blocked>0</Blocked>
          <CustomerPostingGroup>DOMESTIC</CustomerPostingGroup>
          <GenBusPostingGroup>DOMESTIC</GenBusPostingGroup>
          <CustomerPriceGroup>RETAIL</CustomerPriceGroup>
        </Customer>
      </CustomerList>
      <VendorList>
        <TableID>23</TableID>
        <Vendor><No>V1</No></Vendor>
      </VendorList>
      <ShipToAddressList>
        <TableID>222</TableID>
        <ShipToAddress><CustomerNo></CustomerNo><Code></Code></ShipToAddress>
      </ShipToAddressList>
    </DataList>
    """

    @Test func readsItemsVariantsAndCustomersThroughTheTranslators() throws {
        let workspace = try TempWorkspace("rapidstart")
        let path = try writeRapidStart(Self.package, in: workspace)
        let reader = try RapidStartReader(path: path)
        let content = try reader.readAll()
        #expect(reader.info == RapidStartReader.PackageInfo(code: "PB.TEST", name: "posbridge test", productVersion: "W1_21.0.7.0", languageID: 1033))
        #expect(content.items.count == 2)
        #expect(content.itemVariants.count == 1)
        #expect(content.customers.count == 1)
        #expect(content.skipped == [23: 1])
        #expect(content.items[0]["number"] == "1000")
        #expect(content.items[1]["type"] == "Non-Inventory")

        let products = BCProductTranslator.translate(items: content.items, variants: content.itemVariants, currency: "EUR")
        #expect(products.rejects.isEmpty)
        #expect(products.records.map(\.key) == ["1000", "1000\(US)RED-M", "2000"])
        let jacket = try record(products, "1000")
        #expect(jacket.fields["name"] == "Wanderjacke Größe M")
        #expect(jacket.fields["price"] == .number(CanonicalNumber("129.9")!))
        #expect(jacket.fields["priceIncludesTax"] == true)
        #expect(jacket.fields["type"] == "variant_parent")
        #expect(jacket.fields["unitOfMeasure"] == "PCS")
        #expect(jacket.fields["ean"] == "04006381333931")
        #expect(try record(products, "2000").fields["blocked"] == true)
        #expect(try record(products, "2000").fields["type"] == "non_inventory")

        let customers = BCCustomerTranslator.translate(customers: content.customers, classifications: content.customerClassifications)
        let customer = try record(customers, "info@muster.example")
        #expect(customer.fields["kind"] == "company")
        #expect(customer.fields["billingAddress"]?.objectValue?["houseNumber"] == "12a")
        #expect(customer.fields["customerClass"]?.objectValue?["priceGroup"] == "RETAIL")
        #expect(customer.fields["currency"] == .null)
    }

    @Test func theGeneralLedgerSetupGivesTheLocalCurrency() throws {
        let workspace = try TempWorkspace("rapidstart-lcy")
        let package = Self.package.replacingOccurrences(of: "</DataList>", with: """
          <GeneralLedgerSetupList>
            <TableID>98</TableID>
            <GeneralLedgerSetup><PrimaryKey></PrimaryKey><LCYCode>chf</LCYCode></GeneralLedgerSetup>
          </GeneralLedgerSetupList>
        </DataList>
        """)
        let content = try RapidStartReader(path: try writeRapidStart(package, in: workspace)).readAll()
        #expect(content.localCurrency == "CHF")
        let customers = BCCustomerTranslator.translate(customers: content.customers, localCurrency: content.localCurrency)
        #expect(try record(customers, "info@muster.example").fields["currency"] == "CHF")
    }

    @Test func recordsCarryTheirLine() throws {
        let workspace = try TempWorkspace("rapidstart-lines")
        let reader = try RapidStartReader(path: try writeRapidStart(Self.package, in: workspace))
        let first = try #require(try reader.next())
        #expect(first.tableID == 27)
        #expect(first.tableName == "Item")
        #expect(first.line == 6)
        #expect(first.value("No") == "1000")
    }

    @Test func refusesADoctypeWithEntities() throws {
        let workspace = try TempWorkspace("rapidstart-doctype")
        let evil = """
        <?xml version="1.0" encoding="UTF-16"?>
        <!DOCTYPE DataList [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
        <DataList><ItemList><TableID>27</TableID><Item><No>&lol2;</No></Item></ItemList></DataList>
        """
        let reader = try RapidStartReader(path: try writeRapidStart(evil, in: workspace))
        let error = try #require(throws: SnapshotError.self) { try reader.next() }
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.contains("DOCTYPE") || error.message.contains("entity"))
        #expect(error.message.hasPrefix(workspace.path("Package.rapidstart")))
        #expect(throws: SnapshotError.self) { try reader.next() }
    }

    @Test func malformedXMLNamesTheLine() throws {
        let workspace = try TempWorkspace("rapidstart-malformed")
        let broken = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<DataList>\n<ItemList>\n<TableID>27</TableID>\n<Item><No>1</Nox></Item>\n</ItemList>\n</DataList>\n"
        let reader = try RapidStartReader(path: try writeRapidStart(broken, in: workspace))
        let error = try #require(throws: SnapshotError.self) { _ = try reader.readAll() }
        #expect(error.kind == .xmlInvalid)
        #expect(error.message.contains("Package.rapidstart:5:"))
    }

    @Test func optionIndexOutOfRangeIsARejectNotAFailure() throws {
        let workspace = try TempWorkspace("rapidstart-option")
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><DataList><ItemList><TableID>27</TableID><Item><No>1</No><Type>7</Type></Item></ItemList></DataList>"
        let content = try RapidStartReader(path: try writeRapidStart(text, in: workspace)).readAll()
        #expect(content.items.isEmpty)
        #expect(content.rejects.first?.field == "Type")
        #expect(content.rejects.first?.source == "RapidStart Item line 1")
    }

    @Test func missingFileIsAnIOError() {
        #expect(throws: SnapshotError.self) { try RapidStartReader(path: "/nonexistent/x.rapidstart") }
    }
}
