import Foundation
import Logging
import PosBridgeCore
import PosBridgeHTTP

/// What a write did to one record. Rejections are data for `rejects.ndjson`, not thrown errors.
package enum LSWriteOutcome: Sendable, Hashable {
    /// The record as the server returned it after the write, normalised by `LSWire`.
    case written([String: JSONValue])
    /// The server refused the record (400, 404, 409, 422): status and Lightspeed's message.
    case rejected(reason: String)

    /// The written record, or nil.
    package var record: [String: JSONValue]? {
        if case .written(let record) = self { return record }
        return nil
    }
}

/// The quantity on hand to set for one item in one shop.
package struct LSShopQuantity: Sendable, Hashable {
    package var shopID: String
    /// The ItemShop row, when known (older accounts need it; `shopID` alone works since 2025-06).
    package var itemShopID: String?
    package var qoh: Int

    package init(shopID: String, itemShopID: String? = nil, qoh: Int) {
        self.shopID = shopID
        self.itemShopID = itemShopID
        self.qoh = qoh
    }
}

extension LSClient {
    /// Statuses that mean "this record is wrong", reported as `.rejected` rather than thrown.
    static let rejectedStatuses: Set<Int> = [400, 404, 409, 422]

    /// `POST {entity}.json` with `body` (fields of Item, ItemMatrix, Category, Customer with nested
    /// `Contact` …). Retried on 429 only (see `RetryPolicy`).
    package func create(_ entity: String, _ body: [String: JSONValue]) async throws -> LSWriteOutcome {
        try await write(.post, path: "\(entity).json", entityKey: entity, body: body, safety: .throttleOnly,
                        operation: "POST \(entity)")
    }

    /// `PUT {entity}/{id}.json` with the fields to change (partial: omitted fields keep their value,
    /// an empty value clears; Lightspeed Retail API documentation, "Introduction" and "Relations").
    package func update(_ entity: String, id: String, _ body: [String: JSONValue]) async throws -> LSWriteOutcome {
        try await write(.put, path: "\(entity)/\(LSURL.pathEncode(id)).json", entityKey: entity, body: body,
                        safety: .idempotent, operation: "PUT \(entity)")
    }

    /// A Category under `parentID` (nil or `"0"` for the top level). Categories cost 10 drips a write.
    func createCategory(name: String, parentID: String?) async throws -> LSWriteOutcome {
        try await create("Category", ["name": .string(name), "parentID": .string(parentID ?? "0")])
    }

    /// Sets quantity on hand with `PUT Item/{id}` and `ItemShops.ItemShop` (Lightspeed Retail API documentation, endpoint pages, "Setting
    /// quantity on hand", method 1). Absolute values, so repeating is harmless.
    package func setStock(itemID: String, shopQuantities: [LSShopQuantity]) async throws -> LSWriteOutcome {
        let rows: [JSONValue] = shopQuantities.map { entry in
            var row: [String: JSONValue] = ["shopID": .string(entry.shopID), "qoh": .number(CanonicalNumber(entry.qoh))]
            if let itemShopID = entry.itemShopID { row["itemShopID"] = .string(itemShopID) }
            return .object(row)
        }
        // One row is sent as an object, like the documented example; several as an array.
        let element: JSONValue = rows.count == 1 ? rows[0] : .array(rows)
        return try await update("Item", id: itemID, ["ItemShops": ["ItemShop": element]])
    }

    /// Writes the external reference of a Sale (`referenceNumber`, `referenceNumberSource`) and,
    /// when given, an internal note (`SaleNotes.InternalNote.note` — the note's wire shape is
    /// not confirmed by Lightspeed's documentation).
    package func setSaleReference(saleID: String, referenceNumber: String, source: String, note: String? = nil)
        async throws -> LSWriteOutcome {
        var body: [String: JSONValue] = [
            "referenceNumber": .string(referenceNumber), "referenceNumberSource": .string(source),
        ]
        if let note { body["SaleNotes"] = ["InternalNote": ["note": .string(note)]] }
        return try await update("Sale", id: saleID, body)
    }

    /// Uploads an image for an item: `POST Item/{id}/Image.json` as `multipart/form-data` with a
    /// `data` part (JSON with `itemID`, `description`, `ordering`) and an `image` part (Lightspeed Retail API documentation, endpoint pages).
    /// Retried on 429 only: a repeated upload would add a second image.
    package func uploadImage(itemID: String, bytes: [UInt8], filename: String, contentType: String,
                             description: String? = nil, ordering: Int? = nil) async throws -> LSWriteOutcome {
        var data: [String: JSONValue] = ["itemID": .string(itemID)]
        if let description { data["description"] = .string(description) }
        if let ordering { data["ordering"] = .number(CanonicalNumber(ordering)) }
        let boundary = "posbridge-\(UUID().uuidString)"
        var body: [UInt8] = []
        func line(_ text: String) { body += Array((text + "\r\n").utf8) }
        line("--\(boundary)")
        line("Content-Disposition: form-data; name=\"data\"")
        line("Content-Type: application/json")
        line("")
        body += CanonicalJSON.encode(.object(data))
        line("")
        line("--\(boundary)")
        let safeName = filename.replacingOccurrences(of: "\"", with: "_").replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\n", with: "")
        line("Content-Disposition: form-data; name=\"image\"; filename=\"\(safeName)\"")
        line("Content-Type: \(contentType)")
        line("")
        body += bytes
        line("")
        line("--\(boundary)--")
        var headers = headers()
        headers.set("Content-Type", "multipart/form-data; boundary=\(boundary)")
        let url = "\(try await accountRoot())/Item/\(LSURL.pathEncode(itemID))/Image.json"
        return try await send(APIRequest(method: .post, url: url, headers: headers, body: body), entityKey: "Image",
                              safety: .throttleOnly, operation: "POST Image")
    }

    /// Sends a JSON write and turns the answer into an outcome.
    func write(_ method: APIMethod, path: String, entityKey: String, body: [String: JSONValue],
               safety: RetryPolicy.Safety, operation: String) async throws -> LSWriteOutcome {
        let url = "\(try await accountRoot())/\(path)"
        let request = APIRequest(method: method, url: url, headers: headers(json: true),
                                    body: CanonicalJSON.encode(.object(body)))
        return try await send(request, entityKey: entityKey, safety: safety, operation: operation)
    }

    private func send(_ request: APIRequest, entityKey: String, safety: RetryPolicy.Safety,
                      operation: String) async throws -> LSWriteOutcome {
        let response = try await sender.send(request, safety: safety, operation: operation)
        if Self.rejectedStatuses.contains(response.status) {
            let fault = LSServiceFault(status: response.status, body: response.body)
            context.logger.info("record rejected", metadata: ["http.status": "\(response.status)", "ls.operation": "\(operation)"])
            return .rejected(reason: fault.reason)
        }
        guard response.isSuccess else { throw LSServer.error(status: response.status, body: response.body, operation: operation) }
        let object = try LSServer.object(response.body, operation: operation)
        guard let record = try LSWire.entities(entityKey, in: object).first else {
            throw LSError(.malformedResponse, "\(operation): response holds no \(entityKey)")
        }
        return .written(record)
    }
}
