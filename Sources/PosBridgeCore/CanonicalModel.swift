import Foundation

/// Names and keys of the canonical entities (`docs/canonical-model.md`), shared by both connectors
/// and the pipelines. Field name constants keep translators, mappings and tests spelling them alike.
package enum CanonicalModel {
    /// Separates the parts of a composite key (U+001F, `docs/snapshot-format.md`).
    package static let keySeparator = "\u{1F}"

    /// A composite key, or nil when a part is empty or contains the separator itself.
    package static func compositeKey(_ parts: [String]) -> String? {
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && !$0.contains(keySeparator) }) else { return nil }
        return parts.joined(separator: keySeparator)
    }

    /// The customer key: the e-mail address trimmed and lower-cased; nil when blank or without `@`.
    package static func customerKey(email: String) -> String? {
        let key = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !key.isEmpty, key.contains("@"), !key.contains(where: \.isWhitespace), !key.contains(keySeparator) else { return nil }
        return key
    }

    /// The canonical fields an entity's key is built from (`docs/canonical-model.md`); empty for an
    /// entity without a canonical key.
    package static func keyFields(of entity: String) -> [String] {
        switch entity {
        case Product.entity: [Product.sku]
        case Category.entity: [Category.code]
        case Customer.entity: [Customer.email]
        case Order.entity, OrderStatus.entity: [Order.sourceSystem, Order.sourceId]
        case Stock.entity: [Stock.sku, Stock.location]
        default: []
        }
    }

    /// The stock location that stands for "all locations together" (a total without a location,
    /// Lightspeed's shop 0).
    package static let allLocations = "*"
    /// The stock location that stands for BC's blank location code.
    package static let blankLocation = "_"

    /// `product` fields.
    package enum Product {
        package static let entity = "product"
        package static let sku = "sku"
        package static let type = "type"
        package static let parentSku = "parentSku"
        package static let variantCode = "variantCode"
        package static let name = "name"
        package static let shortDescription = "shortDescription"
        package static let longDescription = "longDescription"
        package static let ean = "ean"
        package static let categoryCode = "categoryCode"
        package static let categoryPath = "categoryPath"
        package static let price = "price"
        package static let priceIncludesTax = "priceIncludesTax"
        package static let currency = "currency"
        package static let unitOfMeasure = "unitOfMeasure"
        package static let blocked = "blocked"
        package static let publish = "publish"
        package static let takesPart = "takesPart"
        package static let attributes = "attributes"
        package static let image = "image"

        /// Values of `type`.
        package enum Kind: String, Sendable, CaseIterable {
            case simple, nonInventory = "non_inventory", service, variantParent = "variant_parent", variant
        }
    }

    /// `category` fields.
    package enum Category {
        package static let entity = "category"
        package static let code = "code"
        package static let name = "name"
        package static let path = "path"
    }

    /// `stock` fields.
    package enum Stock {
        package static let entity = "stock"
        package static let sku = "sku"
        package static let location = "location"
        package static let inventory = "inventory"
        package static let reserved = "reserved"
        package static let available = "available"
    }

    /// `customer` fields.
    package enum Customer {
        package static let entity = "customer"
        package static let email = "email"
        package static let kind = "kind"
        package static let name = "name"
        package static let companyName = "companyName"
        package static let contactPerson = "contactPerson"
        package static let phone = "phone"
        package static let mobilePhone = "mobilePhone"
        package static let vatNumber = "vatNumber"
        package static let currency = "currency"
        package static let blocked = "blocked"
        package static let billingAddress = "billingAddress"
        package static let shippingAddress = "shippingAddress"
        package static let customerClass = "customerClass"
    }

    /// Members of an address object.
    package enum Address {
        package static let street = "street"
        package static let houseNumber = "houseNumber"
        package static let line2 = "line2"
        package static let postalCode = "postalCode"
        package static let city = "city"
        package static let state = "state"
        package static let country = "country"
    }

    /// `order` fields.
    package enum Order {
        package static let entity = "order"
        package static let sourceSystem = "sourceSystem"
        package static let sourceId = "sourceId"
        package static let documentType = "documentType"
        package static let orderDate = "orderDate"
        package static let customer = "customer"
        package static let currency = "currency"
        package static let pricesIncludeTax = "pricesIncludeTax"
        package static let billingAddress = "billingAddress"
        package static let shippingAddress = "shippingAddress"
        package static let lines = "lines"
        package static let payments = "payments"
        package static let totals = "totals"
    }

    /// `order_status` fields.
    package enum OrderStatus {
        package static let entity = "order_status"
        package static let status = "status"
        package static let documentType = "documentType"
        package static let documentNumber = "documentNumber"

        /// Values of `status`, in the order a document moves through them.
        package enum State: String, Sendable, CaseIterable, Comparable {
            case open, released, shipped, invoiced

            package static func < (lhs: State, rhs: State) -> Bool {
                allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
            }
        }
    }
}
