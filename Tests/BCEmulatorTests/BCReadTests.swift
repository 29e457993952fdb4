import EmulatorCore
@testable import BCEmulator
import Foundation
import PosBridgeCore
import Testing
import TestSupport

@Suite struct BCReadTests {
    @Test func pagingFollowsNextLinksToTheCompleteSetWithoutDuplicates() async throws {
        let bc = try BCHarness()
        var target: String? = BCHarness.api("customers")
        var numbers: [String] = []
        var pages = 0
        while let next = target {
            let page = await bc.get(next, headers: ["Prefer": "odata.maxpagesize=2"])
            #expect(page.status == 200)
            #expect(page.values.count <= 2)
            numbers += page.values.compactMap { $0["number"]?.stringValue }
            target = page["@odata.nextLink"].map(relative)
            pages += 1
        }
        #expect(pages == 25)
        #expect(numbers.count == 50)
        #expect(Set(numbers).count == 50)
    }

    @Test func orderedPagingStaysSortedAndComplete() async throws {
        let bc = try BCHarness()
        var target: String? = BCHarness.api("items?$orderby=unitPrice desc&$select=number,unitPrice")
        var prices: [Decimal] = []
        var numbers = Set<String>()
        while let next = target {
            let page = await bc.get(next, headers: ["Prefer": "odata.maxpagesize=30"])
            #expect(page.status == 200)
            for item in page.values {
                if case .number(let n)? = item["unitPrice"] { prices.append(Decimal(string: n.text)!) }
                if let number = item["number"]?.stringValue { numbers.insert(number) }
            }
            target = page["@odata.nextLink"].map(relative)
        }
        #expect(numbers.count == 200)
        #expect(prices == prices.sorted(by: >))
    }

    @Test func topGivesNoNextLink() async throws {
        let bc = try BCHarness()
        let page = await bc.get(BCHarness.api("items?$top=3"), headers: ["Prefer": "odata.maxpagesize=2"])
        #expect(page.values.count == 3)
        #expect(page["@odata.nextLink"] == nil)
        let counted = await bc.get(BCHarness.api("customers?$count=true&$filter=type eq 'Company'&$top=1"))
        #expect(counted.json.objectValue?["@odata.count"] == .number(CanonicalNumber(17)))
    }

    @Test func filtersByNumberDateTimeAndSameFieldOr() async throws {
        let bc = try BCHarness()
        let one = await bc.get(BCHarness.api("items?$filter=number%20eq%20'SKU-10001'"))
        #expect(one.values.count == 1)
        #expect(one.values.first?["id"]?.stringValue == BCHarness.firstItem)
        let either = await bc.get(BCHarness.api("items?$filter=number eq 'SKU-10001' or number eq 'SKU-10028'"))
        #expect(either.values.count == 2)
        let all = await bc.get(BCHarness.api("customers")).values
        let cut = "2026-11-10T00:00:00Z"
        let expected = all.filter { ($0["lastModifiedDateTime"]?.stringValue ?? "") > cut }.count
        let recent = await bc.get(BCHarness.api("customers?$filter=lastModifiedDateTime gt \(cut)"))
        #expect(recent.status == 200)
        #expect(recent.values.count == expected)
        #expect(expected > 0 && expected < 50)
        let companies = await bc.get(BCHarness.api("customers?$filter=type eq 'Company' and creditLimit gt 100"))
        #expect(companies.values.count == 17)
    }

    @Test func orAcrossFieldsAndUnsupportedSyntaxAreRefused() async throws {
        let bc = try BCHarness()
        let across = await bc.get(BCHarness.api("items?$filter=number eq 'SKU-10001' or displayName eq 'x'"))
        #expect(across.status == 400)
        #expect(across.text.contains("The 'OR' operator is not supported on distinct fields"))
        let function = await bc.get(BCHarness.api("items?$filter=startswith(number,'SKU')"))
        #expect(function.status == 400)
        #expect(function.errorCode == "BadRequest_NotFound")
        let unquoted = await bc.get(BCHarness.api("items?$filter=number eq SKU-10001"))
        #expect(unquoted.status == 400)
        let unknown = await bc.get(BCHarness.api("items?$filter=colour eq 'red'"))
        #expect(unknown.status == 400)
    }

    @Test func selectKeepsOnlyTheFieldsAndTheEtag() async throws {
        let bc = try BCHarness()
        let page = await bc.get(BCHarness.api("items?$select=number,unitPrice&$top=5"))
        #expect(page.values.count == 5)
        for item in page.values { #expect(Set(item.keys) == ["number", "unitPrice", "@odata.etag"]) }
    }

    @Test func expandBringsOrderLinesAndLinesNeedADocumentId() async throws {
        let bc = try BCHarness()
        let order = await bc.get(BCHarness.api("salesOrders(\(BCHarness.firstOrder))?$expand=salesOrderLines($select=sequence,quantity)"))
        guard case .array(let lines)? = order.json.objectValue?["salesOrderLines"] else {
            Issue.record("no salesOrderLines in \(order.text)")
            return
        }
        #expect(lines.count == 3)
        #expect(lines.first?.objectValue?["sequence"] == .number(CanonicalNumber(10000)))
        let bare = await bc.get(BCHarness.api("salesOrderLines"))
        #expect(bare.status == 400)
        #expect(bare.text.contains("You must specify an Id or a Document Id to get the lines."))
        let filtered = await bc.get(BCHarness.api("salesOrderLines?$filter=documentId eq \(BCHarness.firstOrder)"))
        #expect(filtered.values.count == 3)
    }

    @Test func expandsVariantsAndReferencesAndServesVersion1Items() async throws {
        let bc = try BCHarness()
        let jackets = await bc.get(BCHarness.api("items?$filter=itemCategoryCode eq 'JACKETS'&$expand=itemVariants,itemCategory"))
        let withVariants = jackets.values.filter { if case .array(let v)? = $0["itemVariants"] { !v.isEmpty } else { false } }
        #expect(!withVariants.isEmpty)
        #expect(jackets.values.allSatisfy { $0["itemCategory"]?.objectValue?["code"] == "JACKETS" })
        let jacket = try #require(withVariants.first)
        let variants = await bc.get(BCHarness.api("items(\(try #require(jacket["id"]?.stringValue)))/itemVariants"))
        guard case .array(let expanded)? = jacket["itemVariants"] else { return }
        #expect(variants.values.count == expanded.count)
        #expect(variants.values.allSatisfy { $0["itemId"] == jacket["id"] })
        let v1 = await bc.get("/v2.0/production/api/v1.0/companies(\(BCHarness.company))/items(\(BCHarness.firstItem))")
        #expect(v1.json.objectValue?["baseUnitOfMeasure"]?.objectValue?["code"] == "PCS")
        #expect(v1["type"] == "Inventory")
        let nonInventory = await bc.get("/v2.0/production/api/v1.0/companies(\(BCHarness.company))/items?$filter=number eq 'SKU-11143'").values
        #expect(nonInventory.first?["type"] == "Non-Inventory")
        let v1Write = await bc.send("PATCH", "/v2.0/production/api/v1.0/companies(\(BCHarness.company))/items(\(BCHarness.firstItem))", headers: ["If-Match": "*"], json: ["displayName": "x"])
        #expect(v1Write.status == 405)
    }

    @Test func everyEntityHasAWeakEtagAndEnumsAreEncoded() async throws {
        let bc = try BCHarness()
        let items = await bc.get(BCHarness.api("items")).values
        #expect(items.count == 200)
        #expect(items.allSatisfy { $0["@odata.etag"]?.stringValue?.hasPrefix("W/\"Jz") == true })
        #expect(items.contains { $0["type"]?.stringValue == "Non_x002D_Inventory" })
        let context = await bc.get(BCHarness.api("items?$top=1"))["@odata.context"]
        #expect(context == "http://127.0.0.1:7048\(BCHarness.root)/$metadata#companies(\(BCHarness.company))/items")
    }

    @Test func emptyCompanyAnswersEmptyCollections() async throws {
        let bc = try BCHarness()
        let items = await bc.get(BCHarness.api("items", company: BCHarness.emptyCompany))
        #expect(items.status == 200)
        #expect(items.values.isEmpty)
        let companies = await bc.get("\(BCHarness.root)/companies")
        #expect(companies.values.count == 2)
        let byQuery = await bc.get("\(BCHarness.root)/items?company=\(BCHarness.emptyCompany)")
        #expect(byQuery.status == 200 && byQuery.values.isEmpty)
        let unknown = await bc.get(BCHarness.api("items", company: "11111111-1111-1111-1111-111111111111"))
        #expect(unknown.status == 404)
    }

    @Test func companionAPIStockPageAndVersion1Shapes() async throws {
        let bc = try BCHarness()
        let companion = "/v2.0/production/api/posbridge/sync/v1.0/companies(\(BCHarness.company))"
        let settings = await bc.get("\(companion)/itemSyncSettings?$filter=itemNumber eq 'SKU-10001'")
        #expect(settings.values.count == 1)
        let stock = await bc.get("\(companion)/itemStock?$filter=itemNumber eq 'SKU-10028'").values
        #expect(!stock.isEmpty)
        let total = stock.compactMap { $0["inventory"].flatMap { if case .number(let n) = $0 { Int(n.text) } else { nil } } }.reduce(0, +)
        let main = stock.filter { $0["locationCode"]?.stringValue == "MAIN" }
            .compactMap { $0["inventory"].flatMap { if case .number(let n) = $0 { Int(n.text) } else { nil } } }.reduce(0, +)

        let page = "/v2.0/production/ODataV4/Company('CRONUS%20Outdoor%20AG')/ItemStock"
        let all = await bc.get("\(page)?$filter=No eq 'SKU-10028'").values
        #expect(all.first?["Inventory"] == .number(CanonicalNumber(total)))
        let perLocation = await bc.get("\(page)?$filter=Location_Filter eq 'MAIN' and No eq 'SKU-10028'").values
        #expect(perLocation.count == 1)
        #expect(perLocation.first?["Inventory"] == .number(CanonicalNumber(main)))
        #expect(perLocation.first?["Location_Filter"] == "MAIN")
        #expect(main < total)

        let v1 = await bc.get("/v2.0/production/api/v1.0/companies(\(BCHarness.company))/customers?$top=1").values.first
        #expect(v1?["address"]?.objectValue?["countryLetterCode"] == "CH")
        #expect(v1?["addressLine1"] == nil)
        let onPrem = await bc.get("/BC250/api/v2.0/companies(\(BCHarness.company))/items(\(BCHarness.firstItem))")
        #expect(onPrem["number"] == "SKU-10001")
    }

    @Test func pictureMetadataLinksToTheBytes() async throws {
        let bc = try BCHarness()
        let picture = await bc.get(BCHarness.api("items(\(BCHarness.firstItem))/picture"))
        let link = try #require(picture["pictureContent@odata.mediaReadLink"])
        let bytes = await bc.get(relative(link))
        #expect(bytes.status == 200)
        #expect(bytes.header("Content-Type") == "image/png")
        #expect(Array(bytes.body.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
