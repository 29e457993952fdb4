import Foundation

/// A collection read of one entity, with the V3 query parameters (Lightspeed Retail API documentation, "Parameters" and "Pagination"). Built by chaining:
/// `LSQuery("Item").loadRelations("ItemShops", "Category").filter(.timeStamp(.atLeast, since)).sort("timeStamp")`.
/// Parameters appear in a fixed order so URLs are reproducible: `load_relations`, filters in the order
/// given, `archived`, `sort`, `limit`.
package struct LSQuery: Sendable, Hashable {
    /// `archived=` (archived records are hidden by default; Lightspeed Retail API documentation, "Introduction" and "Relations").
    package enum Archived: String, Sendable, Hashable {
        /// `archived=true`: archived and current records.
        case include = "true"
        /// `archived=only`.
        case only
    }

    /// The path below `/Account/{id}/` without `.json`: `Item`, `ItemShop`, `Sale/12/SaleLine`.
    package var entity: String
    /// The key of the records in the response (`Item`), by default the path's last segment.
    var entityKey: String
    package var relations: [String] = []
    package var filters: [LSQueryFilter] = []
    package var archived: Archived?
    var sortField: String?
    /// `limit` for this read (the connection's page size otherwise; at most 100).
    var limitCount: Int?

    package init(_ entity: String, key: String? = nil) {
        self.entity = entity
        self.entityKey = key ?? String(entity.split(separator: "/").last ?? Substring(entity))
    }

    /// `load_relations=["A","B"]` (JSON array form; Lightspeed Retail API documentation, "Parameters" and "Pagination").
    package func loadRelations(_ names: String...) -> LSQuery { with { $0.relations += names } }
    package func loadRelations(_ names: [String]) -> LSQuery { with { $0.relations += names } }
    /// A filter; several are combined with and.
    package func filter(_ filter: LSQueryFilter) -> LSQuery { with { $0.filters.append(filter) } }
    /// `archived=true|only`.
    package func archived(_ value: Archived) -> LSQuery { with { $0.archived = value } }
    /// `sort=field`, or `sort=-field` with `descending`.
    package func sort(_ field: String, descending: Bool = false) -> LSQuery {
        with { $0.sortField = descending ? "-" + field : field }
    }
    /// `limit` (clamped to 1…100).
    package func limit(_ count: Int) -> LSQuery { with { $0.limitCount = min(100, max(1, count)) } }

    private func with(_ change: (inout LSQuery) -> Void) -> LSQuery {
        var copy = self
        change(&copy)
        return copy
    }

    /// The query string (without `?`) with `limit` = `pageSize` unless the query sets its own.
    package func queryString(pageSize: Int) -> String {
        var parts: [String] = []
        if !relations.isEmpty {
            let array = "[" + relations.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            parts.append("load_relations=" + LSURL.queryEncode(array))
        }
        parts += filters.map(\.parameter)
        if let archived { parts.append("archived=\(archived.rawValue)") }
        if let sortField { parts.append("sort=" + LSURL.queryEncode(sortField)) }
        parts.append("limit=\(min(100, max(1, limitCount ?? pageSize)))")
        return parts.joined(separator: "&")
    }

    /// The absolute URL of the first page below an account root (`…/API/V3/Account/{id}`).
    package func url(accountRoot: String, pageSize: Int) -> String {
        "\(accountRoot)/\(entity).json?\(queryString(pageSize: pageSize))"
    }
}
