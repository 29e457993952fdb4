import Foundation

/// One `field=value` or `field={op},{value}` parameter. Operator, comma and value are percent-encoded
/// together, as Lightspeed's "Parameters" page spells them: `timeStamp=%3E%3D%2C2024-01-01T00%3A00%3A00-00%3A00`.
package struct LSQueryFilter: Sendable, Hashable {
    /// Comparison operators (Lightspeed Retail API documentation, "Parameters" and "Pagination").
    package enum Operator: String, Sendable, Hashable {
        case equal = "", notEqual = "!=", greater = ">", atLeast = ">=", less = "<", atMost = "<="
        case like = "~", notLike = "!~"
    }

    /// The field, e.g. `timeStamp`, `customSku`, `ItemShops.qoh` (a loaded relation, one level deep).
    package let field: String
    /// The raw value after `=`, before encoding: `>=,2024-…`, `><,1,10`, `IN,[1,2,3]`, `1234`.
    package let raw: String

    /// `field=value` or `field=op,value`.
    package init(_ field: String, _ op: Operator = .equal, _ value: String) {
        self.field = field
        self.raw = op == .equal ? value : "\(op.rawValue),\(value)"
    }

    /// `field=value`.
    package init(_ field: String, _ value: String) { self.init(field, .equal, value) }

    private init(field: String, raw: String) {
        self.field = field
        self.raw = raw
    }

    /// `field=><,low,high` (both ends included).
    package static func between(_ field: String, _ low: String, _ high: String) -> LSQueryFilter {
        LSQueryFilter(field: field, raw: "><,\(low),\(high)")
    }

    /// `field=IN,[a,b,c]` (at most 100 values; Lightspeed Retail API documentation, "Parameters" and "Pagination").
    package static func `in`(_ field: String, _ values: [String]) -> LSQueryFilter {
        precondition(values.count <= 100, "Lightspeed allows at most 100 values in IN")
        return LSQueryFilter(field: field, raw: "IN,[\(values.joined(separator: ","))]")
    }

    /// `timeStamp` compared with a date, in UTC as in Lightspeed's example (`…-00:00`).
    package static func timeStamp(_ op: Operator, _ date: Date) -> LSQueryFilter {
        LSQueryFilter("timeStamp", op, LSQueryFilter.format(date))
    }

    /// A bounded window `from ≤ timeStamp ≤ to` (`><` is inclusive at both ends).
    package static func timeStamp(from: Date, to: Date) -> LSQueryFilter {
        between("timeStamp", format(from), format(to))
    }

    /// The parameter as it goes into the URL.
    package var parameter: String { "\(LSURL.queryEncode(field))=\(LSURL.queryEncode(raw))" }

    /// `2024-01-01T00:00:00-00:00`.
    package static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return String(format: "%04d", c.year ?? 0) + "-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))-00:00"
    }
}
