import Foundation
import PosBridgeCore
import PosBridgeHTTP

/// The client's own estimate of what a request costs in the leaky bucket, computed from the request
/// alone as Lightspeed does (Lightspeed Retail API documentation, "Rate limits", "Costs (current model)"). The server's
/// `X-LS-API-Request-Cost` header is authoritative afterwards; the estimate decides how long to wait
/// *before* sending.
package enum LSBucketCost {
    /// Which documented cost table to assume.
    package enum Model: String, Sendable, Hashable, CaseIterable {
        /// The 2025/2026 model: 1 drip per request plus extras, with endpoint overrides.
        case current
        /// The legacy model most open-source clients assume: GET 1, any write 10. Safe but slow.
        case legacy
    }

    /// Relations that are collections (to-many); all others count as to-one. From the relation lists
    /// in Lightspeed Retail API documentation, endpoint pages.
    static let toManyRelations: Set<String> = [
        "ItemShops", "Images", "Prices", "ItemPrices", "CustomFieldValues", "ItemVendorNums", "ItemComponents",
        "TagRelations", "Tags", "SaleLines", "SalePayments", "SaleNotes", "Items", "Registers", "OrderLines",
        "WorkorderLines", "WorkorderItems", "TaxCategoryClasses", "InventorySales", "SaleAccounts",
    ]

    /// The estimated cost of `request`.
    package static func estimate(_ request: APIRequest, model: Model) -> Double {
        let (segments, query) = split(request.url)
        switch model {
        case .legacy:
            return request.method == .get ? 1 : 10
        case .current:
            if request.method == .get { return readCost(segments: segments, query: query) }
            return writeCost(method: request.method, segments: segments, body: request.body)
        }
    }

    /// Path segments after `/Account/{id}/` without `.json`, and the decoded query items.
    static func split(_ url: String) -> ([String], [(String, String)]) {
        guard let components = URLComponents(string: url) else { return ([], []) }
        var segments = components.path.split(separator: "/").map(String.init)
        if let account = segments.firstIndex(of: "Account"), account + 1 < segments.count {
            segments = Array(segments[(account + 2)...])
        } else if let v3 = segments.firstIndex(of: "V3") {
            segments = Array(segments[(v3 + 1)...])
        }
        if let last = segments.last, last.hasSuffix(".json") { segments[segments.count - 1] = String(last.dropLast(5)) }
        let items = (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        return (segments, items)
    }

    private static func readCost(segments: [String], query: [(String, String)]) -> Double {
        if query.contains(where: { $0.0 == "count" && $0.1 == "1" }) { return 10 }
        // A collection read is `/{Entity}`; `/{Entity}/{id}` is a single record.
        let isList = segments.count != 2
        var cost = 1.0
        if let relations = query.first(where: { $0.0 == "load_relations" })?.1 {
            for name in relationNames(relations) {
                let parts = name.split(separator: ".").map(String.init)
                var extra = toManyRelations.contains(parts.last ?? name) ? 0.2 : 0.1
                if isList { extra *= 2 }
                if parts.count > 1, parts.dropLast().contains(where: toManyRelations.contains) { extra *= 2 }
                cost += extra
            }
        }
        if let or = query.first(where: { $0.0 == "or" })?.1 {
            cost += Double(or.split(separator: "|").count)
        }
        return cost
    }

    /// The names in `["A","B"]`; `all` counts as a handful of relations.
    static func relationNames(_ text: String) -> [String] {
        if text == "all" { return ["Category", "ItemShops", "Images", "Prices", "ItemAttributes", "Note", "TaxClass"] }
        if case .array(let items)? = try? JSONParser.parse(bytes: Array(text.utf8)) {
            return items.compactMap(\.stringValue)
        }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]\" ")) }
    }

    private static func writeCost(method: APIMethod, segments: [String], body: [UInt8]) -> Double {
        let entity = segments.first ?? ""
        let action = segments.count >= 3 ? segments.last!.lowercased() : ""
        let parsed = body.isEmpty ? nil : (try? JSONParser.parse(bytes: body))
        var cost: Double
        switch (entity, action) {
        case (_, "emailreceipt"): cost = 5
        case (_, "refund"), (_, "reconcile"), ("InventoryCountReconcile", _), ("Category", _): cost = 10
        case ("Sale", _), ("SaleLine", _):
            cost = 2
            if case .object(let members)? = parsed, let completed = members["completed"],
               completed == .bool(true) || completed == .string("true") { cost += 3 }
        default: cost = 1
        }
        if method != .delete, let parsed { cost += 0.5 * Double(nestedEntities(in: parsed, depth: 0)) }
        return cost
    }

    /// Objects below the top level that are records, not `{"Wrapper":{…}}`/`{"Wrapper":[…]}` containers.
    static func nestedEntities(in value: JSONValue, depth: Int) -> Int {
        switch value {
        case .array(let items):
            return items.reduce(0) { $0 + nestedEntities(in: $1, depth: depth) }
        case .object(let members):
            let isWrapper = members.count == 1 && members.values.allSatisfy {
                if case .object = $0 { return true }
                if case .array = $0 { return true }
                return false
            }
            let own = depth > 0 && !isWrapper ? 1 : 0
            return own + members.values.reduce(0) { $0 + nestedEntities(in: $1, depth: depth + 1) }
        default:
            return 0
        }
    }
}
