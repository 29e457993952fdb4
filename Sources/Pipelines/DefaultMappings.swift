import PosBridgeCore

/// Every flow's defaults, written in the mapping language so that `pipeline show --effective`
/// prints them and a file overrides them field by field. Products and stock turn a canonical BC
/// record into the record Lightspeed's snapshot would hold for it (same field set, Lightspeed's
/// terms); the other flows map every field as it is until their own defaults arrive (issue 10).
package enum DefaultMappings {
    /// A flow's defaults.
    package struct Defaults: Sendable {
        package var mapping: [FieldPath: FieldMapping]
        package var filter: RecordFilter?
        package var compare: [FieldPath: CompareRule]
        package var tables: MappingTables
    }

    /// The defaults of a flow under its settings.
    package static func defaults(for flow: Flow, settings: PipelineSettings) -> Defaults {
        switch settings {
        case .products(let settings): products(settings)
        case .stock(let settings): stock(settings)
        default: identity(flow.schema)
        }
    }

    /// Tables every pipeline of the flow has, which the file's `tables` extend.
    package static func tables(for flow: Flow) -> MappingTables {
        switch flow {
        case .products: ["itemTypes": [CanonicalModel.Product.Kind.service.rawValue: CanonicalModel.Product.Kind.nonInventory.rawValue],
                         "attributes": [:], "categories": [:], "taxClasses": [:]]
        case .stock: ["locations": [:]]
        case .customers: ["customerClasses": [:]]
        case .orders: ["paymentMethods": [:], "shipmentMethods": [:], "locations": [:], "customerClasses": [:]]
        case .orderStatus: [:]
        }
    }

    private static func path(_ text: String) -> FieldPath { FieldPath(text)! }

    /// products BC → Lightspeed.
    static func products(_ settings: ProductSettings) -> Defaults {
        let category = FieldMapping.Lookup(table: "categories", from: path("categoryCode"), otherwise: path("categoryPath"))
        let mapping: [String: FieldMapping] = [
            "sku": .from("sku"),
            // Lightspeed has no service items: BC services are written as non-inventory items.
            "type": FieldMapping(source: .lookup(.init(table: "itemTypes", from: path("type"), otherwise: path("type"))), transforms: []),
            "parentSku": .from("parentSku"),
            "variantCode": .from("variantCode"),
            "name": .from("name"),
            "shortDescription": .from("shortDescription"),
            // Enriched in Lightspeed after the item is created.
            "longDescription": .from("longDescription", policy: .createOnly),
            // BC's API has no variant barcodes (they are item references), so a variant's EAN is null
            // here; create-only keeps the one kept in Lightspeed from being cleared.
            "ean": .from("ean", policy: .createOnly),
            // Lightspeed categories are paths (`Clothing/Jackets`): the categories table maps a BC
            // code to one; without an entry the BC category's own path is used.
            "categoryCode": FieldMapping(source: .lookup(category), transforms: [.join("/")]),
            "categoryPath": FieldMapping(source: .lookup(category), transforms: [.join("/"), .split("/")]),
            "price": .from("price", [.convertTax(to: settings.pricesIncludeTax ? .included : .excluded, rate: settings.taxRate,
                                                 flag: path("priceIncludesTax")), .round(2)]),
            "priceIncludesTax": .constant(.bool(settings.pricesIncludeTax)),
            "currency": .from("currency"),
            // R-Series has no units of measure: its snapshots hold null.
            "unitOfMeasure": .constant(.null),
            "blocked": .from("blocked"),
            "publish": .from("publish", [.defaultValue(.bool(settings.publish == .now))], policy: .createOnly),
            // The custom filter decides who takes part; Lightspeed's side is always true.
            "takesPart": .constant(true),
            "attributes": .from("attributes", [.renameKeys(table: "attributes", dropUnmapped: false)]),
            "image": .from("image", policy: settings.imagesOnUpdate ? .createAndUpdate : .createOnly),
        ]
        var compare: [String: CompareRule] = [
            // Lightspeed does not report an image's size.
            "image.width": CompareRule(ignore: true), "image.height": CompareRule(ignore: true),
        ]
        if !settings.imagesOnCreate && !settings.imagesOnUpdate { compare["image"] = CompareRule(ignore: true) }
        if settings.blockedItems == .leave { compare["blocked"] = CompareRule(ignore: true) }
        return Defaults(mapping: paths(mapping), filter: .condition(path("takesPart"), .equals(true)),
                        compare: paths(compare), tables: tables(for: .products))
    }

    /// stock BC → Lightspeed.
    static func stock(_ settings: StockSettings) -> Defaults {
        var formula: [Transform] = []
        switch settings.formula {
        case .inventory: break
        case .minusReservations: formula = [.minus(.field(path("reserved"))), .atLeast(CanonicalNumber(0))]
        case .minusSafetyStock:
            formula = [.minus(.field(path("reserved"))), .minus(.number(settings.safetyStock)), .atLeast(CanonicalNumber(0))]
        }
        let mapping: [String: FieldMapping] = [
            "sku": .from("sku"),
            // Keys stay BC location codes (Lightspeed's snapshot maps its shops back through the
            // same table); a location without a shop cannot be written and is rejected.
            "location": .from("location", [.inTable("locations")]),
            // Lightspeed keeps one quantity (qoh), which is what posbridge writes; its snapshot reads it
            // back as inventory = available, reserved 0.
            "inventory": .from("inventory", formula),
            "reserved": .constant(0),
            "available": .from("inventory", formula),
        ]
        return Defaults(mapping: paths(mapping), filter: nil, compare: [:], tables: tables(for: .stock))
    }

    /// Every field as it is (the flows whose own defaults are still to come).
    static func identity(_ schema: EntitySchema) -> Defaults {
        let mapping = Dictionary(uniqueKeysWithValues: schema.fieldNames.map { (path($0), FieldMapping.from($0)) })
        let flow = Flow.allCases.first { $0.schema.name == schema.name } ?? .products
        return Defaults(mapping: mapping, filter: nil, compare: [:], tables: tables(for: flow))
    }

    private static func paths<Value>(_ entries: [String: Value]) -> [FieldPath: Value] {
        Dictionary(uniqueKeysWithValues: entries.map { (path($0.key), $0.value) })
    }
}
