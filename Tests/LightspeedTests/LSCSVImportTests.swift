@testable import Lightspeed
import PosBridgeCore
import Testing

@Suite struct LSCSVImportTests {
    static let itemExport = #"""
    System ID;Custom SKU;Description;EAN;Price;Category;Publish to eCom;Qty.;Qty. Main Store;Qty. Warehouse;Vendor
    210000000020;1000;"Hiking jacket, ""Alpine""";4006381333931;129,90;Apparel/Jackets;Yes;15;10;5;ACME
    210000000021;2000;Socks;;4.5;Apparel;No;3;3;;ACME
    210000000022;;No SKU;;1;;;0;0;0;ACME
    210000000023;3000;Too short
    210000000024;1000;Duplicate;;1;;;1;1;1;ACME
    """#

    @Test func itemExportWithDefaultMapping() throws {
        var options = LSTranslationOptions()
        options.locations = ["Warehouse": "WH"]
        let reader = try LSCSVReader(bytes: Array(Self.itemExport.utf8), name: "items.csv")
        let result = try LSCSVImport.items(reader, options: options)
        #expect(result.products.records.map(\.key) == ["1000", "2000"])
        let jacket = try record(result.products, "1000")
        #expect(jacket.fields["price"] == num("129.9"))  // decimal comma
        #expect(jacket.fields["name"] == "Hiking jacket, \"Alpine\"")
        #expect(jacket.fields["ean"] == "4006381333931")
        #expect(jacket.fields["publish"] == true)
        #expect(result.products.rejects.count == 3)
        #expect(result.products.rejects.map(\.description).contains("items.csv line 5: has 3 columns, the header 11"))
        #expect(result.products.rejects.map(\.description).contains("Item(items.csv:4): customSku is empty (the product key)"))
        #expect(result.products.rejects.map(\.description).contains("Item(items.csv:6) [1000]: customSku is a duplicate"))
        let socks = try record(result.products, "2000")
        #expect(socks.fields["name"] == "Socks")
        #expect(socks.fields["price"] == num("4.5"))
        #expect(socks.fields["publish"] == false)
        #expect(socks.fields["categoryPath"] == ["Apparel"])
        #expect(socks.ref["lsItemID"] == nil)
        #expect(socks.ref["systemSku"] == "210000000021")
        let stockKeys = result.stock.records.map(\.key)
        #expect(stockKeys.contains("1000\(US)*"))
        #expect(stockKeys.contains("1000\(US)Main Store"))
        #expect(stockKeys.contains("1000\(US)WH"))
        #expect(stockKeys.contains("2000\(US)Main Store"))
        #expect(!stockKeys.contains("2000\(US)WH"))  // empty cell: no figure, no record
        #expect(try record(result.stock, "1000\(US)WH").fields["available"] == 5)
    }

    @Test func headerMappingOverrideAndCustomers() throws {
        let text = "Customer ID,E-Mail Address,First Name,Last Name,Company,Address 1,ZIP,City,Country,Customer Type\n"
            + "7,Anna.Muster@Example.com,Anna,Muster,Muster GmbH,Hauptstraße 12a,10115,Berlin,DE,Wholesale\n"
            + "8,ANNA.MUSTER@example.com,Other,Person,,,,,,\n"
        let mapping = LSCSVHeaderMapping.customers.with(["E-Mail Address": "email", "Email": "", "Customer Type": ""])
        #expect(mapping.columns["Email"] == nil)
        let result = try LSCSVImport.customers(try LSCSVReader(bytes: Array(text.utf8), name: "customers.csv"), mapping: mapping)
        #expect(result.records.map(\.key) == ["anna.muster@example.com"])
        let anna = try record(result, "anna.muster@example.com")
        #expect(anna.fields["kind"] == "company")
        #expect(anna.fields["billingAddress"] == ["street": "Hauptstraße", "houseNumber": "12a", "line2": nil, "postalCode": "10115",
                                                  "city": "Berlin", "state": nil, "country": "DE"])
        #expect(anna.ref["lsCustomerID"] == "7")
        #expect(anna.ref["lsCustomerType"] == nil)  // the column was unmapped
        #expect(result.rejects.map(\.description) == [
            "Customer(customers.csv:3) [anna.muster@example.com]: Contact.Emails.ContactEmail.address is also the e-mail of customer customers.csv:2",
        ])
    }
}

@Suite struct LSCSVImportMatrixTests {
    @Test func matrixColumnsGiveVariantParentAndVariants() throws {
        let text = "Custom SKU,Description,Price,Matrix,Matrix Description,Qty. Main Store\n"
            + "1000/RED-M,Jacket Red M,129.9,M5,Hiking jacket,4\n"
            + "1000/BLUE-L,Jacket Blue L,129.9,M5,Hiking jacket,2\n"
        let mapping = LSCSVHeaderMapping.items.with(["Matrix": "matrixID", "Matrix Description": "matrixName"])
        let result = try LSCSVImport.items(try LSCSVReader(bytes: Array(text.utf8), name: "items.csv"), mapping: mapping)
        #expect(result.products.rejects.isEmpty)
        #expect(result.products.records.map(\.key).sorted() == ["1000", "1000\(US)BLUE-L", "1000\(US)RED-M"])
        #expect(try record(result.products, "1000").fields["name"] == "Hiking jacket")
        #expect(try record(result.products, "1000").fields["type"] == "variant_parent")
        #expect(result.stock.records.map(\.key).sorted() == ["1000\(US)BLUE-L\(US)Main Store", "1000\(US)RED-M\(US)Main Store"])
    }
}
