import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

extension BCAPIHandler {
    /// 400 for a PATCH/DELETE without `If-Match` (Business Central API documentation (Microsoft Learn), "Using OData to modify data" (ETags)).
    static let missingToken = ODataError(
        400, "BadRequest_InvalidToken",
        "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.")

    /// POST: 201 with the new entity; deep insert of document lines; number series; duplicate keys refused.
    func create(company: String, set: String, parent: BCEntity?, contextPath: String) throws -> EmulatorResponse {
        guard !BCCatalog.readOnlySets.contains(set) else { throw methodNotAllowed }
        var fields = try bodyObject()
        if set == "items", fields["inventory"] != nil {
            throw ODataError(400, "Application_DialogException", "Inventory cannot be changed during on insert.")
        }
        // displayName is required on customers; blank is rejected (Business Central API documentation (Microsoft Learn), resource type customer). The message follows
        // the documented shape of BadRequest_RequiredParamNotProvided (Business Central API documentation (Microsoft Learn), "Troubleshooting API errors").
        if set == "customers", fields["displayName"]?.stringValue?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            throw ODataError(400, "BadRequest_RequiredParamNotProvided", "Field 'displayName' must not be blank or empty.")
        }
        var deepLines: [JSONValue] = []
        for (name, value) in fields {
            guard case .array(let items) = value else { continue }
            guard BCCatalog.childSet(of: set, navigation: name) != nil, BCCatalog.documentLineSets.contains(name) else {
                throw ODataError(400, "BadRequest", "The property '\(name)' cannot be set with a collection.")
            }
            deepLines = items
            fields[name] = nil
        }
        let created = try insert(company: company, set: set, fields: fields, parent: parent)
        if let child = BCCatalog.parents.first(where: { $0.value.set == set && BCCatalog.documentLineSets.contains($0.key) })?.key {
            for case .object(let line) in deepLines {
                try insert(company: company, set: child, fields: line.filter { !$0.key.hasPrefix("@") }, parent: created)
            }
        }
        guard let stored = try BCStore.find(db, company: company, set: set, id: created.id) else { throw notFound(set, created.id) }
        var object = try shape(stored, set: set, query: try ODataQuery(request))
        object["@odata.context"] = .string("\(metadata)#\(contextPath)/$entity")
        return EmulatorResponse.json(201, .object(object), headers: [("Location", "\(base)\(route.root)/companies(\(company))/\(set)(\(stored.id))")])
    }

    /// PATCH: If-Match required; merges members, bumps the ETag and `lastModifiedDateTime`.
    func update(_ entity: BCEntity, contextPath: String) throws -> EmulatorResponse {
        guard !BCCatalog.readOnlySets.contains(entity.set) else { throw methodNotAllowed }
        try checkIfMatch(entity)
        var known = entity.fields
        known["id"] = .string(entity.id)
        let body = try BCFieldRules.check(try bodyObject(), template: known, set: entity.set)
        var changed = entity
        for (name, value) in body {
            if case .array = value { throw ODataError(400, "BadRequest", "Deep update of '\(name)' is not supported.") }
            if name == "id" {
                guard value.stringValue?.lowercased() == entity.id else {
                    throw ODataError(400, "BadRequest_InvalidOperation", "The property 'id' is read-only.")
                }
                continue
            }
            changed.fields[name] = value
        }
        try checkNaturalKey(company: entity.company, set: entity.set, fields: changed.fields, excluding: entity.id)
        if changed.modifiedAt != nil { changed.modifiedAt = now }
        let stored = try BCStore.update(db, changed)
        try touchParent(of: stored)
        var object = try shape(stored, set: stored.set, query: try ODataQuery(request))
        object["@odata.context"] = .string("\(metadata)#\(contextPath)/$entity")
        return EmulatorResponse.json(200, .object(object))
    }

    /// DELETE: If-Match required; 204.
    func remove(_ entity: BCEntity) throws -> EmulatorResponse {
        guard !BCCatalog.readOnlySets.contains(entity.set) else { throw methodNotAllowed }
        try checkIfMatch(entity)
        try BCStore.delete(db, entity)
        try touchParent(of: entity)
        return EmulatorResponse(status: 204)
    }

    private func checkIfMatch(_ entity: BCEntity) throws {
        guard let token = request.header("if-match") else { throw Self.missingToken }
        guard token == "*" || token == entity.etag else {
            // 409 + Request_EntityChanged is what BC sends for a stale ETag (Business Central API documentation (Microsoft Learn), "Using OData to modify data" (ETags)), not 412.
            throw ODataError(409, "Request_EntityChanged", "Another user has already changed the record.")
        }
    }

    /// A line change moves its document header's ETag and timestamp, as BC's buffer tables do (Business Central API documentation (Microsoft Learn), "Delta by lastModifiedDateTime").
    private func touchParent(of entity: BCEntity) throws {
        guard let parentSet = BCCatalog.parents[entity.set]?.set, BCCatalog.documentLineSets.contains(entity.set),
              let parentId = entity.parentId, var parent = try BCStore.find(db, company: entity.company, set: parentSet, id: parentId)
        else { return }
        parent.modifiedAt = now
        try BCStore.update(db, parent)
    }

    @discardableResult
    private func insert(company: String, set: String, fields given: [String: JSONValue], parent: BCEntity?) throws -> BCEntity {
        var fields = given.filter { !$0.key.hasPrefix("@") && $0.key != "lastModifiedDateTime" }
        let id = (fields.removeValue(forKey: "id")?.stringValue ?? UUID().uuidString).lowercased()
        if try BCStore.find(db, company: company, set: set, id: id) != nil {
            throw duplicate(set, description: "Id='\(id)'")
        }
        // BC returns every field of the page; the first stored record of the set is the template of blanks.
        let template = try BCStore.all(db, company: company, set: set).first?.fields
        fields = try BCFieldRules.check(fields, template: template, set: set)
        for (name, value) in template ?? [:] where fields[name] == nil { fields[name] = Self.blank(value) }
        var parentId: String?
        if let link = BCCatalog.parents[set] {
            let owner: BCEntity
            if let parent {
                owner = parent
            } else {
                guard let given = fields[link.field]?.stringValue, let found = try BCStore.find(db, company: company, set: link.set, id: given) else {
                    throw ODataError(400, "BadRequest_RequiredParamNotProvided", "Field '\(link.field)' must refer to an existing \(BCCatalog.typeName(link.set)).")
                }
                owner = found
            }
            parentId = owner.id
            fields[link.field] = .string(owner.id)
            try fillFromParent(&fields, set: set, parent: owner, company: company)
        }
        if set == "salesOrders" || set == "salesInvoices" { try fillCustomer(&fields, company: company) }
        if let series = BCCatalog.numberSeries[set], (fields["number"]?.stringValue ?? "").isEmpty {
            let count = try BCStore.all(db, company: company, set: set).count
            fields["number"] = .string("\(series)\(String(format: "%05d", count + 1))")
        }
        try checkNaturalKey(company: company, set: set, fields: fields, excluding: nil)
        let timed = !BCCatalog.untimedSets.contains(set)
        let stored = try BCStore.insert(db, BCEntity(company: company, set: set, id: id, parentId: parentId, fields: fields, modifiedAt: timed ? now : nil))
        try touchParent(of: stored)
        return stored
    }

    private func fillFromParent(_ fields: inout [String: JSONValue], set: String, parent: BCEntity, company: String) throws {
        if set == "itemVariants" { fields["itemNumber"] = parent.fields["number"] }
        guard BCCatalog.documentLineSets.contains(set) else { return }
        if fields["sequence"] == nil || fields["sequence"] == .number(CanonicalNumber(0)) {
            let lines = try BCStore.children(db, company: company, set: set, parentId: parent.id)
            fields["sequence"] = .number(CanonicalNumber((lines.count + 1) * 10000))
        }
        // An item line given by itemId or number gets the other one, its description and price, as BC validates them.
        var item: BCEntity?
        if let itemId = fields["itemId"]?.stringValue, itemId != BCWireFormat.blankGUID {
            item = try BCStore.find(db, company: company, set: "items", id: itemId)
            guard item != nil else { throw ODataError(400, "Internal_InvalidTableRelation", "The item '\(itemId)' does not exist.") }
        } else if let number = fields["lineObjectNumber"]?.stringValue, !number.isEmpty {
            item = try BCStore.all(db, company: company, set: "items").first { $0.fields["number"]?.stringValue == number }
        }
        guard let item else { return }
        fields["itemId"] = .string(item.id)
        fields["lineType"] = "Item"
        fields["lineObjectNumber"] = item.fields["number"]
        if (fields["description"]?.stringValue ?? "").isEmpty { fields["description"] = item.fields["displayName"] }
        if fields["unitPrice"] == nil || fields["unitPrice"] == .number(CanonicalNumber(0)) { fields["unitPrice"] = item.fields["unitPrice"] }
        if (fields["unitOfMeasureCode"]?.stringValue ?? "").isEmpty { fields["unitOfMeasureCode"] = item.fields["baseUnitOfMeasureCode"] }
    }

    private func fillCustomer(_ fields: inout [String: JSONValue], company: String) throws {
        let customers = try BCStore.all(db, company: company, set: "customers")
        let byId = fields["customerId"]?.stringValue.flatMap { id in customers.first { $0.id == id.lowercased() } }
        let byNumber = fields["customerNumber"]?.stringValue.flatMap { n in customers.first { $0.fields["number"]?.stringValue == n } }
        guard let customer = byId ?? byNumber else {
            throw ODataError(400, "Application_DialogException", "A customerNumber or a customerId must be provided.")
        }
        fields["customerId"] = .string(customer.id)
        fields["customerNumber"] = customer.fields["number"]
        let name = customer.fields["displayName"] ?? ""
        for key in ["customerName", "billToName", "shipToName"] where (fields[key]?.stringValue ?? "").isEmpty { fields[key] = name }
        for key in ["billToCustomerId"] where (fields[key]?.stringValue ?? BCWireFormat.blankGUID) == BCWireFormat.blankGUID { fields[key] = .string(customer.id) }
        for key in ["billToCustomerNumber"] where (fields[key]?.stringValue ?? "").isEmpty { fields[key] = customer.fields["number"] }
        for key in ["email", "phoneNumber"] where (fields[key]?.stringValue ?? "").isEmpty { fields[key] = customer.fields[key] }
    }

    private func checkNaturalKey(company: String, set: String, fields: [String: JSONValue], excluding: String?) throws {
        guard let key = BCCatalog.naturalKeys[set], let value = fields[key.field]?.stringValue, !value.isEmpty else { return }
        let clash = try BCStore.all(db, company: company, set: set).contains { $0.id != excluding && $0.fields[key.field]?.stringValue == value }
        if clash { throw duplicate(set, description: "\(key.caption)='\(value)'") }
    }

    private func duplicate(_ set: String, description: String) -> ODataError {
        let table = BCCatalog.naturalKeys[set]?.table ?? BCCatalog.typeName(set)
        return ODataError(options.duplicateKeyStatus, "Internal_EntityWithSameKeyExists",
                          "The \(table) already exists. Identification fields and values: \(description)")
    }

    private func bodyObject() throws -> [String: JSONValue] {
        guard let value = try? JSONParser.parse(bytes: request.body), case .object(let fields) = value else { throw ODataError.invalidBody }
        return fields
    }

    /// The blank of a value's type in BC: blank GUID, `0001-01-01`, "", 0, false.
    static func blank(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            if text.count == 36, text.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12] { return .string(BCWireFormat.blankGUID) }
            if text.count == 10, text.split(separator: "-").map(\.count) == [4, 2, 2] { return "0001-01-01" }
            return ""
        case .number: return 0
        case .bool: return false
        default: return .null
        }
    }
}
