import EmulatorCore
import Foundation
import PosBridgeCore

/// The parsed query of a list request: filters, `or`, `archived`, `sort`, `limit`, cursors, `load_relations`, `count`.
struct LSListQuery: Sendable {
    /// Parameters that are not field filters.
    static let reserved: Set<String> = ["limit", "sort", "after", "before", "load_relations", "archived", "count", "or", "offset", "orderby", "orderby_desc"]

    /// Conditions that must all hold.
    package var filters: [LSFilter] = []
    /// Alternatives of which one must hold (`or=a%3D1|b%3D2`).
    var alternatives: [LSFilter] = []
    /// `archived`: `false` (default), `true` (both) or `only`.
    package var archived = "false"
    /// The sort field and direction.
    package var sort: String
    /// Descending (`sort=-field`).
    package var descending = false
    /// Page size, 1…100.
    package var limit = 100
    /// The decoded `after` cursor.
    package var after: [JSONValue]?
    /// The decoded `before` cursor.
    package var before: [JSONValue]?
    /// Relations to load.
    package var relations: [String] = []
    /// `count=1`.
    var countOnly = false
    /// The raw query pairs kept in `next`/`previous` (everything but paging parameters).
    package var kept: [String] = []

    /// Parses a request's query against an entity.
    package init(_ request: EmulatorRequest, entity: LSEntityInfo) throws(LightspeedAPIError) {
        sort = entity.key
        let raw = request.query.split(separator: "&", omittingEmptySubsequences: true).map(String.init)
        for pair in raw {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            if !["limit", "sort", "after", "before"].contains(name) { kept.append(pair) }
            switch name {
            case "limit":
                guard let n = Int(value), (0...100).contains(n) else { throw LightspeedAPIError(400, "limit must be a whole number from 0 to 100.") }
                limit = n == 0 ? 100 : n
            case "sort":
                descending = value.hasPrefix("-")
                let field = descending ? String(value.dropFirst()) : value
                guard entity.sorts.contains(field) else {
                    throw LightspeedAPIError(400, "Invalid sort field '\(field)'. Allowed sort fields: \(entity.sorts.joined(separator: ", ")).")
                }
                sort = field
            case "after": after = try Self.cursor(value)
            case "before": before = try Self.cursor(value)
            case "archived":
                guard ["true", "false", "only"].contains(value.lowercased()) else { throw LightspeedAPIError(400, "archived must be true, false or only.") }
                archived = value.lowercased()
            case "count": countOnly = value == "1" || value == "true"
            case "load_relations": relations = try Self.relations(value, entity: entity)
            case "or":
                for operand in value.split(separator: "|") {
                    let inner = operand.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    guard inner.count == 2 else { throw LightspeedAPIError(400, "Each or= operand must look like field=value.") }
                    alternatives.append(try LSFilter(field: String(inner[0]), value: String(inner[1])))
                }
            case "offset", "orderby", "orderby_desc":
                throw LightspeedAPIError(400, "'\(name)' belongs to the legacy V2 API; use sort, limit and the next/previous URLs.")
            default:
                if let dot = name.firstIndex(of: "."), entity.relations[String(name[..<dot])] == nil {
                    throw LightspeedAPIError(400, "Invalid relation in filter '\(name)' for \(entity.name).")
                }
                filters.append(try LSFilter(field: name, value: value))
            }
        }
        if countOnly, raw.contains(where: { ["limit", "sort", "after", "before"].contains(String($0.prefix { $0 != "=" })) }) {
            throw LightspeedAPIError(400, "count=1 cannot be combined with limit, sort, after or before.")
        }
    }

    /// `load_relations=all` or a JSON array of names; one nested level (`SaleLines.Item`, `Customer.Contact`) is
    /// checked against the related entity's relations.
    static func relations(_ value: String, entity: LSEntityInfo) throws(LightspeedAPIError) -> [String] {
        if value == "all" { return LSCatalog.allRelations(entity) }
        guard case .array(let items)? = try? JSONParser.parse(bytes: Array(value.utf8)) else {
            throw LightspeedAPIError(400, "load_relations must be 'all' or a JSON array of relation names.")
        }
        var names: [String] = []
        for item in items {
            guard let name = item.stringValue else { throw LightspeedAPIError(400, "load_relations must list relation names as strings.") }
            let parts = name.split(separator: ".").map(String.init)
            guard let first = parts.first, let relation = entity.relations[first], parts.count <= 2 else {
                throw LightspeedAPIError(400, "Invalid relation '\(name)' for \(entity.name).")
            }
            if parts.count == 2 {
                guard let related = relation.entity.flatMap({ LSCatalog.entities[$0] }), related.relations[parts[1]] != nil else {
                    throw LightspeedAPIError(400, "Invalid relation '\(name)' for \(entity.name).")
                }
                if !names.contains(first) { names.append(first) }
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Decodes a base64 JSON-array cursor.
    static func cursor(_ value: String) throws(LightspeedAPIError) -> [JSONValue] {
        guard let data = Data(base64Encoded: value), case .array(let key)? = try? JSONParser.parse(bytes: data), !key.isEmpty else {
            throw LightspeedAPIError(400, "Invalid pagination cursor.")
        }
        return key
    }

    /// Encodes a cursor: `[id]` when sorted by the key, else `[sortValue, id]`.
    static func encodeCursor(_ key: [JSONValue]) -> String {
        Data(CanonicalJSON.encode(.array(key))).base64EncodedString()
    }
}
