import Foundation

/// A collection read: which route and entity set, and the OData options. Built by chaining:
/// `BCQuery("items").select("id", "number").expand("itemVariants").filter(.modified(after: t))`.
package struct BCQuery: Sendable, Hashable {
    /// Where the entity set lives.
    package enum Route: Sendable, Hashable {
        /// The standard API of the connection's version, company-scoped: `api/v2.0/companies({id})/…`.
        case standard
        /// The standard API root without a company (`companies` itself).
        case unscoped
        /// The companion extension: `api/{publisher}/{group}/{version}/companies({id})/…`.
        case companion
        /// A UI page or query published as an OData web service: `ODataV4/Company('{name}')/{service}`.
        case odataPage
    }

    /// One `$expand` item with its own nested options.
    package struct Expand: Sendable, Hashable, ExpressibleByStringLiteral {
        package var name: String
        package var select: [String]
        package var expand: [Expand]

        package init(_ name: String, select: [String] = [], expand: [Expand] = []) {
            self.name = name
            self.select = select
            self.expand = expand
        }

        package init(stringLiteral name: String) { self.init(name) }

        /// `name` or `name($select=a,b;$expand=…)`.
        var text: String {
            var options: [String] = []
            if !select.isEmpty { options.append("$select=" + select.joined(separator: ",")) }
            if !expand.isEmpty { options.append("$expand=" + expand.map(\.text).joined(separator: ",")) }
            return options.isEmpty ? name : "\(name)(\(options.joined(separator: ";")))"
        }
    }

    package var route: Route
    /// The path below the company (or below the root for `.unscoped`), e.g. `items`,
    /// `salesOrders({id})/salesOrderLines` or an ODataV4 service name.
    package var entitySet: String
    var selectFields: [String] = []
    var expandItems: [Expand] = []
    var filterExpression: Filter?
    var orderByFields: [String] = []
    var topCount: Int?
    /// Overrides the connection's page size for this read.
    package var pageSize: Int?

    package init(_ entitySet: String, route: Route = .standard) {
        self.entitySet = entitySet
        self.route = route
    }

    /// `$select` of the fields a flow needs.
    package func select(_ fields: String...) -> BCQuery { with { $0.selectFields += fields } }
    package func select(_ fields: [String]) -> BCQuery { with { $0.selectFields += fields } }
    /// `$expand` of navigation properties.
    package func expand(_ items: Expand...) -> BCQuery { with { $0.expandItems += items } }
    /// `$filter`; a second call combines with `and`.
    package func filter(_ filter: Filter) -> BCQuery {
        with { $0.filterExpression = $0.filterExpression.map { $0 && filter } ?? filter }
    }
    /// `$orderby`, e.g. `lastModifiedDateTime asc`.
    package func orderBy(_ fields: String...) -> BCQuery { with { $0.orderByFields += fields } }
    /// `$top` (the server then sends no nextLink; Microsoft, "Server-driven paging in OData web services").
    package func top(_ count: Int) -> BCQuery { with { $0.topCount = count } }
    /// `Prefer: odata.maxpagesize` for this read.
    package func pageSize(_ size: Int) -> BCQuery { with { $0.pageSize = size } }

    private func with(_ change: (inout BCQuery) -> Void) -> BCQuery {
        var copy = self
        change(&copy)
        return copy
    }

    /// The query string (without `?`), options in a fixed order so URLs are reproducible.
    package var queryString: String {
        var parts: [String] = []
        if let filterExpression { parts.append("$filter=" + BCURL.queryEncode(filterExpression.text)) }
        if !selectFields.isEmpty { parts.append("$select=" + BCURL.queryEncode(selectFields.joined(separator: ","))) }
        if !expandItems.isEmpty {
            parts.append("$expand=" + BCURL.queryEncode(expandItems.map(\.text).joined(separator: ",")))
        }
        if !orderByFields.isEmpty { parts.append("$orderby=" + BCURL.queryEncode(orderByFields.joined(separator: ","))) }
        if let topCount { parts.append("$top=\(topCount)") }
        return parts.joined(separator: "&")
    }

    /// The absolute URL of the first page.
    func url(settings: BCConnectionSettings, company: BCCompany?) throws -> String {
        let base: String
        switch route {
        case .unscoped:
            base = "\(settings.apiRoot)/\(entitySet)"
        case .standard, .companion:
            guard let company else { throw BCError(.companyNotFound, "\(settings.name): no company resolved for \(entitySet)") }
            let root = route == .standard ? settings.apiRoot : settings.companionRoot
            base = "\(root)/companies(\(company.id))/\(entitySet)"
        case .odataPage:
            guard let company else { throw BCError(.companyNotFound, "\(settings.name): no company resolved for \(entitySet)") }
            let name = BCURL.pathEncode(company.name.replacingOccurrences(of: "'", with: "''"))
            base = "\(settings.odataRoot)/Company('\(name)')/\(entitySet)"
        }
        let query = queryString
        return query.isEmpty ? base : "\(base)?\(query)"
    }
}

/// A company of the connection: its id (for API routes) and name (for ODataV4 routes).
package struct BCCompany: Sendable, Hashable {
    package let id: String
    package let name: String

    package init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
