import Foundation
import Testing
@testable import Lightspeed

@Suite struct LSClientQueryTests {
    static let jan1 = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z

    @Test func timeStampFilterIsEncodedAsTheReferenceShows() {
        let filter = LSQueryFilter.timeStamp(.atLeast, Self.jan1)
        #expect(filter.parameter == "timeStamp=%3E%3D%2C2024-01-01T00%3A00%3A00-00%3A00")
        #expect(LSQueryFilter.timeStamp(.greater, Self.jan1).parameter == "timeStamp=%3E%2C2024-01-01T00%3A00%3A00-00%3A00")
        #expect(LSQueryFilter.timeStamp(.less, Self.jan1).parameter.hasPrefix("timeStamp=%3C%2C"))
        #expect(LSQueryFilter.timeStamp(.atMost, Self.jan1).parameter.hasPrefix("timeStamp=%3C%3D%2C"))
        #expect(LSQueryFilter("customSku", .notEqual, "A").parameter == "customSku=!%3D%2CA")
    }

    @Test func boundedWindowsUseBetween() {
        let window = LSQueryFilter.timeStamp(from: Self.jan1, to: Self.jan1.addingTimeInterval(86_399))
        #expect(window.parameter == "timeStamp=%3E%3C%2C2024-01-01T00%3A00%3A00-00%3A00%2C2024-01-01T23%3A59%3A59-00%3A00")
        #expect(LSQueryFilter.between("itemID", "1", "10").parameter == "itemID=%3E%3C%2C1%2C10")
        #expect(LSQueryFilter.in("itemID", ["1", "2", "3"]).parameter == "itemID=IN%2C%5B1%2C2%2C3%5D")
        #expect(LSQueryFilter("description", .like, "%shirt%").parameter == "description=~%2C%25shirt%25")
    }

    @Test func loadRelationsIsAnEncodedJSONArray() {
        let query = LSQuery("Item").loadRelations("ItemShops", "Category")
        #expect(query.queryString(pageSize: 100) == "load_relations=%5B%22ItemShops%22%2C%22Category%22%5D&limit=100")
    }

    @Test func parametersComeInAFixedOrder() {
        let query = LSQuery("Sale").loadRelations("SaleLines").filter(.timeStamp(.atLeast, Self.jan1))
            .filter(LSQueryFilter("shopID", "1")).archived(.include).sort("timeStamp").limit(250)
        #expect(query.url(accountRoot: LSFixture.root, pageSize: 50) == LSFixture.root + "/Sale.json?"
            + "load_relations=%5B%22SaleLines%22%5D&timeStamp=%3E%3D%2C2024-01-01T00%3A00%3A00-00%3A00&shopID=1"
            + "&archived=true&sort=timeStamp&limit=100")
        #expect(LSQuery("Item").sort("timeStamp", descending: true).queryString(pageSize: 30) == "sort=-timeStamp&limit=30")
        #expect(LSQuery("Sale/12/SaleLine").entityKey == "SaleLine")
    }

    @Test func snapshotQueriesAskForTheirRelations() {
        #expect(LSQuery.Snapshot.customer.relations == ["Contact", "CustomerType"])
        #expect(LSQuery.Snapshot.sale.relations == ["SaleLines", "SalePayments", "Customer", "Customer.Contact"])
        #expect(LSQuery.Snapshot.item.relations.contains("ItemShops") && LSQuery.Snapshot.item.relations.contains("CustomFieldValues"))
        let stock = LSQuery.Snapshot.stockChanges(since: Self.jan1)
        #expect(stock.queryString(pageSize: 100) == "timeStamp=%3E%3D%2C2024-01-01T00%3A00%3A00-00%3A00&sort=timeStamp&limit=100")
        #expect(stock.entity == "ItemShop")
    }
}

@Suite struct LSClientSnapshotQueryTests {
    @Test func snapshotReadsHaveExactFirstPageURLs() {
        let root = LSFixture.root
        #expect(LSQuery.Snapshot.item.url(accountRoot: root, pageSize: 100) == root + "/Item.json?load_relations="
            + "%5B%22ItemShops%22%2C%22Category%22%2C%22ItemAttributes%22%2C%22Images%22%2C%22ItemECommerce%22%2C%22CustomFieldValues%22%5D"
            + "&archived=true&limit=100")
        #expect(LSQuery.Snapshot.itemMatrix.url(accountRoot: root, pageSize: 100)
            == root + "/ItemMatrix.json?load_relations=%5B%22ItemAttributeSet%22%2C%22ItemECommerce%22%5D&archived=true&limit=100")
        #expect(LSQuery.Snapshot.customer.url(accountRoot: root, pageSize: 100)
            == root + "/Customer.json?load_relations=%5B%22Contact%22%2C%22CustomerType%22%5D&archived=true&limit=100")
        #expect(LSQuery.Snapshot.sale.url(accountRoot: root, pageSize: 100)
            == root + "/Sale.json?load_relations=%5B%22SaleLines%22%2C%22SalePayments%22%2C%22Customer%22%2C%22Customer.Contact%22%5D"
            + "&completed=true&voided=false&limit=100")
        let plain: [(LSQuery, String)] = [
            (LSQuery.Snapshot.shop, "Shop"), (LSQuery.Snapshot.paymentType, "PaymentType"), (LSQuery.Snapshot.taxClass, "TaxClass"),
            (LSQuery.Snapshot.category, "Category"), (LSQuery.Snapshot.customerType, "CustomerType"),
            (LSQuery.Snapshot.itemAttributeSet, "ItemAttributeSet"),
        ]
        for (query, entity) in plain {
            #expect(query.url(accountRoot: root, pageSize: 100) == "\(root)/\(entity).json?limit=100")
        }
        let from = Date(timeIntervalSince1970: 1_704_067_200), to = from.addingTimeInterval(3600)
        #expect(LSQuery.Snapshot.changed(LSQuery.Snapshot.sale, from: from, to: to).queryString(pageSize: 100)
            == "load_relations=%5B%22SaleLines%22%2C%22SalePayments%22%2C%22Customer%22%2C%22Customer.Contact%22%5D"
            + "&completed=true&voided=false&timeStamp=%3E%3C%2C2024-01-01T00%3A00%3A00-00%3A00%2C2024-01-01T01%3A00%3A00-00%3A00&sort=timeStamp&limit=100")
    }
}
