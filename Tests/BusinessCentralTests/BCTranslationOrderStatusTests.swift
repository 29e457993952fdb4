@testable import BusinessCentral
import PosBridgeCore
import Testing

@Suite struct BCTranslationOrderStatusTests {
    @Test func statesFromOrdersShipmentsAndInvoices() throws {
        let orders = bcRows("""
        [{"number":"SO1","externalDocumentNumber":"LS-1","status":"Draft"},
         {"number":"SO2","externalDocumentNumber":"LS-2","status":"In_x0020_Review"},
         {"number":"SO3","externalDocumentNumber":"LS-3","status":"Open"},
         {"number":"SO4","externalDocumentNumber":"LS-4","status":"Open"},
         {"number":"SO5","externalDocumentNumber":"","status":"Open"}]
        """)
        let shipments = bcRows(#"[{"number":"SH1","orderNumber":"SO4","externalDocumentNumber":"LS-4"},{"number":"SH2","orderNumber":"SO6","externalDocumentNumber":"LS-6"}]"#)
        let invoices = bcRows("""
        [{"number":"SI1","orderNumber":"SO6","externalDocumentNumber":"LS-6","status":"Paid"},
         {"number":"SI2","orderNumber":"","externalDocumentNumber":"LS-7","status":"Draft"},
         {"number":"SI3","orderNumber":"SO5","externalDocumentNumber":"","status":"Open"}]
        """)
        let result = BCOrderStatusTranslator.translate(salesOrders: orders, salesShipments: shipments, salesInvoices: invoices)
        #expect(result.rejects.isEmpty)
        func state(_ key: String) throws -> String? { try record(result, key).fields["status"]?.stringValue }
        #expect(try state("lightspeed\(US)1") == "open")
        #expect(try state("lightspeed\(US)2") == "open")
        #expect(try state("lightspeed\(US)3") == "released")
        #expect(try state("lightspeed\(US)4") == "shipped")
        #expect(try state("lightspeed\(US)6") == "invoiced")
        #expect(try state("lightspeed\(US)7") == "open")
        #expect(try state("bc\(US)SO5") == "invoiced")
        let six = try record(result, "lightspeed\(US)6")
        #expect(canonical(six.fields) == #"{"documentNumber":"SI1","documentType":"sales_invoice","status":"invoiced"}"#)
        #expect(six.ref["bcOrderNumber"] == "SO6")
        #expect(try record(result, "lightspeed\(US)4").fields["documentNumber"] == "SH1")
    }

    @Test func aCustomerPurchaseOrderNumberTiesNothingAndFoldsAreCounted() throws {
        let orders = bcRows(#"[{"number":"SO1","externalDocumentNumber":"PO-77","status":"Open"},{"number":"SO2","externalDocumentNumber":"LS-2","status":"Open"}]"#)
        let shipments = bcRows(#"[{"number":"SH1","orderNumber":"","externalDocumentNumber":"PO-77"},{"number":"SH2","orderNumber":"SO2","externalDocumentNumber":"LS-2"}]"#)
        let result = BCOrderStatusTranslator.translate(salesOrders: orders, salesShipments: shipments)
        #expect(result.rejects.isEmpty)
        // PO-77 is no Lightspeed sale: the order and the shipment stay BC's own documents.
        #expect(Set(result.records.map(\.key)) == ["bc\(US)SO1", "bc\(US)SH1", "lightspeed\(US)2"])
        #expect(try record(result, "lightspeed\(US)2").fields["status"] == "shipped")
        // 4 documents read = 3 records + 1 folded into its order's record.
        #expect(result.omitted == [BCOrderStatusTranslator.foldedIntoOrder: 1])
    }

    @Test func unknownStatusIsRejected() {
        let result = BCOrderStatusTranslator.translate(salesOrders: bcRows(#"[{"number":"SO9","status":"Weird"}]"#))
        #expect(result.records.isEmpty)
        #expect(result.rejects.first?.field == "status")
        #expect(result.rejects.first?.key == "bc\(US)SO9")
    }
}
