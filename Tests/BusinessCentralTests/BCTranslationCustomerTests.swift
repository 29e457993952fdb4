@testable import BusinessCentral
import PosBridgeCore
import Testing

@Suite struct BCTranslationCustomerTests {
    static let customers = bcRows("""
    [{"id":"c1000000-0000-0000-0000-000000000001","number":"C00010","displayName":"Muster GmbH","type":"Company",
      "addressLine1":"Hauptstraße 12a","addressLine2":"","city":"Berlin","state":"","country":"de","postalCode":"10115",
      "phoneNumber":"+49 30 1234567","email":" Info@Muster.EXAMPLE ","taxRegistrationNumber":"DE123456789",
      "currencyId":"00000000-0000-0000-0000-000000000000","currencyCode":"EUR","blocked":"_x0020_"},
     {"id":"c1000000-0000-0000-0000-000000000002","number":"C00020","displayName":"John Smith","type":"Person",
      "addressLine1":"12 Main Street","city":"Springfield","country":"US","postalCode":"12345","email":"john@example.com",
      "currencyId":"a0000000-0000-0000-0000-000000000001","currencyCode":"usd","blocked":"Invoice"}]
    """)
    static let contacts = bcRows("""
    [{"id":"d0000000-0000-0000-0000-000000000001","number":"CT000010","type":"Company","displayName":"Muster GmbH","companyName":"Muster GmbH"},
     {"id":"d0000000-0000-0000-0000-000000000002","number":"CT000011","type":"Person","displayName":"Anna Muster","companyName":"Muster GmbH",
      "email":"Anna.Muster@Example.com","phoneNumber":"+49 30 7654321","jobTitle":"Buyer"}]
    """)

    @Test func companyWithContactPerson() throws {
        let classes = bcRows(#"[{"customerNumber":"C00010","customerPostingGroup":"DOMESTIC","genBusPostingGroup":"DOMESTIC","customerPriceGroup":"RETAIL"}]"#)
        let result = BCCustomerTranslator.translate(customers: Self.customers, contacts: Self.contacts, classifications: classes)
        #expect(result.rejects.isEmpty)
        let company = try record(result, "info@muster.example")
        #expect(canonical(company.fields) == #"{"billingAddress":{"city":"Berlin","country":"DE","houseNumber":"12a","line2":null,"postalCode":"10115","state":null,"street":"Hauptstraße"},"blocked":"none","companyName":"Muster GmbH","contactPerson":{"email":"anna.muster@example.com","jobTitle":"Buyer","name":"Anna Muster","phone":"+49 30 7654321"},"currency":"EUR","customerClass":{"customerPostingGroup":"DOMESTIC","genBusPostingGroup":"DOMESTIC","priceGroup":"RETAIL"},"email":"info@muster.example","kind":"company","mobilePhone":null,"name":"Muster GmbH","phone":"+49 30 1234567","shippingAddress":null,"vatNumber":"DE123456789"}"#)
        #expect(company.ref["bcNumber"] == "C00010")
        #expect(company.ref["bcContactNumber"] == "CT000011")
    }

    @Test func currencyIsAlwaysACode() throws {
        // v2.0 gives the LCY code for a customer without a currency (blank currencyId): kept as it is,
        // like on orders; a blank code (RapidStart) is the company's local currency.
        var blank = Self.customers[0]
        blank["currencyCode"] = ""
        blank["email"] = "blank@muster.example"
        let result = BCCustomerTranslator.translate(customers: [Self.customers[0], blank], localCurrency: "eur")
        #expect(try record(result, "info@muster.example").fields["currency"] == "EUR")
        #expect(try record(result, "blank@muster.example").fields["currency"] == "EUR")
        #expect(try record(BCCustomerTranslator.translate(customers: [blank]), "blank@muster.example").fields["currency"] == .null)
    }

    @Test func personHasNoContactPerson() throws {
        let result = BCCustomerTranslator.translate(customers: Self.customers, contacts: Self.contacts)
        let person = try record(result, "john@example.com")
        #expect(person.fields["kind"] == "person")
        #expect(person.fields["companyName"] == .null)
        #expect(person.fields["contactPerson"] == .null)
        #expect(person.fields["currency"] == "USD")
        #expect(person.fields["blocked"] == "invoice")
        #expect(person.fields["billingAddress"]?.objectValue?["street"] == "Main Street")
        #expect(person.fields["billingAddress"]?.objectValue?["houseNumber"] == "12")
        #expect(person.fields["customerClass"] == .null)
    }

    @Test(arguments: [
        ("Hauptstraße 12a", "Hauptstraße", "12a"),
        ("12 Main Street", "Main Street", "12"),
        ("Rue de la Paix", "Rue de la Paix", nil),
        ("Postfach 12", "Postfach 12", nil),
        ("PO Box 4711", "PO Box 4711", nil),
        ("Dorfstr. 12 b", "Dorfstr.", "12b"),
        ("Via Roma 3/5", "Via Roma", "3/5"),
        ("  Kirchweg 7  ", "Kirchweg", "7"),
        ("12", "12", nil),
    ] as [(String, String, String?)])
    func addressSplitting(line: String, street: String, houseNumber: String?) {
        let split = BCTranslationAddress.split(line)
        #expect(split.street == street)
        #expect(split.houseNumber == houseNumber)
    }

    @Test func emailKeyNormalisation() {
        #expect(CanonicalModel.customerKey(email: "  Anna.Muster@Example.COM\t") == "anna.muster@example.com")
        #expect(CanonicalModel.customerKey(email: "anna muster@example.com") == nil)
        #expect(CanonicalModel.customerKey(email: "no-at-sign") == nil)
        let twins = bcRows(#"[{"number":"A","displayName":"A","email":"X@Y.com"},{"number":"B","displayName":"B","email":" x@y.COM"}]"#)
        let result = BCCustomerTranslator.translate(customers: twins)
        #expect(result.records.map(\.key) == ["x@y.com"])
        #expect(result.rejects.first?.description == "customers(B) [x@y.com]: email is also the e-mail of customer A")
    }

    @Test func missingMandatoryFieldsAreRejectedByName() {
        let rows = bcRows("""
        [{"id":"c1000000-0000-0000-0000-00000000000a","number":"C1","displayName":"No mail","email":""},
         {"id":"c1000000-0000-0000-0000-00000000000b","number":"C2","displayName":"","email":"a@b.example"},
         {"id":"c1000000-0000-0000-0000-00000000000c","number":"C3","displayName":"Odd","email":"c@b.example","type":"Robot"}]
        """)
        let result = BCCustomerTranslator.translate(customers: rows)
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.field) == ["email", "displayName", "type"])
        #expect(result.rejects[0].description == "customers(c1000000-0000-0000-0000-00000000000a): email is empty (the customer key)")
        #expect(result.rejects[1].key == "a@b.example")
    }

    @Test func apiV1ComplexAddress() throws {
        let rows = bcRows("""
        [{"number":"C9","displayName":"Old","type":"Person","email":"old@example.com",
          "address":{"street":"Bahnhofstrasse 1\\nc/o Meier","city":"Zürich","state":"ZH","countryLetterCode":"CH","postalCode":"8001"}}]
        """)
        let result = BCCustomerTranslator.translate(customers: rows, apiVersion: .v1)
        let address = try record(result, "old@example.com").fields["billingAddress"]
        #expect(address == ["street": "Bahnhofstrasse", "houseNumber": "1", "line2": "c/o Meier", "postalCode": "8001",
                            "city": "Zürich", "state": "ZH", "country": "CH"])
    }
}
