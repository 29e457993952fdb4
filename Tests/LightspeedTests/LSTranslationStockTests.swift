@testable import Lightspeed
import PosBridgeCore
import Testing

@Suite struct LSTranslationStockTests {
    static let shops = lsRows(#"[{"shopID":"1","name":"Main Store"},{"shopID":"2","name":"Warehouse"}]"#)

    @Test func stockPerShopWithAllShopsRowAndMapping() throws {
        let items = lsRows("""
        [{"itemID":"20","customSku":"1000","itemType":"default","ItemShops":{"ItemShop":[
            {"itemShopID":"100","itemID":"20","shopID":"0","qoh":"15","onLayaway":"1"},
            {"itemShopID":"101","itemID":"20","shopID":"1","qoh":"10"},
            {"itemShopID":"102","itemID":"20","shopID":"2","qoh":"5"},
            {"itemShopID":"103","itemID":"20","shopID":"3","qoh":"-2"}]}},
         {"itemID":"21","customSku":"2000","itemType":"non_inventory","ItemShops":{"ItemShop":{"shopID":"1","qoh":"3"}}},
         {"itemID":"31","customSku":"1000/RED-M","itemMatrixID":"5","ItemShops":{"ItemShop":{"itemShopID":"200","shopID":"1","qoh":"4"}}},
         {"itemID":"40","customSku":"3000","ItemShops":""}]
        """)
        var options = LSTranslationOptions()
        options.locations = ["2": "WH"]
        let result = LSStockTranslator.translate(items: items, shops: Self.shops, options: options)
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.key) == ["1000\(US)*", "1000\(US)Main Store", "1000\(US)WH", "1000\(US)3", "1000\(US)RED-M\(US)Main Store"])
        let all = try record(result, "1000\(US)*")
        #expect(canonical(all.fields) == #"{"available":15,"inventory":15,"location":"*","reserved":0,"sku":"1000"}"#)
        #expect(all.ref["onLayaway"] == 1)
        #expect(all.ref["lsItemShopID"] == "100")
        #expect(try record(result, "1000\(US)3").fields["inventory"] == num("-2"))
        #expect(try record(result, "1000\(US)RED-M\(US)Main Store").fields["sku"] == .string("1000\(US)RED-M"))
    }

    @Test func itemShopRowsFromTheEndpoint() throws {
        let rows = lsRows("""
        [{"itemShopID":"1","itemID":"20","shopID":"1","qoh":"7"},
         {"itemShopID":"2","itemID":"99","shopID":"1","qoh":"1"},
         {"itemShopID":"3","itemID":"20","shopID":"1","qoh":"8"},
         {"itemShopID":"4","itemID":"20","shopID":"2","qoh":"x"}]
        """)
        let result = LSStockTranslator.translate(itemShops: rows, skus: ["20": "1000"])
        #expect(result.records.map(\.key) == ["1000\(US)1"])
        #expect(result.rejects.map(\.description) == [
            "ItemShop(2): itemID names no item with a product key",
            "ItemShop(3): shopID gives an invalid or duplicate key",
            "ItemShop(4) [1000\(US)2]: qoh is not a decimal number",
        ])
    }
}
