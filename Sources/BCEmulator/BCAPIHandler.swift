import EmulatorCore
import Foundation
import GRDB
import PosBridgeCore

/// Answers one API or OData request inside a database transaction: resolves the company and the
/// path segments, then reads or writes entities. Created per request; never escapes the transaction.
struct BCAPIHandler {
    /// The transaction the request runs in.
    package let db: Database
    /// The emulator options (clock, page cap, duplicate-key status).
    package let options: BCEmulatorOptions
    /// The parsed path.
    package let route: BCRoute
    /// The request being answered.
    package let request: EmulatorRequest
    /// `http://host:port` for absolute links.
    package let base: String

    /// The API family of this request (`ODataV4` pages are handled by `BCStockPage`).
    var api: BCCatalog.API {
        if case .api(let api) = route.service { return api }
        return .v2
    }

    /// `lastModifiedDateTime` for writes in this request.
    var now: String { ISODateTime.milliseconds(options.clock()) }

    /// Makes a handler for one request.
    package init(db: Database, options: BCEmulatorOptions, route: BCRoute, request: EmulatorRequest, base: String) {
        self.db = db
        self.options = options
        self.route = route
        self.request = request
        self.base = base
    }

    /// The response; API errors become BC error bodies, anything else a 500.
    package func respond() -> EmulatorResponse {
        do {
            return try dispatch()
        } catch let error as ODataError {
            return error.response
        } catch {
            return ODataError(500, "Internal_ServerError", "The emulator failed: \(error)").response
        }
    }

    private func dispatch() throws -> EmulatorResponse {
        if request.method != "GET", request.header("data-access-intent")?.lowercased() == "readonly" {
            // ReadOnly routes to a replica, so writes with it fail (Business Central API documentation (Microsoft Learn), "Using OData to modify data" (ETags)); the exact code is not documented.
            throw ODataError(400, "BadRequest", "Data-Access-Intent ReadOnly cannot be used with '\(request.method)' requests.")
        }
        if route.service == .odata { return try BCStockPage(handler: self).respond() }
        var segments = route.segments
        guard let first = segments.first else { return serviceDocument() }
        switch first.name {
        case "$batch":
            guard request.method == "POST" else { throw methodNotAllowed }
            return try BCBatch(handler: self).respond()
        case "$metadata":
            // No EDMX: clients of posbridge never read it. Say so instead of inventing a schema.
            throw ODataError(501, "BadRequest_MethodNotImplemented", "The emulator does not serve $metadata.")
        default: break
        }
        let company: String
        if first.name == "companies" {
            guard let key = first.key else {
                guard request.method == "GET", segments.count == 1 else { throw methodNotAllowed }
                return try listCompanies()
            }
            company = key.lowercased()
            segments.removeFirst()
        } else if let given = request.queryValue("company") {
            company = try companyId(named: given)
        } else if let name = request.header("company") {
            // The `Company` header (by name) is how $batch operations may pick a company (Business Central API documentation (Microsoft Learn), "Using OData $batch requests").
            company = try companyId(named: name)
        } else {
            throw ODataError(400, "Internal_CompanyNotFound", "No company was specified; use companies({id}) or ?company={id}.")
        }
        guard let companyEntity = try BCStore.find(db, company: "", set: "companies", id: company) else {
            throw ODataError(404, "Internal_CompanyNotFound", "The company '\(company)' does not exist.")
        }
        guard !segments.isEmpty else {
            guard request.method == "GET" else { throw methodNotAllowed }
            return EmulatorResponse.json(200, .object(companyEntity.served.merging(["@odata.context": .string("\(metadata)#companies/$entity")]) { $1 }))
        }
        return try resource(company: company, segments: segments)
    }

    /// `$metadata` URL of this API root, the start of every `@odata.context`.
    var metadata: String { base + route.root + "/$metadata" }

    var methodNotAllowed: ODataError {
        ODataError(405, "BadRequest_MethodNotAllowed", "'\(request.method)' requests for this resource are not allowed.")
    }

    private func companyId(named given: String) throws -> String {
        let companies = try BCStore.all(db, company: "", set: "companies")
        if let match = companies.first(where: { $0.id == given.lowercased() || $0.fields["name"]?.stringValue == given }) { return match.id }
        throw ODataError(404, "Internal_CompanyNotFound", "The company '\(given)' does not exist.")
    }

    private func serviceDocument() -> EmulatorResponse {
        let sets = (["companies"] + BCCatalog.sets(of: api).sorted()).map { name -> JSONValue in
            ["name": .string(name), "kind": "EntitySet", "url": .string(name)]
        }
        return EmulatorResponse.json(200, ["@odata.context": .string(metadata), "value": .array(sets)])
    }

    private func listCompanies() throws -> EmulatorResponse {
        let query = try ODataQuery(request)
        let rows = try BCStore.all(db, company: "", set: "companies").map { ODataPager.Row(key: $0.seq, object: $0.served) }
        return try pager(query: query, context: "\(metadata)#companies", set: "companies").respond(rows, filter: query.filter) { try select($0, query.select) }
    }

    private func resource(company: String, segments: [BCRoute.Segment]) throws -> EmulatorResponse {
        let head = segments[0]
        guard BCCatalog.sets(of: api).contains(head.name) else { throw ODataError.segmentNotFound(head.name) }
        if api == .v1, request.method != "GET" {
            // API v1.0 is emulated read-only: posbridge only reads old on-premises systems.
            throw methodNotAllowed
        }
        let path = "companies(\(company))/\(head.name)"
        guard let key = head.key else {
            guard segments.count == 1 else { throw ODataError.segmentNotFound(segments[1].name) }
            return try collection(company: company, set: head.name, parent: nil, contextPath: path)
        }
        guard let entity = try BCStore.find(db, company: company, set: head.name, id: key) else { throw notFound(head.name, key) }
        if segments.count == 1 { return try entityRequest(entity, contextPath: path) }
        let nav = segments[1]
        if let child = BCCatalog.childSet(of: head.name, navigation: nav.name) {
            let childPath = "\(path)(\(entity.id))/\(child)"
            guard let childKey = nav.key else {
                guard segments.count == 2 else { throw ODataError.segmentNotFound(segments[2].name) }
                return try collection(company: company, set: child, parent: entity, contextPath: childPath)
            }
            guard segments.count == 2, let line = try BCStore.find(db, company: company, set: child, id: childKey), line.parentId == entity.id else {
                throw notFound(child, childKey)
            }
            return try entityRequest(line, contextPath: childPath)
        }
        if nav.name == "picture", ["items", "customers", "itemVariants"].contains(head.name) {
            return try picture(of: entity, rest: Array(segments.dropFirst(2)))
        }
        if let reference = BCCatalog.references[head.name]?[nav.name], segments.count == 2, request.method == "GET" {
            let query = try ODataQuery(request)
            guard let target = try referenced(entity, reference) else { return EmulatorResponse(status: 204) }
            var object = try shape(target, set: reference.set, query: query)
            object["@odata.context"] = .string("\(metadata)#\(reference.set)/$entity")
            return EmulatorResponse.json(200, .object(object))
        }
        throw ODataError.segmentNotFound(nav.name)
    }

    func notFound(_ set: String, _ key: String) -> ODataError {
        // BC's exact code/status for an unknown id is unverified (not stated in Microsoft's documentation); third-party code shows BadRequest_NotFound + 404.
        ODataError(404, "BadRequest_NotFound", "The \(BCCatalog.typeName(set)) with id '\(key)' does not exist.")
    }

    func pager(query: ODataQuery, context: String, set: String) -> ODataPager {
        ODataPager(request: request, query: query, base: base, maxPageSize: options.maxPageSize, context: context, typeName: BCCatalog.typeName(set))
    }

    func referenced(_ entity: BCEntity, _ reference: (set: String, field: String)) throws -> BCEntity? {
        guard let id = entity.fields[reference.field]?.stringValue, id != BCWireFormat.blankGUID else { return nil }
        return try BCStore.find(db, company: entity.company, set: reference.set, id: id)
    }
}
