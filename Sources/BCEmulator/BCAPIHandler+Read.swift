import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

extension BCAPIHandler {
    /// GET or POST on a collection, top-level or under a parent.
    func collection(company: String, set: String, parent: BCEntity?, contextPath: String) throws -> EmulatorResponse {
        switch request.method {
        case "GET": break
        case "POST": return try create(company: company, set: set, parent: parent, contextPath: contextPath)
        default: throw methodNotAllowed
        }
        let query = try ODataQuery(request)
        var filter = query.filter
        let entities: [BCEntity]
        if let parent {
            entities = try BCStore.children(db, company: company, set: set, parentId: parent.id)
        } else if BCCatalog.documentLineSets.contains(set) {
            // Lines sit on a temporary table in BC: without an id or documentId the page refuses (Business Central API documentation (Microsoft Learn), resource type salesOrderLine).
            // The error code is not documented; an AL Error() surfaces as Application_DialogException.
            guard case .guid(let document)? = filter?.equalities(of: "documentId").first else {
                throw ODataError(400, "Application_DialogException", "You must specify an Id or a Document Id to get the lines.")
            }
            entities = try BCStore.children(db, company: company, set: set, parentId: document)
            filter = filter?.removing(["documentId"])
        } else {
            entities = try BCStore.all(db, company: company, set: set)
        }
        let rows = entities.map { ODataPager.Row(key: $0.seq, object: served($0)) }
        return try pager(query: query, context: "\(metadata)#\(contextPath)", set: set).respond(rows, filter: filter) { object in
            try expandAndSelect(object, set: set, company: company, query: query)
        }
    }

    /// GET, PATCH or DELETE on one entity.
    func entityRequest(_ entity: BCEntity, contextPath: String) throws -> EmulatorResponse {
        switch request.method {
        case "GET":
            let query = try ODataQuery(request)
            var object = try shape(entity, set: entity.set, query: query)
            object["@odata.context"] = .string("\(metadata)#\(contextPath)/$entity")
            return EmulatorResponse.json(200, .object(object))
        case "PATCH": return try update(entity, contextPath: contextPath)
        case "DELETE": return try remove(entity)
        default: throw methodNotAllowed
        }
    }

    /// The served members in this API's shape (v1.0 differs, Business Central API documentation (Microsoft Learn), API v1.0 reference).
    func served(_ entity: BCEntity) -> [String: JSONValue] {
        api == .v1 ? BCVersion1Shapes.shape(entity.served, set: entity.set) : entity.served
    }

    /// Served members with `$expand` and `$select` applied.
    func shape(_ entity: BCEntity, set: String, query: ODataQuery) throws -> [String: JSONValue] {
        let object = served(entity)
        for field in query.select ?? [] where object[field] == nil {
            throw ODataError(400, "BadRequest_NotFound", "Could not find a property named '\(field)' on type '\(BCCatalog.typeName(set))'.")
        }
        return try expandAndSelect(object, set: set, company: entity.company, query: query)
    }

    func expandAndSelect(_ object: [String: JSONValue], set: String, company: String, query: ODataQuery) throws -> [String: JSONValue] {
        var out = try select(object, query.select)
        guard let id = object["id"]?.stringValue else { return out }
        for expansion in query.expand {
            out[expansion.name] = try expand(expansion, set: set, company: company, id: id, object: object)
        }
        return out
    }

    /// Keeps the selected members plus `@odata.etag` (BC always sends the etag).
    func select(_ object: [String: JSONValue], _ fields: [String]?) throws -> [String: JSONValue] {
        guard let fields else { return object }
        var out: [String: JSONValue] = [:]
        for field in fields { out[field] = object[field] }
        out["@odata.etag"] = object["@odata.etag"]
        return out
    }

    private func expand(_ expansion: ODataQuery.Expansion, set: String, company: String, id: String, object: [String: JSONValue]) throws -> JSONValue {
        if let child = BCCatalog.childSet(of: set, navigation: expansion.name) {
            let lines = try BCStore.children(db, company: company, set: child, parentId: id)
            return .array(try lines.map { .object(try select(served($0), expansion.select)) })
        }
        if expansion.name == "picture", ["items", "customers", "itemVariants"].contains(set) {
            return .object(try select(try pictureMetadata(company: company, set: set, id: id), expansion.select))
        }
        if let reference = BCCatalog.references[set]?[expansion.name] {
            guard let target = object[reference.field]?.stringValue, target != BCWireFormat.blankGUID,
                  let entity = try BCStore.find(db, company: company, set: reference.set, id: target)
            else { return .null }
            return .object(try select(served(entity), expansion.select))
        }
        throw ODataError(400, "BadRequest_NotFound", "Could not find a property named '\(expansion.name)' on type '\(BCCatalog.typeName(set))'.")
    }

    // MARK: Pictures

    /// `…/picture` metadata, `…/picture/pictureContent` bytes (GET) or replacement (PATCH → 204).
    func picture(of entity: BCEntity, rest: [BCRoute.Segment]) throws -> EmulatorResponse {
        let company = entity.company
        if rest.isEmpty {
            switch request.method {
            case "GET":
                var object = try pictureMetadata(company: company, set: entity.set, id: entity.id)
                object["@odata.context"] = .string("\(metadata)#companies(\(company))/\(entity.set)(\(entity.id))/picture/$entity")
                return EmulatorResponse.json(200, .object(object))
            case "DELETE":
                try BCStore.deletePicture(db, company: company, id: entity.id)
                return EmulatorResponse(status: 204)
            default: throw methodNotAllowed
            }
        }
        guard rest.count == 1, rest[0].name == "pictureContent" || rest[0].name == "content" else {
            throw ODataError.segmentNotFound(rest.last!.name)
        }
        switch request.method {
        case "GET":
            // No picture: an empty 204. What BC does here is unverified (not stated in Microsoft's documentation).
            guard let stored = try BCStore.picture(db, company: company, id: entity.id) else { return EmulatorResponse(status: 204) }
            return EmulatorResponse(status: 200, headers: [("Content-Type", stored.contentType)], body: stored.content)
        case "PATCH", "PUT":
            guard request.header("if-match") != nil else { throw BCAPIHandler.missingToken }
            let type = request.header("content-type") ?? "application/octet-stream"
            try BCStore.putPicture(db, company: company, id: entity.id, BCStore.Picture(contentType: type, width: 0, height: 0, content: request.body))
            return EmulatorResponse(status: 204)
        default: throw methodNotAllowed
        }
    }

    private func pictureMetadata(company: String, set: String, id: String) throws -> [String: JSONValue] {
        let stored = try BCStore.picture(db, company: company, id: id)
        let link = "\(base)\(route.root)/companies(\(company))/\(set)(\(id))/picture/pictureContent"
        let parentType: String = switch set {
        case "customers": "Customer"
        case "itemVariants": "Item_x0020_Variant"
        default: "Item"
        }
        return [
            "@odata.etag": .string(BCWireFormat.etag(version: Int64(stored?.content.count ?? 0), id: id)),
            "id": .string(id), "parentType": .string(parentType),
            "width": .number(CanonicalNumber(stored?.width ?? 0)), "height": .number(CanonicalNumber(stored?.height ?? 0)),
            "contentType": .string(stored?.contentType ?? ""),
            "pictureContent@odata.mediaReadLink": .string(link), "pictureContent@odata.mediaEditLink": .string(link),
        ]
    }
}
