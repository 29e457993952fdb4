import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// Answers one API request inside a write transaction: reads, lists with paging, writes.
final class LSAPIHandler {
    let db: Database
    let request: EmulatorRequest
    let route: LSRoute
    /// The current time in wire form, for `timeStamp` on writes.
    let now: String
    /// `http://host:port` for `next`/`previous`.
    let base: String
    /// Children of to-many relations grouped by parent id, loaded once per request.
    var groups: [String: [Int64: [[String: JSONValue]]]] = [:]

    init(db: Database, request: EmulatorRequest, route: LSRoute, now: String, base: String) {
        self.db = db
        self.request = request
        self.route = route
        self.now = now
        self.base = base
    }

    /// Dispatches by method and path shape.
    func respond() throws -> EmulatorResponse {
        guard let name = route.entity else { throw LightspeedAPIError(404, "No such endpoint.") }
        guard let entity = LSCatalog.entities[name] else { throw LightspeedAPIError(404, "Unknown entity '\(name)'.") }
        switch (request.method, route.id, route.sub) {
        case ("GET", nil, nil): return try list(entity, scope: nil)
        case ("GET", let id?, nil): return try single(entity, id: id)
        case ("GET", let id?, let sub?):
            // `/Sale/5/SaleLine.json`: the sub-entity's list restricted to the parent.
            guard let child = LSCatalog.entities[sub] else { throw LightspeedAPIError(404, "Unknown entity '\(sub)'.") }
            guard try LSStore.find(db, entity.name, id: id) != nil else { throw LightspeedAPIError.notFound(entity.name, String(id)) }
            return try list(child, scope: (entity.key, id))
        case ("POST", nil, nil) where entity.name == "Image": return try uploadImage(owner: nil)
        case ("POST", nil, nil) where entity.name == "Sale": return try createSale()
        case ("POST", nil, nil) where entity.name == "InventoryCountReconcile": return try reconcile(countID: nil)
        case ("POST", let id?, "Reconcile"?) where entity.name == "InventoryCount": return try reconcile(countID: id)
        case ("POST", let id?, "Image"?) where ["Item", "ItemMatrix"].contains(entity.name): return try uploadImage(owner: (entity.key, id))
        case ("POST", nil, nil) where entity.creatable: return try create(entity)
        case ("PUT", let id?, nil) where entity.updatable: return try update(entity, id: id)
        case ("DELETE", let id?, nil) where entity.delete != .refuse: return try delete(entity, id: id)
        default: throw LightspeedAPIError(405, "\(request.method) is not allowed on this \(entity.name) endpoint.")
        }
    }

    // MARK: Reads

    private func single(_ entity: LSEntityInfo, id: Int64) throws -> EmulatorResponse {
        guard let record = try LSStore.find(db, entity.name, id: id) else { throw LightspeedAPIError.notFound(entity.name, String(id)) }
        let query = try LSListQuery(request, entity: entity)
        return Self.envelope(entity.name, try render(record, entity, relations: query.relations))
    }

    private func list(_ entity: LSEntityInfo, scope: (field: String, id: Int64)?) throws -> EmulatorResponse {
        let query = try LSListQuery(request, entity: entity)
        var rows = try LSStore.all(db, entity.name)
        if let scope { rows = rows.filter { $0.int(scope.field) == scope.id } }
        if entity.archivable {
            rows = rows.filter { row in
                let archived = row["archived"] == .bool(true)
                return query.archived == "true" || (query.archived == "only" ? archived : !archived)
            }
        }
        if let field = query.filters.first(where: { !$0.field.contains(".") && !Self.filterable($0.field, rows: rows, entity: entity) })?.field {
            throw LightspeedAPIError(400, "Invalid field '\(field)' in filter for \(entity.name).")
        }
        rows = rows.filter { row in
            query.filters.allSatisfy { matches($0, row, entity) }
                && (query.alternatives.isEmpty || query.alternatives.contains { matches($0, row, entity) })
        }
        if query.countOnly { return EmulatorResponse.lightspeed(200, ["@attributes": ["count": .string(String(rows.count))]]) }

        let key = { (row: [String: JSONValue]) -> [JSONValue] in
            let id = JSONValue.number(CanonicalNumber(Int(row.int(entity.key) ?? 0)))
            return query.sort == entity.key ? [id] : [row[query.sort] ?? "", id]
        }
        let ordered = { (a: [JSONValue], b: [JSONValue]) -> Bool in Self.precedes(a, b, descending: query.descending) }
        rows.sort { ordered(key($0), key($1)) }
        var page: ArraySlice<[String: JSONValue]>
        if let after = query.after {
            let start = rows.firstIndex { ordered(after, key($0)) } ?? rows.endIndex
            page = rows[start...].prefix(query.limit)
        } else if let before = query.before {
            let end = rows.firstIndex { !ordered(key($0), before) } ?? rows.endIndex
            page = rows[..<end].suffix(query.limit)
        } else {
            page = rows.prefix(query.limit)
        }
        let sortParam = (query.descending ? "-" : "") + query.sort
        let link = { (name: String, cursor: [JSONValue]) -> JSONValue in
            let encoded = LSListQuery.encodeCursor(cursor).replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
                .replacingOccurrences(of: "=", with: "%3D")
            let params = query.kept + ["sort=\(sortParam)", "limit=\(query.limit)", "\(name)=\(encoded)"]
            return .string("\(self.base)\(self.request.path)?\(params.joined(separator: "&"))")
        }
        var attributes: [String: JSONValue] = ["next": "", "previous": ""]
        if let last = page.last, page.endIndex < rows.endIndex { attributes["next"] = link("after", key(last)) }
        if let first = page.first, page.startIndex > rows.startIndex { attributes["previous"] = link("before", key(first)) }
        var body: [String: JSONValue] = ["@attributes": .object(attributes)]
        // No match: the entity key is omitted (Lightspeed Retail API documentation, "Introduction" and "Relations"); one match: an object, not a one-element array.
        if !page.isEmpty { body[entity.name] = LSWireFormat.wire(.array(try page.map { try render($0, entity, relations: query.relations) })) }
        return EmulatorResponse.lightspeed(200, .object(body))
    }

    /// `{"@attributes":{"count":"1"},"Item":{…}}`.
    static func envelope(_ name: String, _ record: JSONValue) -> EmulatorResponse {
        EmulatorResponse.lightspeed(200, ["@attributes": ["count": "1"], name: LSWireFormat.wire(record)])
    }

    private static func filterable(_ field: String, rows: [[String: JSONValue]], entity: LSEntityInfo) -> Bool {
        if entity.name == "Item", field == "itemCode" { return true }
        return rows.isEmpty || rows.contains { $0[field] != nil } || LSDefaults.record(entity.name)[field] != nil
    }

    /// Item's `itemCode` matches itemID, UPC or EAN (Lightspeed Retail API documentation, "Parameters" and "Relations"); `Relation.field` filters match when any related
    /// record matches (one level deep, like the real API), with Customer's `Contact.email`/`phoneHome`/`mobile`/
    /// `phoneWork` reading the Contact's e-mail and phone lists.
    private func matches(_ filter: LSFilter, _ row: [String: JSONValue], _ entity: LSEntityInfo) -> Bool {
        if let dot = filter.field.firstIndex(of: ".") {
            let relation = String(filter.field[..<dot]), field = String(filter.field[filter.field.index(after: dot)...])
            var inner = filter
            inner.field = field
            let related = (try? relatedRecords(row, entity, relation, field: field)) ?? []
            // A negative operator holds when no related value contradicts it.
            if [.notEqual, .notLike].contains(filter.op) { return related.allSatisfy { inner.matches($0) } }
            return related.contains { inner.matches($0) }
        }
        guard entity.name == "Item", filter.field == "itemCode" else { return filter.matches(row) }
        return ["itemID", "upc", "ean"].contains { field in
            var alias = filter
            alias.field = field
            return alias.matches(row)
        }
    }

    private func relatedRecords(_ row: [String: JSONValue], _ entity: LSEntityInfo, _ name: String, field: String) throws -> [[String: JSONValue]] {
        switch entity.relations[name] {
        case .inline?:
            guard let object = row[name]?.objectValue else { return [] }
            if entity.name == "Customer", name == "Contact" {
                let phoneTypes = ["phoneHome": "Home", "phoneWork": "Work", "mobile": "Mobile", "fax": "Fax", "pager": "Pager"]
                if field == "email" {
                    return LSWireFormat.oneOrMany(object["Emails"]?.objectValue?["ContactEmail"]).compactMap(\.objectValue).map { ["email": $0["address"] ?? ""] }
                }
                if let type = phoneTypes[field] {
                    return LSWireFormat.oneOrMany(object["Phones"]?.objectValue?["ContactPhone"]).compactMap(\.objectValue)
                        .filter { LSWireFormat.text($0["useType"]) == type }.map { [field: $0["number"] ?? ""] }
                }
            }
            return [object]
        case .toOne(let other, let key)?:
            guard let fk = row.int(key), fk != 0, let record = try LSStore.find(db, other, id: fk) else { return [] }
            return [record]
        case .toMany(let other, _, let key)?:
            guard let id = row.int(entity.key) else { return [] }
            if groups[other + "." + key] == nil { groups[other + "." + key] = Dictionary(grouping: try LSStore.all(db, other)) { $0.int(key) ?? 0 } }
            return groups[other + "." + key]?[id] ?? []
        case nil: return []
        }
    }

    private static func precedes(_ a: [JSONValue], _ b: [JSONValue], descending: Bool) -> Bool {
        for (x, y) in zip(a, b) {
            let order = LSFilter.compare(LSWireFormat.text(x), LSWireFormat.text(y), "")
            if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
        }
        return false
    }

    /// A record with hidden inline relations removed and the requested ones loaded (natural JSON, not yet wire form).
    func render(_ record: [String: JSONValue], _ entity: LSEntityInfo, relations: [String]) throws -> JSONValue {
        var out = record
        for (name, relation) in entity.relations {
            let nested = relations.filter { $0.hasPrefix(name + ".") }.map { String($0.dropFirst(name.count + 1)) }
            guard relations.contains(name) else {
                if case .inline = relation { out[name] = nil }
                continue
            }
            switch relation {
            case .inline: break
            case .toOne(let other, let field):
                guard let fk = record.int(field), fk != 0, let related = try LSStore.find(db, other, id: fk),
                      let info = LSCatalog.entities[other] else { continue }
                out[name] = try render(related, info, relations: nested)
            case .toMany(let other, let element, let field):
                guard let info = LSCatalog.entities[other], let id = record.int(entity.key) else { continue }
                if groups[other + "." + field] == nil {
                    groups[other + "." + field] = Dictionary(grouping: try LSStore.all(db, other)) { $0.int(field) ?? 0 }
                }
                let children = try (groups[other + "." + field]?[id] ?? []).map { try render($0, info, relations: nested) }
                out[name] = [element: .array(children)]
            }
        }
        return .object(out)
    }
}
