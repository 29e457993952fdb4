import EmulatorCore
import Foundation
import PosBridgeCore

/// Filters, orders and pages a collection and writes the OData envelope
/// `{"@odata.context", "value", "@odata.nextLink"}`.
struct ODataPager {
    /// One candidate row: a stable key (the store's insertion order) and the served members.
    package struct Row {
        /// Stable key for `$skiptoken`.
        package var key: Int64
        /// The served members.
        package var object: [String: JSONValue]
    }

    /// The request (its query is kept in nextLinks).
    package var request: EmulatorRequest
    /// The parsed options.
    package var query: ODataQuery
    /// `http://127.0.0.1:PORT`, the start of absolute links.
    package var base: String
    /// The server's page cap.
    var maxPageSize: Int
    /// The `@odata.context` value.
    package var context: String
    /// The EDM type for "no such property" messages.
    package var typeName: String

    /// Applies `$filter`, `$orderby`, `$skip`/`$skiptoken` and `$top`/page size; `shape` applies `$select`
    /// and `$expand` to each row on the page only.
    package func respond(_ all: [Row], filter: ODataFilter?, shape: ([String: JSONValue]) throws -> [String: JSONValue]) throws -> EmulatorResponse {
        var rows = all
        try checkFields(filter?.fields ?? [], rows)
        try checkFields(Set(query.orderBy.map(\.field)), rows)
        try checkFields(Set(query.select ?? []), rows)
        if let filter { rows = try rows.filter { try filter.matches($0.object) } }
        if !query.orderBy.isEmpty { rows = Self.sorted(rows, by: query.orderBy) }

        let total = rows.count
        var start = query.skip ?? 0
        if let token = query.skipToken {
            // Opaque to clients: `k<seq>` resumes after the last key sent (stable under concurrent inserts,
            // like BC's key-based token); `o<n>` is an offset, used only with $orderby.
            if token.hasPrefix("k"), let key = Int64(token.dropFirst()) {
                rows = rows.filter { $0.key > key }
                start = 0
            } else if token.hasPrefix("o"), let offset = Int(token.dropFirst()) {
                start = offset
            } else {
                throw ODataError(400, "BadRequest", "The skip token '\(token)' is not valid.")
            }
        }
        rows = Array(rows.dropFirst(start))

        var headers: [(String, String)] = []
        var nextToken: String?
        if let top = query.top {
            // With $top BC sends no nextLink (microsoft/AL issue #6858).
            rows = Array(rows.prefix(top))
        } else {
            let preferred = Self.preferredPageSize(request.header("prefer"))
            let pageSize = min(preferred ?? maxPageSize, maxPageSize)
            // Whether BC sends Preference-Applied is unverified (not stated in Microsoft's documentation); it is harmless to clients.
            if let preferred { headers.append(("Preference-Applied", "odata.maxpagesize=\(min(preferred, maxPageSize))")) }
            if rows.count > pageSize {
                rows = Array(rows.prefix(pageSize))
                nextToken = query.orderBy.isEmpty ? "k\(rows.last!.key)" : "o\(start + pageSize)"
            }
        }
        var body: [String: JSONValue] = ["@odata.context": .string(context), "value": .array(try rows.map { .object(try shape($0.object)) })]
        if let nextToken { body["@odata.nextLink"] = .string(nextLink(token: nextToken)) }
        if query.count { body["@odata.count"] = .number(CanonicalNumber(total)) }
        return EmulatorResponse.json(200, .object(body), headers: headers)
    }

    /// `odata.maxpagesize=N` from a `Prefer` header.
    static func preferredPageSize(_ prefer: String?) -> Int? {
        guard let prefer else { return nil }
        for part in prefer.split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "odata.maxpagesize", let n = Int(pair[1]), n > 0 { return n }
        }
        return nil
    }

    private func nextLink(token: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        let kept = request.queryItems.filter { $0.name != "$skiptoken" && $0.name != "$skip" }
        let encoded = (kept.map { ($0.name, $0.value) } + [("$skiptoken", token)]).map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name) + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }
        return base + request.path + "?" + encoded.joined(separator: "&")
    }

    private func checkFields(_ fields: Set<String>, _ rows: [Row]) throws {
        // The emulator has no $metadata schema: a field is known if any row has it. An empty set accepts anything.
        guard !rows.isEmpty else { return }
        for field in fields.sorted() where !rows.contains(where: { $0.object[field] != nil }) {
            throw ODataError(400, "BadRequest_NotFound", "Could not find a property named '\(field)' on type '\(typeName)'.")
        }
    }

    private static func sorted(_ rows: [Row], by keys: [(field: String, descending: Bool)]) -> [Row] {
        rows.enumerated().sorted { a, b in
            for key in keys {
                let left = sortText(a.element.object[key.field]), right = sortText(b.element.object[key.field])
                if left != right { return key.descending ? right < left : left < right }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    private static func sortText(_ value: JSONValue?) -> SortKey {
        switch value {
        case .number(let n): .number(Decimal(string: n.text) ?? 0)
        case .string(let s): .text(s)
        case .bool(let b): .number(b ? 1 : 0)
        default: .none
        }
    }

    private enum SortKey: Comparable {
        case none
        case number(Decimal)
        case text(String)
    }
}
