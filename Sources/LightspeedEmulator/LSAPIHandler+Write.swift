import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// POST (defaults for omitted fields), partial PUT (omitted fields kept, empty clears), DELETE (archive or remove).
extension LSAPIHandler {
    func payload() throws -> [String: JSONValue] {
        guard case .object(let members)? = try? JSONParser.parse(bytes: request.body) else {
            throw LightspeedAPIError(400, "The request body must be a JSON object.")
        }
        return members
    }

    func create(_ entity: LSEntityInfo) throws -> EmulatorResponse {
        let body = try payload()
        let id = try LSStore.nextID(db, entity.name)
        var record = LSDefaults.record(entity.name)
        record[entity.key] = .number(CanonicalNumber(Int(id)))
        try merge(body, into: &record, entity: entity)
        record["timeStamp"] = .string(now)
        if entity.name != "ItemAttributeSet", entity.name != "CustomerType" { record["createTime"] = .string(now) }
        var relations: [String] = []
        switch entity.name {
        case "Item":
            record["systemSku"] = .string(String(format: "2100000%05d", Int(id)))
            try applyMatrix(&record)
            guard !LSWireFormat.text(record["description"]).isEmpty else { throw LightspeedAPIError(400, "Item not created. An Item must have a description.") }
            try Self.checkCodes(record)
            try LSStore.put(db, "Item", id: id, record)
            try createItemShops(itemID: id)
            if let shops = body["ItemShops"] { try applyStock(shops, itemID: id) }
            // Create returns the item with its ItemShops for every shop plus the summary row (Lightspeed Retail API documentation, endpoint pages).
            relations = ["ItemShops"]
        case "ItemMatrix":
            guard !LSWireFormat.text(record["description"]).isEmpty else { throw LightspeedAPIError(400, "ItemMatrix not created. An ItemMatrix must have a description.") }
            guard record.int("itemAttributeSetID").map({ $0 != 0 }) == true else { throw LightspeedAPIError(400, "ItemMatrix not created. itemAttributeSetID is required.") }
            try LSStore.put(db, entity.name, id: id, record)
        case "Category":
            guard !LSWireFormat.text(record["name"]).isEmpty else { throw LightspeedAPIError(400, "name cannot be blank.") }
            try checkParent(record)
            try LSStore.put(db, entity.name, id: id, record)
            try LSCategoryTree.renumber(db, now: nil)
            record = try LSStore.find(db, "Category", id: id) ?? record
        case "InventoryCount":
            guard let shop = record.int("shopID"), shop != 0, try LSStore.find(db, "Shop", id: shop) != nil else {
                throw LightspeedAPIError(400, "InventoryCount not created. A valid shopID is required.")
            }
            try LSStore.put(db, entity.name, id: id, record)
        case "InventoryCountItem":
            guard record.int("employeeID").map({ $0 != 0 }) == true else { throw LightspeedAPIError(400, "InventoryCountItem not created. employeeID is required.") }
            guard let count = record.int("inventoryCountID"), try LSStore.find(db, "InventoryCount", id: count) != nil else {
                throw LightspeedAPIError.notFound("InventoryCount", LSWireFormat.text(record["inventoryCountID"]))
            }
            guard let item = record.int("itemID"), try LSStore.find(db, "Item", id: item) != nil else {
                throw LightspeedAPIError.notFound("Item", LSWireFormat.text(record["itemID"]))
            }
            try LSStore.put(db, entity.name, id: id, record)
        case "Customer":
            if case .object(var contact)? = record["Contact"] {
                contact["contactID"] = .number(CanonicalNumber(Int(id)))
                contact["timeStamp"] = .string(now)
                record["Contact"] = .object(contact)
                record["contactID"] = .number(CanonicalNumber(Int(id)))
            }
            try LSStore.put(db, entity.name, id: id, record)
            relations = ["Contact"]
        default:
            try LSStore.put(db, entity.name, id: id, record)
        }
        groups = [:]
        let query = try LSListQuery(request, entity: entity)
        return Self.envelope(entity.name, try render(record, entity, relations: Array(Set(relations + query.relations)).sorted()))
    }

    func update(_ entity: LSEntityInfo, id: Int64) throws -> EmulatorResponse {
        guard let original = try LSStore.find(db, entity.name, id: id) else { throw LightspeedAPIError.notFound(entity.name, String(id)) }
        var body = try payload()
        var record = original
        var relations: [String] = []
        switch entity.name {
        case "Item":
            if body["archived"].map({ LSWireFormat.text($0) == "true" || $0 == .bool(true) }) == true {
                throw LightspeedAPIError(400, "Item cannot be archived through PUT; use DELETE.")
            }
            if let shops = body.removeValue(forKey: "ItemShops") {
                try applyStock(shops, itemID: id)
                relations = ["ItemShops"]
            }
            try merge(body, into: &record, entity: entity)
            if body["description"] != nil, LSWireFormat.text(record["description"]).isEmpty { throw LightspeedAPIError(400, "An Item must have a description.") }
            try Self.checkCodes(record)
        case "ItemShop":
            // Only the reorder fields are writable here (Lightspeed Retail API documentation, endpoint pages); stock goes through PUT Item.
            for field in ["reorderPoint", "reorderLevel"] {
                if let value = body[field] { record[field] = LSDefaults.coerce(value, like: record[field], field: field) }
            }
        case "Category":
            try merge(body, into: &record, entity: entity)
            guard !LSWireFormat.text(record["name"]).isEmpty else { throw LightspeedAPIError(400, "name cannot be blank.") }
            try checkParent(record)
            if record.int("parentID") == id { throw LightspeedAPIError(400, "A category cannot be its own parent.") }
        case "Customer":
            try merge(body, into: &record, entity: entity)
            if body["Contact"] != nil, record["Contact"] != original["Contact"], case .object(var contact)? = record["Contact"] {
                contact["timeStamp"] = .string(now)
                record["Contact"] = .object(contact)
            }
            relations = body["Contact"] != nil ? ["Contact"] : []
        default:
            try merge(body, into: &record, entity: entity)
        }
        // timeStamp moves when the record itself changed; Item's does not move for ItemShops-only writes (Lightspeed Retail API documentation, "Parameters" and "Relations").
        if record != original {
            if record["timeStamp"] != nil || entity.name != "ItemAttributeSet" { record["timeStamp"] = .string(now) }
            if entity.name == "Sale" { record["updatetime"] = .string(now) }
            try LSStore.put(db, entity.name, id: id, record)
        }
        if entity.name == "Category" {
            try LSCategoryTree.renumber(db, now: now)
            record = try LSStore.find(db, "Category", id: id) ?? record
        }
        groups = [:]
        let query = try LSListQuery(request, entity: entity)
        return Self.envelope(entity.name, try render(record, entity, relations: Array(Set(relations + query.relations)).sorted()))
    }

    func delete(_ entity: LSEntityInfo, id: Int64) throws -> EmulatorResponse {
        guard var record = try LSStore.find(db, entity.name, id: id) else { throw LightspeedAPIError.notFound(entity.name, String(id)) }
        switch entity.delete {
        case .archive:
            if record["archived"] != .bool(true) {
                record["archived"] = true
                // Whether archiving moves timeStamp is unverified (not stated in the Lightspeed Retail API documentation); the emulator moves it so pollers see it.
                record["timeStamp"] = .string(now)
                try LSStore.put(db, entity.name, id: id, record)
            }
        case .hard:
            try LSStore.remove(db, entity.name, id: id)
            if entity.name == "Category" { try LSCategoryTree.renumber(db, now: now) }
        case .refuse:
            throw LightspeedAPIError(405, "DELETE is not allowed on \(entity.name).")
        }
        return Self.envelope(entity.name, try render(record, entity, relations: []))
    }

    // MARK: Merging

    /// Partial merge: scalars replace (read in the stored type), wrapped collections merge per kind.
    func merge(_ body: [String: JSONValue], into record: inout [String: JSONValue], entity: LSEntityInfo) throws {
        let defaults = LSDefaults.record(entity.name)
        for (field, value) in body where field != entity.key && field != "timeStamp" && field != "createTime" && field != "systemSku" {
            switch (field, value) {
            case ("Prices", _): record["Prices"] = ["ItemPrice": .array(Self.mergePrices(record["Prices"], value))]
            case ("Contact", .object(let contact)):
                var merged = record["Contact"]?.objectValue ?? defaults["Contact"]?.objectValue ?? [:]
                for (name, member) in contact {
                    let element = ["Addresses": "ContactAddress", "Phones": "ContactPhone", "Emails": "ContactEmail", "Websites": "ContactWebsite"][name]
                    if let element {
                        // A given sub-collection replaces the stored one (there are no ids to merge by).
                        merged[name] = [element: .array(LSWireFormat.oneOrMany(member.objectValue?[element]))]
                    } else if member.objectValue == nil {
                        merged[name] = LSDefaults.coerce(member, like: merged[name], field: name)
                    }
                }
                record["Contact"] = .object(merged)
            case (_, .object(let members)):
                var merged = record[field]?.objectValue ?? [:]
                for (name, member) in members { merged[name] = LSDefaults.coerce(member, like: merged[name], field: name) }
                record[field] = .object(merged)
            case (_, .array):
                record[field] = value
            default:
                if field.hasPrefix("attribute"), field.hasSuffix("Values") {
                    record[field] = .array(LSWireFormat.oneOrMany(value))
                } else {
                    record[field] = LSDefaults.coerce(value, like: record[field] ?? defaults[field], field: field)
                }
            }
        }
    }

    /// Price levels merge by `useTypeID`, else by `useType` name, else are appended.
    static func mergePrices(_ stored: JSONValue?, _ incoming: JSONValue) -> [JSONValue] {
        var prices = LSWireFormat.oneOrMany(stored?.objectValue?["ItemPrice"])
        for case .object(let price) in LSWireFormat.oneOrMany(incoming.objectValue?["ItemPrice"]) {
            let typeID = price.int("useTypeID")
            let typeName = price["useType"].map { LSWireFormat.text($0) }
            let index = prices.firstIndex { existing in
                let fields = existing.objectValue ?? [:]
                if let typeID { return fields.int("useTypeID") == typeID }
                return typeName.map { LSWireFormat.text(fields["useType"]).lowercased() == $0.lowercased() } ?? false
            }
            var merged = index.flatMap { prices[$0].objectValue } ?? ["amount": 0, "useTypeID": 0, "useType": ""]
            for (name, value) in price { merged[name] = LSDefaults.coerce(value, like: merged[name], field: name) }
            if let index { prices[index] = .object(merged) } else { prices.append(.object(merged)) }
        }
        return prices
    }

    /// UPC and EAN must be 11–14 digits when set (Lightspeed Retail API documentation, "Errors").
    static func checkCodes(_ record: [String: JSONValue]) throws {
        for field in ["upc", "ean"] {
            let code = LSWireFormat.text(record[field])
            guard code.isEmpty || ((11...14).contains(code.count) && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber)) else {
                throw LightspeedAPIError(400, "Item not saved. \(field.uppercased()) must be 11 to 14 digits.")
            }
        }
    }

    private func checkParent(_ record: [String: JSONValue]) throws {
        if let parent = record.int("parentID"), parent != 0, try LSStore.find(db, "Category", id: parent) == nil {
            throw LightspeedAPIError.notFound("Category", String(parent))
        }
    }
}
