/// The flows a pipeline can run (one per row of the design's flow table). Each knows its entity,
/// which systems may be its source and target, and its defaults.
package enum Flow: String, Sendable, CaseIterable, Codable {
    case products, stock, customers, orders
    case orderStatus = "order-status"

    /// The canonical entity the flow maps (its records, its default mapping, its desired file).
    package var schema: EntitySchema {
        switch self {
        case .products: .products
        case .stock: .stock
        case .customers: .customers
        case .orders: .orders
        case .orderStatus: .orderStatus
        }
    }

    /// The entities a pipeline of this flow may list under `entities`, the first one the default.
    package var entities: [String] {
        switch self {
        case .products: ["products"]
        case .stock: ["stock"]
        case .customers: ["customers"]
        case .orders: ["orders"]
        case .orderStatus: ["order-status"]
        }
    }

    /// The (source system, target system) pairs the flow runs in.
    package var directions: [(source: System, target: System)] {
        switch self {
        case .products, .stock, .orderStatus: [(.bc, .lightspeed)]
        case .customers, .orders: [(.bc, .lightspeed), (.lightspeed, .bc)]
        }
    }

    /// What happens to records only the target has, when the file says nothing.
    package var defaultMissing: MissingPolicy {
        switch self {
        // Stock is update only: Lightspeed's all-shops rows and shops without a location are not
        // to be reported every night.
        case .stock, .orderStatus: .ignore
        case .products, .customers, .orders: .report
        }
    }
}

/// The systems at either end of a flow.
package enum System: String, Sendable, CaseIterable, Codable {
    case bc, lightspeed
}

/// What to do with a record the target has and the source does not.
package enum MissingPolicy: String, Sendable, CaseIterable, Codable {
    /// List it in the diff and the report; change nothing.
    case report
    /// Leave it out of the report.
    case ignore
    /// Archive it in the target (the apply stage does it).
    case archive
}
