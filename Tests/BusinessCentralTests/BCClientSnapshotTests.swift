import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Testing
@testable import BusinessCentral

@Suite struct BCClientSnapshotTests {
    let company = BCCompany(id: Fixture.companyId, name: "CRONUS")

    @Test func salesOrdersExpandTheirLinesWithinAWindow() throws {
        let from = Date(timeIntervalSince1970: 1_764_547_200), to = Date(timeIntervalSince1970: 1_764_550_800)
        let query = BCQuery.SnapshotEntity.salesOrders.query(modifiedAfter: from, upTo: to)
        let url = try query.url(settings: Fixture.online(), company: company)
        #expect(url.hasPrefix("\(Fixture.companyAPI)/salesOrders?$filter=lastModifiedDateTime%20gt%202025-12-01T00:00:00Z"
            + "%20and%20lastModifiedDateTime%20le%202025-12-01T01:00:00Z&$select=id,number,"))
        #expect(url.contains("&$expand=salesOrderLines($select=id,documentId,sequence,"))
        #expect(query.selectFields.contains("sellToPostCode") && query.selectFields.contains("lastModifiedDateTime"))
    }

    @Test func apiV1ReadsEveryFieldAndLacksNewerEntities() throws {
        let query = BCQuery.SnapshotEntity.salesInvoices.query(apiVersion: .v1)
        #expect(query.selectFields.isEmpty)
        #expect(try query.url(settings: Fixture.onPremises(), company: company)
            == "https://nav.test:7048/bc/api/v1.0/companies(\(Fixture.companyId))/salesInvoices?$expand=salesInvoiceLines")
        let missing = BCQuery.SnapshotEntity.allCases.filter { !$0.isAvailable(in: .v1) }
        #expect(missing == [.itemVariants, .contacts, .salesShipments, .locations])
        #expect(BCQuery.SnapshotEntity.allCases.allSatisfy { $0.isAvailable(in: .v2) })
    }

    @Test func picturesAreReadByTheirMediaReadLink() async throws {
        let link = "\(Fixture.companyAPI)/items(i-1)/picture/pictureContent"
        let transport = ScriptedTransport(Fixture.standard { request in
            switch request.url {
            case "\(Fixture.companyAPI)/items(i-1)/picture":
                Fixture.json(200, ["id": "i-1", "width": 64, "height": 64, "contentType": "image/png",
                                   "pictureContent@odata.mediaReadLink": .string(link)])
            case link: APIResponse(status: 200, body: [0x89, 0x50, 0x4E, 0x47])
            default: Fixture.error(404, code: "BadRequest_NotFound", message: "none")
            }
        })
        let client = Fixture.client(Fixture.online(), transport)
        let picture = try #require(try await client.picture(ofItem: "i-1"))
        let readLink = try #require(BCClient.mediaReadLink(picture))
        #expect(try await client.mediaContent(readLink) == [0x89, 0x50, 0x4E, 0x47])
        #expect(try await client.picture(ofItem: "i-2") == nil)
    }
}
