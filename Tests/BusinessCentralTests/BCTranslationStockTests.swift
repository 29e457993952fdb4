@testable import BusinessCentral
import PosBridgeCore
import Testing

@Suite struct BCTranslationStockTests {
    @Test func fromCompanionItemStock() throws {
        let rows = bcRows("""
        [{"itemNumber":"1000","variantCode":"RED-M","locationCode":"MAIN","inventory":10,"reservedOnSalesOrders":3,"available":7},
         {"itemNumber":"1000","variantCode":"","locationCode":"","inventory":2.5,"reservedOnSalesOrders":0.5},
         {"itemNumber":"","variantCode":"","locationCode":"MAIN","inventory":1},
         {"itemNumber":"2000","variantCode":"","locationCode":"MAIN","inventory":"x"}]
        """)
        let result = BCStockTranslator.translate(companionStock: rows)
        #expect(result.records.map(\.key) == ["1000\(US)RED-M\(US)MAIN", "1000\(US)_"])
        #expect(canonical(result.records[0].fields) == #"{"available":7,"inventory":10,"location":"MAIN","reserved":3,"sku":"1000\u001fRED-M"}"#)
        #expect(canonical(result.records[1].fields) == #"{"available":2,"inventory":2.5,"location":"_","reserved":0.5,"sku":"1000"}"#)
        #expect(result.rejects.map(\.field) == ["itemNumber", "inventory"])
    }

    @Test func fromOneLocationOfAnODataPage() throws {
        let rows = bcRows(#"[{"No":"1000","Inventory":4,"Qty_on_Sales_Order":1.25},{"No":"2000","Inventory":0}]"#)
        let result = BCStockTranslator.translate(locationPage: rows, location: "EAST")
        #expect(canonical(try record(result, "1000\(US)EAST").fields) == #"{"available":2.75,"inventory":4,"location":"EAST","reserved":1.25,"sku":"1000"}"#)
        #expect(try record(result, "2000\(US)EAST").fields["available"] == 0)
        var layout = BCStockTranslator.LocationPageLayout()
        layout.number = "ItemNo"
        layout.inventory = "Qty"
        layout.reserved = nil
        let custom = BCStockTranslator.translate(locationPage: bcRows(#"[{"ItemNo":"9","Qty":3,"Qty_on_Sales_Order":1}]"#), location: "W", layout: layout)
        #expect(custom.records.first?.fields["available"] == 3)
    }

    @Test func standardFallbackSubtractsOpenOrderLines() throws {
        let items = bcRows("""
        [{"id":"5b1c0000-0000-0000-0000-000000000001","number":"1000","type":"Inventory","inventory":10},
         {"number":"3000","type":"Service","inventory":0},
         {"number":"4000","type":"Inventory","inventory":1.1}]
        """)
        let lines = bcRows("""
        [{"lineType":"Item","lineObjectNumber":"1000","quantity":3,"shippedQuantity":0},
         {"lineType":"Item","lineObjectNumber":"1000","quantity":2},
         {"lineType":"Comment","lineObjectNumber":"1000","quantity":7},
         {"lineType":"Item","lineObjectNumber":"4000","quantity":5,"shippedQuantity":4.9}]
        """)
        let result = BCStockTranslator.translate(items: items, openOrderLines: lines)
        #expect(result.records.map(\.key) == ["1000\(US)*", "4000\(US)*"])
        #expect(canonical(result.records[0].fields) == #"{"available":5,"inventory":10,"location":"*","reserved":5,"sku":"1000"}"#)
        #expect(canonical(result.records[1].fields) == #"{"available":1,"inventory":1.1,"location":"*","reserved":0.1,"sku":"4000"}"#)
        #expect(result.records[0].ref["bcId"] == "5b1c0000-0000-0000-0000-000000000001")
        // The Service item has no stock record, and is counted.
        #expect(result.omitted == [BCStockTranslator.notStocked: 1])
    }
}
