import Foundation

/// How a relation named in `load_relations` is produced.
enum LSRelation: Sendable {
    /// Stored inside the record but only shown when loaded (`Contact`, `ItemAttributes`); `toMany` for the drip cost.
    case inline(toMany: Bool)
    /// Another entity referenced by a foreign key of this record (`Category` via `categoryID`).
    case toOne(entity: String, key: String)
    /// Records of another entity pointing at this one (`ItemShops` → `{"ItemShop":[…]}` by `itemID`).
    case toMany(entity: String, element: String, key: String)

    /// The related entity (nil for inline relations).
    var entity: String? {
        switch self {
        case .inline: nil
        case .toOne(let entity, _), .toMany(let entity, _, _): entity
        }
    }

    /// Whether it costs as a to-many relation (Lightspeed Retail API documentation, "Rate Limits").
    var isToMany: Bool {
        switch self {
        case .inline(let many): many
        case .toOne: false
        case .toMany: true
        }
    }
}

/// What DELETE does to an entity (Lightspeed Retail API documentation, "Introduction" and "Relations" "Write semantics").
enum LSDeleteMode: Sendable {
    /// Sets `archived` and returns the record.
    case archive
    /// Removes the record permanently.
    case hard
    /// Not allowed.
    case refuse
}

/// One served entity: its key, sortable fields, relations, and what writes are allowed.
struct LSEntityInfo: Sendable {
    /// The entity name in URLs and bodies, e.g. `Item`.
    package var name: String
    /// The primary key field, e.g. `itemID`.
    package var key: String
    /// Fields `sort=` accepts (Lightspeed Retail API documentation, "Parameters" and "Relations").
    package var sorts: [String]
    /// Relations by `load_relations` name.
    package var relations: [String: LSRelation] = [:]
    /// Inline members always shown (e.g. Item `Prices`, returned without load_relations).
    var alwaysShown: Set<String> = []
    /// Whether POST creates records.
    var creatable = false
    /// Whether PUT updates records.
    var updatable = false
    /// What DELETE does.
    package var delete = LSDeleteMode.refuse
    /// Whether records carry `archived` (hidden from lists by default).
    var archivable = false
}

/// The entities the emulator serves.
enum LSCatalog {
    /// Entities by name.
    package static let entities: [String: LSEntityInfo] = {
        var all: [LSEntityInfo] = [
            LSEntityInfo(
                name: "Item", key: "itemID", sorts: ["itemID", "timeStamp", "description"],
                relations: [
                    "ItemShops": .toMany(entity: "ItemShop", element: "ItemShop", key: "itemID"),
                    "Images": .toMany(entity: "Image", element: "Image", key: "itemID"),
                    "Category": .toOne(entity: "Category", key: "categoryID"),
                    "TaxClass": .toOne(entity: "TaxClass", key: "taxClassID"),
                    "ItemAttributes": .inline(toMany: false), "ItemECommerce": .inline(toMany: false),
                    "CustomFieldValues": .inline(toMany: true),
                ],
                alwaysShown: ["Prices"], creatable: true, updatable: true, delete: .archive, archivable: true),
            LSEntityInfo(
                name: "ItemMatrix", key: "itemMatrixID", sorts: ["itemMatrixID", "timeStamp", "description"],
                relations: [
                    "ItemAttributeSet": .toOne(entity: "ItemAttributeSet", key: "itemAttributeSetID"),
                    "Items": .toMany(entity: "Item", element: "Item", key: "itemMatrixID"),
                    "Images": .toMany(entity: "Image", element: "Image", key: "itemMatrixID"),
                    "Category": .toOne(entity: "Category", key: "categoryID"),
                    // The documentation lists ItemECommerce among a matrix's relations (Lightspeed Retail API documentation, endpoint page ItemMatrix).
                    "ItemECommerce": .inline(toMany: false),
                ],
                alwaysShown: ["Prices"], creatable: true, updatable: true, delete: .archive, archivable: true),
            LSEntityInfo(name: "ItemAttributeSet", key: "itemAttributeSetID", sorts: ["itemAttributeSetID"], creatable: true, updatable: true, archivable: true),
            LSEntityInfo(
                name: "Category", key: "categoryID", sorts: ["categoryID", "timeStamp", "leftNode", "rightNode"],
                relations: ["Parent": .toOne(entity: "Category", key: "parentID")], creatable: true, updatable: true, delete: .hard),
            LSEntityInfo(name: "Shop", key: "shopID", sorts: ["shopID", "timeStamp"], archivable: true),
            LSEntityInfo(
                name: "Customer", key: "customerID", sorts: ["customerID", "timeStamp", "firstName", "lastName"],
                relations: ["Contact": .inline(toMany: false), "CustomerType": .toOne(entity: "CustomerType", key: "customerTypeID")],
                creatable: true, updatable: true, delete: .archive, archivable: true),
            LSEntityInfo(name: "CustomerType", key: "customerTypeID", sorts: ["customerTypeID"], creatable: true, updatable: true, delete: .hard),
            LSEntityInfo(
                name: "Sale", key: "saleID", sorts: ["saleID", "timeStamp", "completeTime", "updatetime"],
                relations: [
                    "SaleLines": .toMany(entity: "SaleLine", element: "SaleLine", key: "saleID"),
                    "SalePayments": .toMany(entity: "SalePayment", element: "SalePayment", key: "saleID"),
                    "Customer": .toOne(entity: "Customer", key: "customerID"),
                ],
                alwaysShown: ["Note"], creatable: true, updatable: true, delete: .archive, archivable: true),
            LSEntityInfo(
                name: "SaleLine", key: "saleLineID", sorts: ["saleLineID", "timeStamp"],
                relations: ["Item": .toOne(entity: "Item", key: "itemID")]),
            LSEntityInfo(
                name: "SalePayment", key: "salePaymentID", sorts: ["salePaymentID", "timeStamp", "saleID"],
                relations: ["PaymentType": .toOne(entity: "PaymentType", key: "paymentTypeID")], archivable: true),
            LSEntityInfo(name: "PaymentType", key: "paymentTypeID", sorts: ["paymentTypeID"], archivable: true),
            LSEntityInfo(name: "TaxClass", key: "taxClassID", sorts: ["taxClassID", "timeStamp"]),
            LSEntityInfo(
                name: "ItemShop", key: "itemShopID", sorts: ["itemShopID", "timeStamp"],
                relations: ["Item": .toOne(entity: "Item", key: "itemID")], updatable: true),
            LSEntityInfo(
                name: "InventoryCount", key: "inventoryCountID", sorts: ["inventoryCountID", "timeStamp"],
                relations: ["InventoryCountItems": .toMany(entity: "InventoryCountItem", element: "InventoryCountItem", key: "inventoryCountID")],
                creatable: true, updatable: true, delete: .hard, archivable: true),
            LSEntityInfo(
                name: "InventoryCountItem", key: "inventoryCountItemID", sorts: ["inventoryCountItemID", "timeStamp"],
                relations: ["Item": .toOne(entity: "Item", key: "itemID")], creatable: true, updatable: true, delete: .hard),
            // POST-only action: sets ItemShop qoh to the counted quantities (Lightspeed Retail API documentation, endpoint pages "Setting quantity on hand").
            LSEntityInfo(name: "InventoryCountReconcile", key: "inventoryCountID", sorts: ["inventoryCountID"]),
            LSEntityInfo(name: "Image", key: "imageID", sorts: ["imageID", "timeStamp"], creatable: true, delete: .hard),
        ]
        all.sort { $0.name < $1.name }
        return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    }()

    /// The relations `load_relations=all` loads: everything except CustomFieldValues (Lightspeed Retail API documentation, "Parameters" and "Relations").
    static func allRelations(_ entity: LSEntityInfo) -> [String] {
        entity.relations.keys.filter { $0 != "CustomFieldValues" }.sorted()
    }
}
