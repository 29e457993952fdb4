import Foundation
import PosBridgeCore
import Testing
@testable import BusinessCentral

@Suite struct BCClientStockTests {
    @Test func odataPageReadsEachLocationWithTheFlowFilter() async throws {
        let transport = ScriptedTransport(Fixture.standard { request in
            let green = request.url.contains("'GREEN'")
            return Fixture.json(200, ["value": [
                ["No": "1896-S", "Inventory": green ? 12 : 3, "Qty_on_Sales_Order": .number(CanonicalNumber("1.5")!)],
            ]])
        })
        let client = Fixture.client(Fixture.online(stockSource: .odataPage), transport)
        let figures = try await client.stock(locations: ["GREEN", "BLUE"])
        #expect(figures == [
            BCStockFigure(itemNumber: "1896-S", locationCode: "GREEN", inventory: 12, onSalesOrders: Decimal(string: "1.5")!),
            BCStockFigure(itemNumber: "1896-S", locationCode: "BLUE", inventory: 3, onSalesOrders: Decimal(string: "1.5")!),
        ])
        #expect(figures[0].available == Decimal(string: "10.5")!)
        #expect(transport.dataRequests.map(\.url) == ["GREEN", "BLUE"].map {
            "\(Fixture.root)/ODataV4/Company('CRONUS')/ItemStock?$filter=Location_Filter%20eq%20'\($0)'"
                + "&$select=No,Inventory,Qty_on_Sales_Order"
        })
    }

    @Test func standardSubtractsOutstandingSalesOrderLines() async throws {
        let transport = ScriptedTransport(Fixture.standard { request in
            if request.url.contains("/salesOrders") {
                return Fixture.json(200, ["value": [
                    ["id": "o1", "salesOrderLines": [
                        ["lineType": "Item", "lineObjectNumber": "A", "quantity": 5, "shippedQuantity": 2],
                        ["lineType": "Comment", "lineObjectNumber": "", "quantity": 0, "shippedQuantity": 0],
                        ["lineType": "Account", "lineObjectNumber": "6110", "quantity": 9, "shippedQuantity": 0],
                    ]],
                    ["id": "o2", "salesOrderLines": [
                        ["lineType": "Item", "lineObjectNumber": "A", "quantity": .number(CanonicalNumber("0.25")!), "shippedQuantity": 0],
                    ]],
                ]])
            }
            return Fixture.json(200, ["value": [["number": "A", "inventory": 10], ["number": "B", "inventory": 4]]])
        })
        let figures = try await Fixture.client(Fixture.online(stockSource: .standard), transport).stock(locations: [])
        #expect(figures == [
            BCStockFigure(itemNumber: "A", locationCode: nil, inventory: 10, onSalesOrders: Decimal(string: "3.25")!),
            BCStockFigure(itemNumber: "B", locationCode: nil, inventory: 4, onSalesOrders: 0),
        ])
        #expect(transport.dataRequests.first?.url == "\(Fixture.companyAPI)/salesOrders?$select=id"
            + "&$expand=salesOrderLines($select=lineType,lineObjectNumber,quantity,shippedQuantity)")
    }

    @Test func companionNeedsTheExtension() async throws {
        let transport = ScriptedTransport(Fixture.standard { _ in Fixture.json(200, ["value": []]) })
        let error = await #expect(throws: BCError.self) {
            _ = try await Fixture.client(Fixture.online(stockSource: .companion), transport).stock(locations: ["A"])
        }
        #expect(error?.kind == .configuration)
    }
}
