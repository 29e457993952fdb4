import EmulatorCore
import Foundation
import PosBridgeCore

/// The drip cost of a request under the current model (Lightspeed Retail API documentation, "Rate Limits"): 1 per request; `load_relations` +0.1 per
/// to-one and +0.2 per to-many relation, doubled on lists; `count=1` 10; `or` +1 per operand; POST/PUT +0.5 per
/// nested record in the payload; Sale writes 2 (+3 with `completed=true`); Category writes 10.
///
/// Written from the documentation on its own, on purpose, and never shared with the client's cost
/// estimate (`LSBucketCost` in the Lightspeed module): the emulator is the oracle the client's pacing is
/// tested against, so a mistake copied into both would pass every test.
enum LSCostModel {
    static func of(_ request: EmulatorRequest, route: LSRoute) -> Double {
        let write = ["POST", "PUT", "DELETE"].contains(request.method)
        if write, route.entity == "Category" || route.entity == "InventoryCountReconcile" || route.sub == "Reconcile" { return 10 }
        var cost = 1.0
        if write, route.entity == "Sale" || route.entity == "SaleLine" {
            cost = 2
            if String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: " ", with: "").contains(#""completed":"true""#)
                || String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: " ", with: "").contains(#""completed":true"#) { cost += 3 }
        }
        if request.method == "GET" {
            if request.queryValue("count") == "1" { return 10 }
            if let or = request.queryValue("or") { cost += Double(or.split(separator: "|").count) }
            if let entity = route.entity.flatMap({ LSCatalog.entities[$0] }), let value = request.queryValue("load_relations"),
               let names = try? LSListQuery.relations(value, entity: entity) {
                let list = route.id == nil
                for name in names {
                    let parts = name.split(separator: ".").map(String.init)
                    var relation = entity.relations[parts[0]]
                    var factor = list ? 2.0 : 1.0
                    if parts.count == 2 {
                        // Nested below a to-many relation: doubled again (Lightspeed Retail API documentation, "Rate Limits").
                        if relation?.isToMany == true { factor *= 2 }
                        relation = relation?.entity.flatMap { LSCatalog.entities[$0] }?.relations[parts[1]]
                    }
                    cost += (relation?.isToMany == true ? 0.2 : 0.1) * factor
                }
            }
        }
        if request.method == "POST" || request.method == "PUT", let body = try? JSONParser.parse(bytes: request.body) {
            cost += 0.5 * Double(nested(body, depth: 0))
        }
        return cost
    }

    /// Records nested in a payload: objects below the top that hold at least one scalar member.
    private static func nested(_ value: JSONValue, depth: Int) -> Int {
        switch value {
        case .array(let items): return items.reduce(0) { $0 + nested($1, depth: depth) }
        case .object(let members):
            let own = depth > 0 && members.values.contains { if case .object = $0 { false } else if case .array = $0 { false } else { true } } ? 1 : 0
            return own + members.values.reduce(0) { $0 + nested($1, depth: depth + 1) }
        default: return 0
        }
    }
}
