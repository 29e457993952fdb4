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
        #expect(try state("lightspeed\(US)LS-1") == "open")
        #expect(try state("lightspeed\(US)LS-2") == "open")
        #expect(try state("lightspeed\(US)LS-3") == "released")
        #expect(try state("lightspeed\(US)LS-4") == "shipped")
        #expect(try state("lightspeed\(US)LS-6") == "invoiced")
        #expect(try state("lightspeed\(US)LS-7") == "open")
        #expect(try state("bc\(US)SO5") == "invoiced")
        let six = try record(result, "lightspeed\(US)LS-6")
        #expect(canonical(six.fields) == #"{"documentNumber":"SI1","documentType":"sales_invoice","status":"invoiced"}"#)
        #expect(six.ref["bcOrderNumber"] == "SO6")
        #expect(try record(result, "lightspeed\(US)LS-4").fields["documentNumber"] == "SH1")
    }

    @Test func unknownStatusIsRejected() {
        let result = BCOrderStatusTranslator.translate(salesOrders: bcRows(#"[{"number":"SO9","status":"Weird"}]"#))
        #expect(result.records.isEmpty)
        #expect(result.rejects.first?.field == "status")
        #expect(result.rejects.first?.key == "bc\(US)SO9")
    }
}
