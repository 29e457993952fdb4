import EmulatorCore
import Foundation
import PosBridgeCore

/// A parsed `$filter`: comparisons of a field with a literal joined by `and`/`or` — the subset BC's
/// API pages serve without `$schemaversion=2.1` that posbridge uses (Business Central API documentation (Microsoft Learn), "Using filtering in web service URLs").
indirect enum ODataFilter: Sendable, Equatable {
    /// `field op literal`.
    case compare(field: String, op: Operator, literal: Literal)
    /// Both sides hold.
    case and(ODataFilter, ODataFilter)
    /// Either side holds (same field only, as BC demands).
    case or(ODataFilter, ODataFilter)

    /// A comparison operator.
    package enum Operator: String, Sendable, Equatable {
        case eq, ne, gt, ge, lt, le
    }

    /// A typed literal: strings are quoted in the URL, everything else bare.
    package enum Literal: Sendable, Equatable {
        case string(String)
        case number(Decimal)
        case bool(Bool)
        case null
        case guid(String)
        case date(String)
        case dateTime(Double)
    }

    /// Every field the filter names.
    package var fields: Set<String> {
        switch self {
        case .compare(let field, _, _): [field]
        case .and(let l, let r), .or(let l, let r): l.fields.union(r.fields)
        }
    }

    /// The literals compared with `field eq`, when the filter is a conjunction containing them (used for
    /// `documentId eq …` on line sets and FlowFilters such as `Location_Filter eq 'MAIN'`).
    func equalities(of field: String) -> [Literal] {
        switch self {
        case .compare(let f, .eq, let literal) where f == field: [literal]
        case .compare: []
        case .and(let l, let r): l.equalities(of: field) + r.equalities(of: field)
        case .or: []
        }
    }

    /// The filter without comparisons on the given fields (FlowFilters select figures, not rows).
    func removing(_ names: Set<String>) -> ODataFilter? {
        switch self {
        case .compare(let f, _, _): names.contains(f) ? nil : self
        case .and(let l, let r):
            switch (l.removing(names), r.removing(names)) {
            case let (a?, b?): .and(a, b)
            case let (a?, nil): a
            case let (nil, b?): b
            case (nil, nil): nil
            }
        case .or: self
        }
    }

    /// Whether an entity passes. Throws for a literal whose type cannot be compared with the field's value.
    package func matches(_ entity: [String: JSONValue]) throws(ODataError) -> Bool {
        switch self {
        case .and(let l, let r):
            guard try l.matches(entity) else { return false }
            return try r.matches(entity)
        case .or(let l, let r):
            if try l.matches(entity) { return true }
            return try r.matches(entity)
        case .compare(let field, let op, let literal):
            guard let order = try Self.order(entity[field] ?? .null, literal, field: field) else {
                // Only eq/ne make sense against null.
                return op == .ne
            }
            switch op {
            case .eq: return order == .orderedSame
            case .ne: return order != .orderedSame
            case .gt: return order == .orderedDescending
            case .ge: return order != .orderedAscending
            case .lt: return order == .orderedAscending
            case .le: return order != .orderedDescending
            }
        }
    }

    /// How the entity's value compares with the literal; nil when exactly one side is null.
    private static func order(_ value: JSONValue, _ literal: Literal, field: String) throws(ODataError) -> ComparisonResult? {
        func mismatch() -> ODataError {
            ODataError(400, "BadRequest", "The types of the property '\(field)' and the filter literal are incompatible.")
        }
        switch (value, literal) {
        case (.null, .null): return .orderedSame
        case (.null, _), (_, .null): return nil
        case (.string(let text), .string(let wanted)):
            return compare(BCWireFormat.decodeEnum(text), BCWireFormat.decodeEnum(wanted))
        case (.string(let text), .guid(let wanted)):
            return compare(text.lowercased(), wanted.lowercased())
        case (.string(let text), .date(let wanted)):
            return compare(String(text.prefix(10)), wanted)
        case (.string(let text), .dateTime(let wanted)):
            guard let seconds = ISODateTime.parse(text, .complete) else { throw mismatch() }
            return seconds < wanted ? .orderedAscending : seconds > wanted ? .orderedDescending : .orderedSame
        case (.number(let number), .number(let wanted)):
            guard let decimal = Decimal(string: number.text) else { throw mismatch() }
            return decimal < wanted ? .orderedAscending : decimal > wanted ? .orderedDescending : .orderedSame
        case (.bool(let flag), .bool(let wanted)):
            return flag == wanted ? .orderedSame : (flag ? .orderedDescending : .orderedAscending)
        default:
            throw mismatch()
        }
    }

    private static func compare(_ a: String, _ b: String) -> ComparisonResult {
        a == b ? .orderedSame : (a.utf8Precedes(b) ? .orderedAscending : .orderedDescending)
    }
}
