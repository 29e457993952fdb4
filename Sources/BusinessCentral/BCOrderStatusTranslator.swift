import PosBridgeCore

/// BC sales documents → canonical `order_status` records, keyed like `order`, saying how far BC has
/// taken each order: `open` → `released` → `shipped` → `invoiced` (docs/canonical-model.md, "order_status").
///
/// - A sales order's `status` gives open (`Draft`, `In Review`: BC status Open or Pending Approval)
///   or released (`Open`: BC Released or Pending Prepayment) — Microsoft, "salesOrder resource type".
/// - A posted shipment (`salesShipments`) for it makes it shipped.
/// - A posted invoice (`salesInvoices` with a status other than `Draft`/`In Review`) makes it
///   invoiced; a draft invoice alone is open. Fully posted orders vanish from `salesOrders`
///   (Microsoft, "salesOrder resource type"), so shipments and invoices also stand on their own.
/// Documents are tied to their order by `orderNumber`, else by a Lightspeed sale id in the external
/// document number (only with the Lightspeed prefix, as in `BCOrderTranslator`); a document with
/// neither is keyed `bc ␟ <order number or its own number>`.
/// The record names the document that gave the state (`documentType`, `documentNumber`). The other
/// documents of the same order fold into that record; they are counted in `omitted` under
/// `foldedIntoOrder`.
enum BCOrderStatusTranslator {
    /// The `omitted` rule for documents whose state is folded into another document's record.
    static let foldedIntoOrder = "sales documents: folded into the status record of their order"

    static func translate(
        salesOrders: [BCObject], salesShipments: [BCObject] = [], salesInvoices: [BCObject] = [],
        externalSource: String = "lightspeed", lightspeedPrefix: String = BCSaleReference.defaultPrefix
    ) -> TranslationResult {
        typealias State = CanonicalModel.OrderStatus.State
        struct Entry { var state: State; var type: String; var number: String; var orderNumber: String?; var ref: [String: JSONValue] }
        var result = TranslationResult()
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var keyByOrderNumber: [String: String] = [:]

        func key(for document: BCObject, orderNumber: String?) -> String? {
            if let orderNumber, let known = keyByOrderNumber[orderNumber] { return known }
            if let saleId = BCSaleReference.saleId(in: BCFields.text(document, "externalDocumentNumber"), prefix: lightspeedPrefix) {
                return CanonicalModel.compositeKey([externalSource, saleId])
            }
            return CanonicalModel.compositeKey(["bc", orderNumber ?? BCFields.trimmed(document, "number") ?? ""])
        }
        func advance(_ key: String, to entry: Entry) {
            if let current = entries[key] {
                result.omitted[foldedIntoOrder, default: 0] += 1
                guard entry.state > current.state else { return }
                entries[key] = Entry(state: entry.state, type: entry.type, number: entry.number,
                                     orderNumber: entry.orderNumber ?? current.orderNumber, ref: entry.ref)
            } else {
                entries[key] = entry
                order.append(key)
            }
        }

        for document in salesOrders {
            let source = BCFields.source("salesOrders", document)
            guard let number = BCFields.trimmed(document, "number"), let key = key(for: document, orderNumber: nil) else {
                result.rejects.append(TranslationReject(source: source, field: "number", reason: "is empty"))
                continue
            }
            let state: State
            switch BCEnum.decode(BCFields.text(document, "status") ?? "").lowercased() {
            case "draft", "in review": state = .open
            case "open": state = .released
            default:
                result.rejects.append(TranslationReject(source: source, key: key, field: "status", reason: "is not Draft, In Review or Open"))
                continue
            }
            keyByOrderNumber[number] = key
            advance(key, to: Entry(state: state, type: "sales_order", number: number, orderNumber: number, ref: BCFields.reference(document)))
        }
        for document in salesShipments {
            let source = BCFields.source("salesShipments", document)
            let orderNumber = BCFields.trimmed(document, "orderNumber")
            guard let number = BCFields.trimmed(document, "number"), let key = key(for: document, orderNumber: orderNumber) else {
                result.rejects.append(TranslationReject(source: source, field: "number", reason: "is empty"))
                continue
            }
            advance(key, to: Entry(state: .shipped, type: "sales_shipment", number: number, orderNumber: orderNumber, ref: BCFields.reference(document)))
        }
        for document in salesInvoices {
            let source = BCFields.source("salesInvoices", document)
            let orderNumber = BCFields.trimmed(document, "orderNumber")
            guard let number = BCFields.trimmed(document, "number"), let key = key(for: document, orderNumber: orderNumber) else {
                result.rejects.append(TranslationReject(source: source, field: "number", reason: "is empty"))
                continue
            }
            let status = BCEnum.decode(BCFields.text(document, "status") ?? "").lowercased()
            let state: State = (status == "draft" || status == "in review") ? .open : .invoiced
            advance(key, to: Entry(state: state, type: "sales_invoice", number: number, orderNumber: orderNumber, ref: BCFields.reference(document)))
        }
        typealias F = CanonicalModel.OrderStatus
        for key in order {
            let entry = entries[key]!
            var ref = entry.ref
            if let orderNumber = entry.orderNumber { ref["bcOrderNumber"] = .string(orderNumber) }
            result.records.append(SnapshotRecord(key: key, ref: ref, fields: [
                F.status: .string(entry.state.rawValue),
                F.documentType: .string(entry.type),
                F.documentNumber: .string(entry.number),
            ]))
        }
        return result
    }
}
