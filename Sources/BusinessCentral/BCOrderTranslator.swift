import Foundation
import PosBridgeCore

/// BC sales documents → canonical `order` records keyed `source system ␟ source id`.
///
/// A document whose external document number carries the Lightspeed prefix (posbridge writes
/// `<prefix><sale ID>` there, `BCSaleReference`) is a Lightspeed sale: its key is
/// `<externalSource> ␟ <sale ID>`, so it meets the Lightspeed side's order. Every other document —
/// no external document number, or one without the prefix such as a customer's own purchase order
/// number — is BC's own: `bc ␟ <number>`, with the external document number kept in `ref`.
enum BCOrderTranslator {
    /// Which BC document set the rows come from.
    enum DocumentType: String, Sendable, Hashable, CaseIterable {
        case salesOrder = "sales_order"
        case salesInvoice = "sales_invoice"

        /// The entity set (for reject sources) and its lines navigation.
        var entitySet: String { self == .salesOrder ? "salesOrders" : "salesInvoices" }
        var linesName: String { self == .salesOrder ? "salesOrderLines" : "salesInvoiceLines" }
        var dateName: String { self == .salesOrder ? "orderDate" : "invoiceDate" }
    }

    /// Translates sales orders or invoices. Lines come expanded (`$expand=salesOrderLines`) or in
    /// `lines`, matched by `documentId`; expanded `itemVariant` objects give the variant code.
    /// `localCurrency` (the company's LCY) stands in for a blank `currencyCode`.
    static func translate(
        documents: [BCObject], lines: [BCObject] = [], documentType: DocumentType,
        externalSource: String = "lightspeed", lightspeedPrefix: String = BCSaleReference.defaultPrefix,
        localCurrency: String? = nil, apiVersion: BCTranslationAPIVersion = .v2
    ) -> TranslationResult {
        var result = TranslationResult()
        var linesByDocument: [String: [BCObject]] = [:]
        for line in lines { linesByDocument[BCFields.guid(line, "documentId") ?? "", default: []].append(line) }
        var seen = Set<String>()
        for document in documents {
            let source = BCFields.source(documentType.entitySet, document)
            let number = BCFields.trimmed(document, "number")
            let external = BCFields.trimmed(document, "externalDocumentNumber")
            let saleId = BCSaleReference.saleId(in: external, prefix: lightspeedPrefix)
            let system = saleId == nil ? "bc" : externalSource
            guard let sourceId = saleId ?? number, let key = CanonicalModel.compositeKey([system, sourceId]) else {
                result.rejects.append(TranslationReject(source: source, field: "number", reason: "is empty and the external document number names no Lightspeed sale"))
                continue
            }
            guard seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "externalDocumentNumber", reason: "is a duplicate"))
                continue
            }
            let rawLines = (BCFields.objects(document, documentType.linesName) ?? [])
                + (BCFields.guid(document, "id").flatMap { linesByDocument[$0] } ?? [])
            var canonicalLines: [(Int, JSONValue)] = []
            var lineReject: TranslationReject?
            for line in rawLines {
                switch translateLine(line, documentType: documentType, apiVersion: apiVersion) {
                case .success(let value): canonicalLines.append(value)
                case .failure(let reason):
                    lineReject = TranslationReject(source: BCFields.source(documentType.linesName, line), key: key, field: reason.field, reason: reason.text)
                }
                if lineReject != nil { break }
            }
            if let lineReject { result.rejects.append(lineReject); continue }
            // One reject per document, naming the first bad total.
            if let name = ["totalAmountExcludingTax", "totalTaxAmount", "totalAmountIncludingTax", "discountAmount"]
                .first(where: { BCFields.hasInvalidDecimal(document, $0) }) {
                result.rejects.append(TranslationReject(source: source, key: key, field: name, reason: "is not a decimal number"))
                continue
            }
            let billing: JSONValue
            let shipping: JSONValue
            if apiVersion == .v1 {
                billing = BCTranslationAddress.address(complex: BCFields.object(document, "billingPostalAddress"))
                shipping = BCTranslationAddress.address(complex: BCFields.object(document, "shippingPostalAddress"))
            } else {
                billing = BCTranslationAddress.address(flat: document, prefix: "billTo")
                shipping = BCTranslationAddress.address(flat: document, prefix: "shipTo")
            }
            typealias O = CanonicalModel.Order
            let fields: [String: JSONValue] = [
                O.sourceSystem: .string(system),
                O.sourceId: .string(sourceId),
                O.documentType: .string(documentType.rawValue),
                O.orderDate: BCFields.date(document, documentType.dateName).json,
                O.customer: .object([
                    "email": BCFields.text(document, "email").flatMap { CanonicalModel.customerKey(email: $0) }.json,
                    "name": BCFields.text(document, "customerName").json,
                ]),
                O.currency: (BCFields.trimmed(document, "currencyCode") ?? localCurrency).map { JSONValue.string($0.uppercased()) } ?? .null,
                O.pricesIncludeTax: .bool(BCFields.bool(document, "pricesIncludeTax") ?? false),
                O.billingAddress: billing,
                O.shippingAddress: shipping,
                O.lines: .array(canonicalLines.sorted { $0.0 < $1.0 }.map(\.1)),
                O.payments: .array([]),
                O.totals: .object([
                    "discount": BCFields.decimal(document, "discountAmount").json,
                    "excludingTax": BCFields.decimal(document, "totalAmountExcludingTax").json,
                    "tax": BCFields.decimal(document, "totalTaxAmount").json,
                    "includingTax": BCFields.decimal(document, "totalAmountIncludingTax").json,
                ]),
            ]
            var ref = BCFields.reference(document)
            if let number { ref["bcNumber"] = .string(number) }
            if let external { ref["bcExternalDocumentNumber"] = .string(external) }
            if let customerNumber = BCFields.trimmed(document, "customerNumber") { ref["bcCustomerNumber"] = .string(customerNumber) }
            if let status = BCFields.text(document, "status") { ref["bcStatus"] = .string(BCEnum.decode(status)) }
            result.records.append(SnapshotRecord(key: key, ref: ref, fields: fields))
        }
        return result
    }

    private struct LineFailure: Error { let field: String; let text: String }

    private static func translateLine(_ line: BCObject, documentType: DocumentType, apiVersion: BCTranslationAPIVersion) -> Result<(Int, JSONValue), LineFailure> {
        guard let sequenceNumber = BCFields.decimal(line, "sequence") ?? BCFields.decimal(line, "lineNumber"),
              let sequence = Int(sequenceNumber.text) else {
            return .failure(LineFailure(field: "sequence", text: "is not an integer"))
        }
        for name in ["quantity", "unitPrice", "discountAmount", "discountPercent", "taxPercent", "amountExcludingTax", "amountIncludingTax"]
        where BCFields.hasInvalidDecimal(line, name) {
            return .failure(LineFailure(field: name, text: "is not a decimal number"))
        }
        let type = BCEnum.decode(BCFields.text(line, "lineType") ?? "Item")
        var number = BCFields.trimmed(line, "lineObjectNumber")
        var unit = BCFields.trimmed(line, "unitOfMeasureCode")
        if apiVersion == .v1 {
            // v1.0: `lineDetails` {number, displayName} and a complex `unitOfMeasure` (Microsoft, "Transitioning from API v1.0 to API v2.0").
            number = number ?? BCFields.object(line, "lineDetails").flatMap { BCFields.trimmed($0, "number") }
            unit = unit ?? BCFields.object(line, "unitOfMeasure").flatMap { BCFields.trimmed($0, "code") }
        }
        let variantCode = BCFields.object(line, "itemVariant").flatMap { BCFields.trimmed($0, "code") }
        let isItem = type.lowercased() == "item"
        if isItem, number == nil { return .failure(LineFailure(field: "lineObjectNumber", text: "is empty on an item line")) }
        let sku: String? = isItem ? CanonicalModel.compositeKey([number!] + (variantCode.map { [$0] } ?? [])) : nil
        return .success((sequence, .object([
            "lineNumber": .number(CanonicalNumber(sequence)),
            "type": .string(type.isEmpty ? "comment" : type.lowercased().replacingOccurrences(of: " ", with: "_")),
            "sku": sku.json,
            "accountNumber": isItem ? .null : number.json,
            "description": BCFields.text(line, "description").json,
            "quantity": BCFields.decimal(line, "quantity").json,
            "unitOfMeasure": unit.json,
            "unitPrice": BCFields.decimal(line, "unitPrice").json,
            "discountAmount": BCFields.decimal(line, "discountAmount").json,
            "discountPercent": BCFields.decimal(line, "discountPercent").json,
            "taxPercent": BCFields.decimal(line, "taxPercent").json,
            "amountExcludingTax": BCFields.decimal(line, "amountExcludingTax").json,
            "amountIncludingTax": BCFields.decimal(line, "amountIncludingTax").json,
        ])))
    }
}
