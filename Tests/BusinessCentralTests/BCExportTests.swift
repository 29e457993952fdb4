import BusinessCentral
import Foundation
import PosBridgeCore
import PosBridgeHTTP
import Snapshots
import TestSupport
import Testing

@Suite struct BCExportTests {
    private static let itemId = "aaaaaaaa-0000-0000-0000-000000000001"

    /// Items in two pages (one with a picture), one variant, one category; the picture's bytes.
    private func transport() -> ScriptedTransport {
        ScriptedTransport(Fixture.standard { request in
            let url = request.url
            if url.contains("/items?"), !url.contains("skiptoken") {
                return Fixture.json(200, ["value": [[
                    "id": .string(Self.itemId), "number": "1000", "displayName": "Wanderjacke", "type": "Inventory",
                    "itemCategoryCode": "JACKETS", "gtin": "4006381333931", "unitPrice": .number(CanonicalNumber("129.9")!), "priceIncludesTax": true,
                    "blocked": false, "baseUnitOfMeasureCode": "PCS", "inventory": 4,
                    "picture": ["id": .string(Self.itemId), "contentType": "image/png", "width": 1, "height": 1,
                                "pictureContent@odata.mediaReadLink": .string("\(Fixture.companyAPI)/items(\(Self.itemId))/picture/pictureContent")],
                ]], "@odata.nextLink": .string("\(Fixture.companyAPI)/items?$skiptoken=1")])
            }
            if url.contains("/items?$skiptoken=1") {
                return Fixture.json(200, ["value": [["id": "aaaaaaaa-0000-0000-0000-000000000002", "number": "", "displayName": "No number"]]])
            }
            if url.hasSuffix("/pictureContent") { return APIResponse(status: 200, headers: [:], body: [0x89, 0x50, 0x4E, 0x47]) }
            if url.contains("/itemVariants") {
                return Fixture.json(200, ["value": [["id": "bbbbbbbb-0000-0000-0000-000000000001", "itemId": .string(Self.itemId),
                                                     "itemNumber": "1000", "code": "RED-M", "description": "Rot, M"]]])
            }
            if url.contains("/itemCategories") {
                return Fixture.json(200, ["value": [["id": "cccccccc-0000-0000-0000-000000000001", "code": "JACKETS", "displayName": "Jackets"]]])
            }
            if url.contains("/companyInformation") { return Fixture.json(200, ["value": [["id": "dddddddd-0000-0000-0000-000000000001", "currencyCode": "eur"]]]) }
            return Fixture.error(404, code: "BadRequest_NotFound", message: "no route for \(url)")
        })
    }

    @Test func productsBecomeRawPagesASnapshotAndRejects() async throws {
        let workspace = try TempWorkspace("bc-export")
        let client = Fixture.client(Fixture.online(), transport())
        let result = try await BCExport(client: client, runFolder: workspace.url.path).run(.products, createdAt: "2026-11-29T00:00:00Z")
        #expect(result.pages == 5)  // two item pages, variants, categories, company information
        #expect(try workspace.readText("extract/bc/products/items/page-0002.json").contains("No number"))
        #expect(try workspace.readText("extract/bc/products/items/pages.ndjson").split(separator: "\n").count == 2)
        let lines = try workspace.readText("snapshots/bc.products.ndjson").split(separator: "\n")
        let records = try lines.map { try SnapshotLine.decode(Array($0.utf8)) }
        #expect(records.map(\.key) == ["1000", "1000\u{1F}RED-M"])
        // Prices are in the company's currency.
        #expect(records.map { $0.fields["currency"] } == ["EUR", "EUR"])
        let image = try #require(records[0].fields["image"]?.objectValue)
        #expect(image["digest"] == .string(ContentDigest.sha256([0x89, 0x50, 0x4E, 0x47])))
        #expect(result.manifest.entity == "product" && result.manifest.system == "bc" && result.manifest.keyFields == ["sku"])
        #expect(SnapshotValidator.validateOK(workspace.path("snapshots/bc.products.ndjson")))
        #expect(result.rejected == 1)
        let reject = try workspace.readText("rejects.bc.products.ndjson")
        #expect(reject.contains(#""field":"number""#) && reject.contains("aaaaaaaa-0000-0000-0000-000000000002"))
    }

    @Test func withoutImageContentNoPictureIsDownloaded() async throws {
        let workspace = try TempWorkspace("bc-export")
        let scripted = transport()
        var export = BCExport(client: Fixture.client(Fixture.online(), scripted), runFolder: workspace.url.path)
        export.imageContent = false
        _ = try await export.run(.products, createdAt: "2026-11-29T00:00:00Z")
        #expect(!scripted.requests.contains { $0.url.hasSuffix("/pictureContent") })
    }
}

extension SnapshotValidator {
    static func validateOK(_ path: String) -> Bool { (try? validate(path: path).isValid) == true }
}
