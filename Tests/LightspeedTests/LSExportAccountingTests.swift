import Foundation
@testable import Lightspeed
import PosBridgeCore
import Snapshots
import Testing

/// Nothing a Lightspeed export reads vanishes: for every entity, the records on the pages read equal
/// the snapshot's records plus the rejects, plus what a documented rule leaves out or folds into
/// another record (counted here from the pages). Lookup rows (Category for products, CustomerType,
/// PaymentType, Shop) are not snapshot records and are not counted. Driven through `LSExport` with
/// crafted pages, bad records included.
@Suite struct LSExportAccountingTests {
    /// Serves one page per entity (`Item`, `Sale`, …) and runs the export.
    private func export(_ entity: LSExport.Entity, _ pages: [String: String]) async throws -> (ExportResult<LSExport.Entity>, [[String: JSONValue]]) {
        let harness = try LSHarness { request in
            let path = request.url.components(separatedBy: "?")[0]
            let name = String(path.split(separator: "/").last ?? "").replacingOccurrences(of: ".json", with: "")
            return LSFixture.raw(200, #"{"@attributes":{"next":"","previous":""}"# + (pages[name].map { ",\"\(name)\":\($0)" } ?? "") + "}")
        }
        let run = harness.workspace.path("run")
        let result = try await LSExport(client: harness.client, runFolder: run).run(entity, createdAt: "2026-11-29T00:00:00Z")
        var rejects: [[String: JSONValue]] = []
        if let file = result.rejectsFile {
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
                rejects.append(try #require(try JSONParser.parse(bytes: Array(line.utf8)).objectValue))
            }
        }
        #expect(rejects.count == result.rejected)
        #expect(rejects.allSatisfy { ($0["reason"]?.stringValue ?? "").isEmpty == false }, "every reject has a reason")
        return (result, rejects)
    }

    private func count(_ json: String) -> Int { lsRows(json).count }

    private func sources(_ rejects: [[String: JSONValue]]) -> [String] { rejects.compactMap { $0["source"]?.stringValue }.sorted() }

    @Test func everyItemAndMatrixIsAProductOrAReject() async throws {
        let items = """
        [{"itemID":"1","customSku":"1000","description":"Tent"},
         {"itemID":"2","customSku":"","description":"no SKU"},
         {"itemID":"3","customSku":"1003","itemType":"box"},
         {"itemID":"4","customSku":"1000","description":"duplicate"},
         {"itemID":"5","customSku":"1005","Prices":{"ItemPrice":{"useType":"Default","amount":"abc"}}},
         {"itemID":"11","customSku":"2000/RED","itemMatrixID":"10"},
         {"itemID":"12","customSku":"2000/BLUE","itemMatrixID":"10"},
         {"itemID":"13","customSku":"3000-X","itemMatrixID":"10"},
         {"itemID":"21","customSku":"nosep","itemMatrixID":"20"},
         {"itemID":"22","customSku":"","itemMatrixID":"20"},
         {"itemID":"40","customSku":"4000/A","itemMatrixID":"99"},
         {"itemID":"51","customSku":"5000/A","itemMatrixID":"50"},
         {"itemID":"52","customSku":"5000/B","itemMatrixID":"50"},
         {"itemID":"60","customSku":"6000","itemType":"non_inventory"},
         {"itemID":"70","customSku":"7000","archived":"true"}]
        """
        let matrices = """
        [{"itemMatrixID":"10","description":"Shirt"},
         {"itemMatrixID":"20","description":"every item rejected"},
         {"itemMatrixID":"30","description":"no items"},
         {"itemMatrixID":"50","description":"bad price","Prices":{"ItemPrice":{"useType":"Default","amount":"1,5"}}}]
        """
        let (result, rejects) = try await export(.products, ["Item": items, "ItemMatrix": matrices, "Category": "[]"])
        #expect(result.manifest.recordCount + result.rejected == count(items) + count(matrices))
        #expect(result.manifest.recordCount == 6)  // 1000, 2000, 2000␟RED, 2000␟BLUE, 6000, 7000
        #expect(sources(rejects) == ["Item(13)", "Item(2)", "Item(21)", "Item(22)", "Item(3)", "Item(4)", "Item(40)", "Item(5)",
                                     "Item(51)", "Item(52)", "ItemMatrix(20)", "ItemMatrix(30)", "ItemMatrix(50)"])
        let matrix20 = try #require(rejects.first { $0["source"] == "ItemMatrix(20)" })
        #expect(matrix20["field"] == "Items" && matrix20["reason"]?.stringValue?.contains("all rejected") == true)
        let child = try #require(rejects.first { $0["source"] == "Item(51)" })
        #expect(child["field"] == "itemMatrixID" && child["reason"]?.stringValue?.contains("rejected ItemMatrix") == true)
    }

    @Test func everyCategoryIsARecordOrAReject() async throws {
        let categories = """
        [{"categoryID":"1","name":"Gear","parentID":"0","fullPathName":"Gear"},
         {"categoryID":"2","name":"Tents","parentID":"1","fullPathName":"Gear/Tents"},
         {"categoryID":"3","name":"","parentID":"0","fullPathName":""},
         {"categoryID":"4","name":"Gear","parentID":"0","fullPathName":"Gear"},
         {"categoryID":"0","name":"no id"}]
        """
        let (result, rejects) = try await export(.categories, ["Category": categories])
        #expect(result.manifest.recordCount + result.rejected == count(categories))
        #expect(result.manifest.recordCount == 2)
        #expect(sources(rejects) == ["Category(0)", "Category(3)", "Category(4)"])
    }

    @Test func everyCustomerIsARecordOrAReject() async throws {
        func customer(_ id: Int, _ email: String, first: String = "Anna", archived: Bool = false) -> String {
            #"{"customerID":"\#(id)","firstName":"\#(first)","lastName":"","archived":"\#(archived)","Contact":{"Emails":"#
                + (email.isEmpty ? #""""# : #"{"ContactEmail":{"address":"\#(email)","useType":"Primary"}}"#) + "}}"
        }
        let customers = "[" + [
            customer(1, "anna@example.test"), customer(2, ""), customer(3, "not an address"), customer(4, "ANNA@example.test"),
            customer(5, "nameless@example.test", first: ""), customer(6, "old@example.test", archived: true),
        ].joined(separator: ",") + "]"
        let (result, rejects) = try await export(.customers, ["Customer": customers, "CustomerType": "[]"])
        #expect(result.manifest.recordCount + result.rejected == count(customers))
        #expect(result.manifest.recordCount == 2)  // anna@, old@ (archived: blocked "all")
        #expect(sources(rejects) == ["Customer(2)", "Customer(3)", "Customer(4)", "Customer(5)"])
    }

    @Test func everySaleIsAnOrderARejectOrLeftOutByTheCompletedRule() async throws {
        let sales = """
        [{"saleID":"1","completed":"true","voided":"false","customerID":"0","SaleLines":{"SaleLine":{"saleLineID":"1","itemID":"1","unitQuantity":"1"}}},
         {"saleID":"2","completed":"true","voided":"false","customerID":"7","SaleLines":{"SaleLine":{"saleLineID":"2","itemID":"99","unitQuantity":"1"}}},
         {"saleID":"3","completed":"true","voided":"false","customerID":"0","total":"x"},
         {"saleID":"1","completed":"true","voided":"false","customerID":"0"},
         {"saleID":"4","completed":"false","voided":"false","customerID":"0"},
         {"saleID":"5","completed":"true","voided":"true","customerID":"0"},
         {"saleID":"6","completed":"true","voided":"false","customerID":"7","SaleLines":""}]
        """
        let (result, rejects) = try await export(.orders, [
            "Sale": sales, "Item": #"[{"itemID":"1","customSku":"1000"}]"#, "PaymentType": "[]",
            "Customer": #"[{"customerID":"7","firstName":"Anna","Contact":{"Emails":{"ContactEmail":{"address":"anna@example.test"}}}}]"#,
        ])
        // Documented rule: only completed, not voided sales are orders (the read asks for those only).
        let leftOut = lsRows(sales).filter { $0["completed"] != "true" || $0["voided"] == "true" }.count
        #expect(leftOut == 2)
        #expect(result.manifest.recordCount + result.rejected + leftOut == count(sales))
        #expect(result.manifest.recordCount == 2)
        #expect(sources(rejects) == ["Sale(1)", "Sale(3)", "SaleLine(2)"])
    }

    @Test func everyItemShopRowIsStockARejectOrCountedByARule() async throws {
        let items = """
        [{"itemID":"1","customSku":"1000","ItemShops":{"ItemShop":[
            {"itemShopID":"10","shopID":"0","qoh":"5"},{"itemShopID":"11","shopID":"1","qoh":"5"},
            {"itemShopID":"12","shopID":"1","qoh":"6"},{"itemShopID":"13","qoh":"1"},{"itemShopID":"14","shopID":"2","qoh":"many"}]}},
         {"itemID":"2","customSku":"","ItemShops":{"ItemShop":[{"itemShopID":"20","shopID":"0","qoh":"1"},{"itemShopID":"21","shopID":"1","qoh":"1"}]}},
         {"customSku":"3000","ItemShops":{"ItemShop":{"itemShopID":"30","shopID":"1","qoh":"1"}}},
         {"itemID":"4","customSku":"4000","itemType":"non_inventory","ItemShops":{"ItemShop":[{"itemShopID":"40","shopID":"0","qoh":"0"},{"itemShopID":"41","shopID":"1","qoh":"0"}]}}]
        """
        let (result, rejects) = try await export(.stock, ["Item": items, "Shop": #"[{"shopID":"1","name":"Main"}]"#])
        let rows = lsRows(items).map { LSFields.list($0, "ItemShops", "ItemShop").count }
        // Documented rules: non-inventory items have no stock (2 rows); an item without a product key
        // is one reject standing for all its rows (items 2 and the one without itemID: 2 + 1 rows).
        let nonInventory = rows[3], foldedIntoItemRejects = rows[1] + rows[2]
        let rowRejects = rejects.filter { $0["source"]?.stringValue?.hasPrefix("ItemShop(") == true }.count
        #expect(result.manifest.recordCount + rowRejects + foldedIntoItemRejects + nonInventory == rows.reduce(0, +))
        #expect(result.manifest.recordCount == 2)  // 1000␟*, 1000␟Main
        #expect(sources(rejects) == ["Item(2)", "Item(?)", "ItemShop(12)", "ItemShop(13)", "ItemShop(14)"])
        let itemReject = try #require(rejects.first { $0["source"] == "Item(2)" })
        #expect(itemReject["reason"]?.stringValue?.contains("(2 ItemShop rows)") == true)
    }
}
