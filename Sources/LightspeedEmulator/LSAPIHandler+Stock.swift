import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// ItemShops (stock per shop), matrix variants and image uploads.
extension LSAPIHandler {
    /// One ItemShop per shop plus the all-shops row `shopID 0`, as a new Item gets.
    func createItemShops(itemID: Int64) throws {
        let shops = try LSStore.all(db, "Shop").compactMap { $0.int("shopID") }
        for shop in shops + [0] {
            let id = try LSStore.nextID(db, "ItemShop")
            var row = LSDefaults.record("ItemShop")
            row["itemShopID"] = .number(CanonicalNumber(Int(id)))
            row["itemID"] = .number(CanonicalNumber(Int(itemID)))
            row["shopID"] = .number(CanonicalNumber(Int(shop)))
            row["timeStamp"] = .string(now)
            try LSStore.put(db, "ItemShop", id: id, row)
        }
    }

    /// `ItemShops.ItemShop` of a PUT/POST Item: absolute `qoh` (and reorder fields) per shop, addressed by
    /// `itemShopID` or `shopID`. Each changed ItemShop gets a new `timeStamp`; the summary row follows the sum.
    func applyStock(_ value: JSONValue, itemID: Int64) throws {
        var rows = try LSStore.all(db, "ItemShop").filter { $0.int("itemID") == itemID }
        for case .object(let change) in LSWireFormat.oneOrMany(value.objectValue?["ItemShop"]) {
            let index: Int?
            if let id = change.int("itemShopID") {
                index = rows.firstIndex { $0.int("itemShopID") == id }
                guard index != nil else { throw LightspeedAPIError.notFound("ItemShop", String(id)) }
            } else if let shop = change.int("shopID") {
                index = rows.firstIndex { $0.int("shopID") == shop }
                guard index != nil else { throw LightspeedAPIError(400, "Item \(itemID) has no ItemShop for shop \(shop).") }
            } else {
                throw LightspeedAPIError(400, "An ItemShop change needs itemShopID or shopID.")
            }
            guard let index, rows[index].int("shopID") != 0 else { throw LightspeedAPIError(400, "The all-shops ItemShop (shopID 0) is computed; set qoh per shop.") }
            var row = rows[index]
            for field in ["qoh", "reorderPoint", "reorderLevel", "backorder"] {
                if let new = change[field] { row[field] = LSDefaults.coerce(new, like: row[field] ?? 0, field: field) }
            }
            row["sellable"] = row["qoh"] ?? 0
            if row != rows[index] {
                row["timeStamp"] = .string(now)
                rows[index] = row
                try LSStore.put(db, "ItemShop", id: row.int("itemShopID") ?? 0, row)
            }
        }
        if let summary = rows.firstIndex(where: { $0.int("shopID") == 0 }) {
            let total = rows.filter { $0.int("shopID") != 0 }.reduce(Int64(0)) { $0 + ($1.int("qoh") ?? 0) }
            var row = rows[summary]
            if row.int("qoh") != total {
                row["qoh"] = .number(CanonicalNumber(Int(total)))
                row["sellable"] = row["qoh"]
                row["timeStamp"] = .string(now)
                try LSStore.put(db, "ItemShop", id: row.int("itemShopID") ?? 0, row)
            }
        }
    }

    /// A variant: default description "<matrix> <attr1> <attr2> <attr3>", and its attribute values appended to
    /// the matrix's value lists (Lightspeed Retail API documentation, endpoint pages ItemMatrix).
    func applyMatrix(_ record: inout [String: JSONValue]) throws {
        guard let matrixID = record.int("itemMatrixID"), matrixID != 0 else { return }
        guard var matrix = try LSStore.find(db, "ItemMatrix", id: matrixID) else { throw LightspeedAPIError.notFound("ItemMatrix", String(matrixID)) }
        let attributes = record["ItemAttributes"]?.objectValue ?? [:]
        let values = (1...3).map { LSWireFormat.text(attributes["attribute\($0)"]) }
        if LSWireFormat.text(record["description"]).isEmpty {
            record["description"] = .string(([LSWireFormat.text(matrix["description"])] + values.filter { !$0.isEmpty }).joined(separator: " "))
        }
        var changed = false
        for (n, value) in values.enumerated() where !value.isEmpty {
            var list = LSWireFormat.oneOrMany(matrix["attribute\(n + 1)Values"])
            if !list.contains(.string(value)) {
                list.append(.string(value))
                matrix["attribute\(n + 1)Values"] = .array(list)
                changed = true
            }
        }
        if changed {
            matrix["timeStamp"] = .string(now)
            try LSStore.put(db, "ItemMatrix", id: matrixID, matrix)
        }
    }

    /// `POST InventoryCountReconcile {inventoryCountID[, itemID]}` (or `POST InventoryCount/{id}/Reconcile`): each
    /// counted item's qoh in the count's shop becomes the counted quantity. The answer's shape is not documented;
    /// the emulator echoes the request in the single-record envelope.
    func reconcile(countID: Int64?) throws -> EmulatorResponse {
        let body = request.body.isEmpty ? [:] : try payload()
        guard let countID = countID ?? body.int("inventoryCountID") else { throw LightspeedAPIError(400, "inventoryCountID is required.") }
        guard let count = try LSStore.find(db, "InventoryCount", id: countID) else { throw LightspeedAPIError.notFound("InventoryCount", String(countID)) }
        let only = body.int("itemID")
        let shop = count.int("shopID") ?? 0
        let lines = try LSStore.all(db, "InventoryCountItem").filter { $0.int("inventoryCountID") == countID && (only == nil || $0.int("itemID") == only) }
        for line in lines {
            guard let item = line.int("itemID") else { continue }
            try applyStock(["ItemShop": ["shopID": .number(CanonicalNumber(Int(shop))), "qoh": line["qty"] ?? 0]], itemID: item)
        }
        var echo: [String: JSONValue] = ["inventoryCountID": .number(CanonicalNumber(Int(countID)))]
        if let only { echo["itemID"] = .number(CanonicalNumber(Int(only))) }
        return Self.envelope("InventoryCountReconcile", .object(echo))
    }

    /// `multipart/form-data` with a `data` part (JSON: description, ordering, itemID|itemMatrixID) and an `image` part.
    func uploadImage(owner: (field: String, id: Int64)?) throws -> EmulatorResponse {
        let contentType = request.header("content-type") ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data"), let range = contentType.range(of: "boundary=") else {
            throw LightspeedAPIError(400, "Image upload must be multipart/form-data with parts 'data' and 'image'.")
        }
        let boundary = String(contentType[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let parts = Self.multipart(request.body, boundary: boundary)
        guard let image = parts["image"] else { throw LightspeedAPIError(400, "Image upload needs an 'image' part.") }
        var data: [String: JSONValue] = [:]
        if let json = parts["data"], case .object(let members)? = try? JSONParser.parse(bytes: json.content) { data = members }
        if let owner { data[owner.field] = .number(CanonicalNumber(Int(owner.id))) }
        let itemID = data.int("itemID") ?? 0, matrixID = data.int("itemMatrixID") ?? 0
        guard itemID != 0 || matrixID != 0 else { throw LightspeedAPIError(400, "Image not created. An itemID or itemMatrixID is required.") }
        if itemID != 0, try LSStore.find(db, "Item", id: itemID) == nil { throw LightspeedAPIError.notFound("Item", String(itemID)) }
        if matrixID != 0, try LSStore.find(db, "ItemMatrix", id: matrixID) == nil { throw LightspeedAPIError.notFound("ItemMatrix", String(matrixID)) }
        let id = try LSStore.nextID(db, "Image")
        let record: [String: JSONValue] = [
            "imageID": .number(CanonicalNumber(Int(id))), "description": .string(LSWireFormat.text(data["description"])),
            "filename": .string(image.filename ?? "image.jpg"), "ordering": .number(CanonicalNumber(Int(data.int("ordering") ?? 0))),
            "publicID": .string("emulator/\(id)"), "baseImageURL": "https://res.cloudinary.com/lightspeed-retail/image/upload/",
            "size": .number(CanonicalNumber(image.content.count)), "createTime": .string(now), "timeStamp": .string(now),
            "itemID": .number(CanonicalNumber(Int(itemID))), "itemMatrixID": .number(CanonicalNumber(Int(matrixID))),
        ]
        try LSStore.put(db, "Image", id: id, record)
        try LSStore.putImage(db, id: id, image.content)
        return Self.envelope("Image", .object(record))
    }

    struct Part {
        var filename: String?
        var content: [UInt8]
    }

    /// Parts by name; a small parser that is enough for clients' uploads (no nested multiparts).
    static func multipart(_ body: [UInt8], boundary: String) -> [String: Part] {
        let delimiter = Array(("--" + boundary).utf8)
        var cuts: [Int] = []
        var i = 0
        while i + delimiter.count <= body.count {
            if body[i] == delimiter[0], Array(body[i..<(i + delimiter.count)]) == delimiter { cuts.append(i); i += delimiter.count } else { i += 1 }
        }
        var parts: [String: Part] = [:]
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        for (start, end) in zip(cuts, cuts.dropFirst()) {
            let chunk = Array(body[(start + delimiter.count)..<end])
            guard let split = (0..<max(0, chunk.count - 3)).first(where: { Array(chunk[$0..<($0 + 4)]) == separator }) else { continue }
            let head = String(decoding: chunk[..<split], as: UTF8.self)
            var content = Array(chunk[(split + 4)...])
            if content.suffix(2) == [13, 10] { content.removeLast(2) }
            func attribute(_ name: String) -> String? {
                guard let range = head.range(of: name + "=\"") else { return nil }
                return String(head[range.upperBound...].prefix { $0 != "\"" })
            }
            if let name = attribute("name") { parts[name] = Part(filename: attribute("filename"), content: content) }
        }
        return parts
    }
}
