import PosBridgeCore

/// The fields of one canonical entity (`docs/canonical-model.md`), which both sides' snapshots hold
/// alike: what a mapping may write, read, filter on and compare. Object fields list their members;
/// `attributes` is open (any attribute name).
package struct EntitySchema: Sendable {
    /// The shape of one field.
    package enum Shape: Sendable, Equatable {
        case scalar
        case array
        /// An object with these members, or any members when nil.
        case object(Set<String>?)
    }

    /// The snapshot entity name in file names (`products` → `desired.products.ndjson`).
    package let name: String
    /// The canonical entity a manifest names (`product`).
    package let canonical: String
    /// Fields in the canonical model's order.
    package let fields: [(name: String, shape: Shape)]
    /// The fields the key is built from, joined with U+001F. Empty: the key is the source record's.
    package let keyFields: [String]

    /// The shape of a field, or nil when the entity has no such field.
    package func shape(of field: String) -> Shape? { fields.first { $0.name == field }?.shape }

    /// The field names, in order.
    package var fieldNames: [String] { fields.map(\.name) }

    /// Why `path` is not a path into this entity's records, or nil when it is one.
    package func problem(with path: FieldPath) -> String? {
        guard let first = path.parts.first, let shape = shape(of: first) else {
            let name = path.parts.first ?? ""
            let hint = Self.closest(to: name, in: fieldNames).map { " (did you mean \"\($0)\"?)" } ?? ""
            return "\"\(name)\" is not a field of \(canonical)\(hint)"
        }
        guard path.parts.count > 1 else { return nil }
        switch shape {
        case .scalar: return "\"\(first)\" is not an object, it has no member \"\(path.parts[1])\""
        case .array: return path.parts[1].allSatisfy(\.isNumber) ? nil : "\"\(first)\" is a list; address an element by its index"
        case .object(let members?):
            if !members.contains(path.parts[1]) {
                return "\"\(path.parts[1])\" is not a member of \(first) (members: \(members.sorted().joined(separator: ", ")))"
            }
            return nil
        case .object(nil): return nil
        }
    }

    /// The nearest name by edit distance, when it is close enough to be a typo.
    static func closest(to name: String, in names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

extension EntitySchema {
    private static let address: Shape = .object([
        CanonicalModel.Address.street, CanonicalModel.Address.houseNumber, CanonicalModel.Address.line2,
        CanonicalModel.Address.postalCode, CanonicalModel.Address.city, CanonicalModel.Address.state,
        CanonicalModel.Address.country,
    ])

    /// `product`.
    package static let products = EntitySchema(
        name: "products", canonical: CanonicalModel.Product.entity,
        fields: [
            ("sku", .scalar), ("type", .scalar), ("parentSku", .scalar), ("variantCode", .scalar), ("name", .scalar),
            ("shortDescription", .scalar), ("longDescription", .scalar), ("ean", .scalar), ("categoryCode", .scalar),
            ("categoryPath", .array), ("price", .scalar), ("priceIncludesTax", .scalar), ("currency", .scalar),
            ("unitOfMeasure", .scalar), ("blocked", .scalar), ("publish", .scalar), ("takesPart", .scalar),
            ("attributes", .object(nil)), ("image", .object(["contentType", "width", "height", "digest"])),
        ],
        keyFields: [CanonicalModel.Product.sku])

    /// `stock`.
    package static let stock = EntitySchema(
        name: "stock", canonical: CanonicalModel.Stock.entity,
        fields: [("sku", .scalar), ("location", .scalar), ("inventory", .scalar), ("reserved", .scalar), ("available", .scalar)],
        keyFields: [CanonicalModel.Stock.sku, CanonicalModel.Stock.location])

    /// `customer`.
    package static let customers = EntitySchema(
        name: "customers", canonical: CanonicalModel.Customer.entity,
        fields: [
            ("email", .scalar), ("kind", .scalar), ("name", .scalar), ("companyName", .scalar),
            ("contactPerson", .object(["name", "email", "phone", "jobTitle"])), ("phone", .scalar), ("mobilePhone", .scalar),
            ("vatNumber", .scalar), ("currency", .scalar), ("blocked", .scalar), ("billingAddress", address),
            ("shippingAddress", address),
            ("customerClass", .object(["customerPostingGroup", "genBusPostingGroup", "priceGroup"])),
        ],
        keyFields: [CanonicalModel.Customer.email])

    /// `order`.
    package static let orders = EntitySchema(
        name: "orders", canonical: CanonicalModel.Order.entity,
        fields: [
            ("sourceSystem", .scalar), ("sourceId", .scalar), ("documentType", .scalar), ("orderDate", .scalar),
            ("customer", .object(["email", "name"])), ("currency", .scalar), ("pricesIncludeTax", .scalar),
            ("billingAddress", address), ("shippingAddress", address), ("lines", .array), ("payments", .array),
            ("totals", .object(["discount", "excludingTax", "tax", "includingTax"])),
        ],
        keyFields: [CanonicalModel.Order.sourceSystem, CanonicalModel.Order.sourceId])

    /// `order_status`: keyed by the order's key, which it carries over from the source record.
    package static let orderStatus = EntitySchema(
        name: "order-status", canonical: CanonicalModel.OrderStatus.entity,
        fields: [("status", .scalar), ("documentType", .scalar), ("documentNumber", .scalar)],
        keyFields: [])
}
