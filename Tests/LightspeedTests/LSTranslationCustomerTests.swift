@testable import Lightspeed
import PosBridgeCore
import Testing

@Suite struct LSTranslationCustomerTests {
    static let customers = lsRows("""
    [{"customerID":"1","firstName":"Anna","lastName":"Muster","company":"Muster GmbH","vatNumber":"DE123456789","customerTypeID":"2",
      "archived":"false","timeStamp":"2026-11-20T08:00:00+00:00",
      "Contact":{"Addresses":{"ContactAddress":{"address1":"Hauptstraße 12 a","address2":"","city":"Berlin","state":"","zip":"10115","country":"Germany","countryCode":"DE"}},
                 "Phones":{"ContactPhone":[{"number":"+49 170 1","useType":"Mobile"},{"number":"+49 30 1234567","useType":"Work"}]},
                 "Emails":{"ContactEmail":[{"address":"info@muster.example","useType":"Secondary"},{"address":" Anna.Muster@Example.COM ","useType":"Primary"}]},
                 "Websites":""}},
     {"customerID":"2","firstName":"Ben","lastName":"Beispiel","company":"","customerTypeID":"0",
      "Contact":{"Addresses":"","Phones":"","Emails":{"ContactEmail":{"address":"ben@example.com","useType":"Primary"}}}},
     {"customerID":"3","firstName":"Anna","lastName":"Again","Contact":{"Emails":{"ContactEmail":{"address":"anna.muster@example.com","useType":"Primary"}}}},
     {"customerID":"4","firstName":"No","lastName":"Mail","Contact":{"Emails":""}},
     {"customerID":"5","firstName":"","lastName":"","Contact":{"Emails":{"ContactEmail":{"address":"x@example.com"}}}}]
    """)

    @Test func companyAndPersonOneKeyPerEmail() throws {
        var options = LSTranslationOptions()
        options.customerClasses = ["Wholesale": ["customerPostingGroup": "DOMESTIC", "genBusPostingGroup": "DOMESTIC", "priceGroup": "WHOLESALE"]]
        let types = lsRows(#"[{"customerTypeID":"2","name":"Wholesale"}]"#)
        let result = LSCustomerTranslator.translate(customers: Self.customers, customerTypes: types, options: options)
        #expect(result.records.map(\.key) == ["anna.muster@example.com", "ben@example.com"])
        let anna = try record(result, "anna.muster@example.com")
        #expect(canonical(anna.fields) == #"{"billingAddress":{"city":"Berlin","country":"DE","houseNumber":"12a","line2":null,"postalCode":"10115","state":null,"street":"Hauptstraße"},"blocked":"none","companyName":"Muster GmbH","contactPerson":{"email":"anna.muster@example.com","jobTitle":null,"name":"Anna Muster","phone":"+49 30 1234567"},"currency":null,"customerClass":{"customerPostingGroup":"DOMESTIC","genBusPostingGroup":"DOMESTIC","priceGroup":"WHOLESALE"},"email":"anna.muster@example.com","kind":"company","mobilePhone":"+49 170 1","name":"Muster GmbH","phone":"+49 30 1234567","shippingAddress":null,"vatNumber":"DE123456789"}"#)
        #expect(anna.ref["lsCustomerID"] == "1")
        #expect(anna.ref["lsCustomerType"] == "Wholesale")
        let ben = try record(result, "ben@example.com")
        #expect(ben.fields["kind"] == "person")
        #expect(ben.fields["name"] == "Ben Beispiel")
        #expect(ben.fields["companyName"] == .null)
        #expect(ben.fields["contactPerson"] == .null)
        #expect(ben.fields["billingAddress"] == .null)
        #expect(ben.fields["customerClass"] == .null)
        #expect(result.rejects.map(\.description) == [
            "Customer(3) [anna.muster@example.com]: Contact.Emails.ContactEmail.address is also the e-mail of customer 1",
            "Customer(4): Contact.Emails.ContactEmail.address is empty (the customer key)",
            "Customer(5) [x@example.com]: company and firstName and lastName are empty",
        ])
    }

    @Test func addressLinesSplitLikeBC() {
        let cases: [(String, String?, String?)] = [
            ("12 Main Street", "Main Street", "12"), ("Postfach 12", "Postfach 12", nil), ("Rue de la Paix", "Rue de la Paix", nil),
            ("Via Roma 3/5", "Via Roma", "3/5"),
        ]
        for (line, street, number) in cases {
            let address = LSCustomerTranslator.address(ls(#"{"address1":"\#(line)","countryCode":"de"}"#)).objectValue
            #expect(address?["street"] == street.json, "\(line)")
            #expect(address?["houseNumber"] == number.json, "\(line)")
            #expect(address?["country"] == "DE")
        }
        #expect(LSCustomerTranslator.address(ls(#"{"address1":"","city":" ","country":"Germany"}"#)) == .null)
    }
}
