import Foundation
import PosBridgeCore
import Testing
@testable import BusinessCentral

@Suite struct BCClientQueryTests {
    let company = BCCompany(id: Fixture.companyId, name: "CRONUS O'Brien & Co")

    @Test func buildsSelectExpandFilterInAFixedOrder() throws {
        let from = Date(timeIntervalSince1970: 1_566_158_751.603)  // 2019-08-18T20:05:51.603Z
        let query = BCQuery("salesOrders")
            .select("id", "number", "lastModifiedDateTime")
            .expand(BCQuery.Expand("salesOrderLines", select: ["sequence", "quantity"],
                                   expand: [BCQuery.Expand("item", select: ["number"])]), "paymentTerm")
            .filter(.modified(after: from))
            .orderBy("lastModifiedDateTime asc")
        let url = try query.url(settings: Fixture.online(), company: company)
        #expect(url == "\(Fixture.companyAPI)/salesOrders?"
            + "$filter=lastModifiedDateTime%20gt%202019-08-18T20:05:51.603Z"
            + "&$select=id,number,lastModifiedDateTime"
            + "&$expand=salesOrderLines($select=sequence,quantity;$expand=item($select=number)),paymentTerm"
            + "&$orderby=lastModifiedDateTime%20asc")
    }

    @Test func quotesStringsAndLeavesDatesGuidsAndNumbersBare() {
        typealias F = BCQuery.Filter
        #expect(F.equals("displayName", "O'Brien's").text == "displayName eq 'O''Brien''s'")
        #expect(F.compare("orderDate", .ge, .date(year: 2019, month: 5, day: 1)).text == "orderDate ge 2019-05-01")
        #expect(F.compare("lastModifiedDateTime", .gt, .dateTime(Date(timeIntervalSince1970: 1_764_547_200))).text
            == "lastModifiedDateTime gt 2025-12-01T00:00:00Z")
        #expect(F.compare("customerId", .eq, .guid(UUID(uuidString: "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")!)).text
            == "customerId eq aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        #expect(F.compare("totalAmountExcludingTax", .gt, .number(CanonicalNumber("1000.00")!)).text
            == "totalAmountExcludingTax gt 1000")
        #expect(F.compare("blocked", .eq, .bool(false)).text == "blocked eq false")
    }

    @Test func combinesWindowsAndDisjunctionsWithTheRightParentheses() {
        let from = Date(timeIntervalSince1970: 1_764_547_200), to = Date(timeIntervalSince1970: 1_764_633_600)
        #expect(BCQuery.Filter.modified(after: from, upTo: to).text
            == "lastModifiedDateTime gt 2025-12-01T00:00:00Z and lastModifiedDateTime le 2025-12-02T00:00:00Z")
        let either = BCQuery.Filter.equals("code", "A") || .equals("code", "B")
        #expect((either && .equals("city", "X")).text == "(code eq 'A' or code eq 'B') and city eq 'X'")
        let twice = BCQuery("items").filter(.equals("a", "1")).filter(.equals("b", "2"))
        #expect(twice.filterExpression?.text == "a eq '1' and b eq '2'")
    }

    @Test func encodesReservedCharactersInLiterals() throws {
        let url = try BCQuery("customers").filter(.equals("displayName", "A&B +#%ü"))
            .url(settings: Fixture.online(), company: company)
        #expect(url.hasSuffix("?$filter=displayName%20eq%20'A%26B%20%2B%23%25%C3%BC'"))
    }

    @Test func routesStandardV1CompanionAndODataPages() throws {
        let online = Fixture.online()
        #expect(try BCQuery("companies", route: .unscoped).url(settings: online, company: nil)
            == "\(Fixture.root)/api/v2.0/companies")
        #expect(try BCQuery("itemStock", route: .companion).url(settings: online, company: company)
            == "\(Fixture.root)/api/posbridge/sync/v1.0/companies(\(Fixture.companyId))/itemStock")
        #expect(try BCQuery("ItemStock", route: .odataPage).filter(.equals("Location_Filter", "GREEN"))
            .url(settings: online, company: company)
            == "\(Fixture.root)/ODataV4/Company('CRONUS%20O''Brien%20%26%20Co')/ItemStock?$filter=Location_Filter%20eq%20'GREEN'")
        #expect(try BCQuery("customers").url(settings: Fixture.onPremises(), company: company)
            == "https://nav.test:7048/bc/api/v1.0/companies(\(Fixture.companyId))/customers")
        #expect(throws: BCError.self) { try BCQuery("items").url(settings: online, company: nil) }
    }
}

@Suite struct BCClientEnumValueTests {
    @Test func acceptsEncodedAndPlainEnumValues() {
        #expect(BCEnum.decode("Non_x002D_Inventory") == "Non-Inventory")
        #expect(BCEnum.decode("Positive_x0020_Adjmt_x002E_") == "Positive Adjmt.")
        #expect(BCEnum.decode("Charge_x0020__x0028_Item_x0029_") == "Charge (Item)")
        #expect(BCEnum.decode("odd_xZZ_value") == "odd_xZZ_value")
        #expect(BCClient.enumValue("_x0020_", is: " "))
        #expect(BCClient.enumValue(" ", is: " "))
        #expect(BCClient.enumValue("In_x0020_Review", is: "In Review"))
        #expect(BCClient.enumValue("In Review", is: "in review"))
        #expect(!BCClient.enumValue("Item", is: "Resource"))
        #expect(!BCClient.enumValue(nil, is: "Item"))
    }
}
