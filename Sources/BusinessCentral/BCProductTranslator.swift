import PosBridgeCore

/// BC items, item variants, categories, pictures and the companion extension's item data →
/// canonical `product` records (`docs/canonical-model.md`, "product").
///
/// One record per item, keyed by the item number; an item with variants becomes a `variant_parent`
/// record followed by one `variant` record per variant, keyed `number ␟ variant code`.
enum BCProductTranslator {
    /// Translates one extraction of items.
    /// - Parameters:
    ///   - items: `items` rows (v2.0 flat, v1.0 with `itemCategory`/`baseUnitOfMeasure` objects).
    ///   - variants: `itemVariants` rows, matched by `itemId`, else `itemNumber`.
    ///   - categories: `itemCategories` rows, for the category name (path).
    ///   - pictures: `items({id})/picture` rows (`id` = the item id); an extractor that downloads
    ///     the bytes adds `digest` (`sha256:<hex>`).
    ///   - companionSettings: companion `itemSyncSettings` rows (long description, publish, take part).
    ///   - companionAttributes: companion `itemAttributes` rows (`itemNumber`, `attributeName`, `value`).
    ///   - currency: the local currency (ISO 4217), the currency of item prices.
    static func translate(
        items: [BCObject], variants: [BCObject] = [], categories: [BCObject] = [], pictures: [BCObject] = [],
        companionSettings: [BCObject] = [], companionAttributes: [BCObject] = [],
        currency: String? = nil, apiVersion: BCTranslationAPIVersion = .v2
    ) -> TranslationResult {
        var result = TranslationResult()
        let categoryNames = Dictionary(categories.compactMap { row in
            BCFields.trimmed(row, "code").map { ($0, BCFields.text(row, "displayName") ?? $0) }
        }, uniquingKeysWith: { first, _ in first })
        let picturesById = Dictionary(pictures.compactMap { row in BCFields.guid(row, "id").map { ($0, row) } },
                                      uniquingKeysWith: { first, _ in first })
        // Companion rows are matched by item number, else by item id.
        let settings = Dictionary(companionSettings.flatMap { row in
            [BCFields.trimmed(row, "itemNumber"), BCFields.guid(row, "itemId")].compactMap { $0.map { ($0, row) } }
        }, uniquingKeysWith: { first, _ in first })
        var attributes: [String: [String: JSONValue]] = [:]
        for row in companionAttributes {
            guard let number = BCFields.trimmed(row, "itemNumber"), let name = BCFields.trimmed(row, "attributeName") else {
                result.rejects.append(TranslationReject(source: BCFields.source("itemAttributes", row), field: "attributeName",
                                                        reason: "item number or attribute name is empty"))
                continue
            }
            attributes[number, default: [:]][name] = BCFields.text(row, "value").json
        }
        var variantsByItem: [String: [BCObject]] = [:]
        for row in variants {
            let owner = BCFields.guid(row, "itemId") ?? BCFields.trimmed(row, "itemNumber") ?? ""
            variantsByItem[owner, default: []].append(row)
        }
        var seen = Set<String>()
        var usedVariantOwners = Set<String>()
        for item in items {
            let source = BCFields.source("items", item)
            guard let number = BCFields.trimmed(item, "number"), let key = CanonicalModel.compositeKey([number]) else {
                result.rejects.append(TranslationReject(source: source, field: "number", reason: "is empty or contains U+001F"))
                continue
            }
            guard seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "number", reason: "is a duplicate"))
                continue
            }
            let id = BCFields.guid(item, "id")
            let itemVariants = (id.flatMap { variantsByItem[$0] } ?? []) + (variantsByItem[number] ?? [])
            if let id { usedVariantOwners.insert(id) }
            usedVariantOwners.insert(number)
            switch product(item, key: key, hasVariants: !itemVariants.isEmpty, categoryNames: categoryNames,
                           picture: id.flatMap { picturesById[$0] }, settings: settings[number] ?? id.flatMap { settings[$0] }, attributes: attributes[number],
                           currency: currency, apiVersion: apiVersion) {
            case .failure(let reject):
                result.rejects.append(reject)
                // Its variants cannot be built without it: each is a reject of its own.
                for variant in itemVariants {
                    result.rejects.append(TranslationReject(source: BCFields.source("itemVariants", variant), field: "itemId",
                                                            reason: "names an item that was rejected (\(reject.field ?? "?"))"))
                }
            case .success(let parent):
                result.records.append(parent)
                for variant in itemVariants.sorted(by: { (BCFields.trimmed($0, "code") ?? "").utf8Precedes(BCFields.trimmed($1, "code") ?? "") }) {
                    switch variantRecord(variant, parent: parent) {
                    case .success(let record):
                        guard seen.insert(record.key).inserted else {
                            result.rejects.append(TranslationReject(source: BCFields.source("itemVariants", variant), key: record.key,
                                                                    field: "code", reason: "is a duplicate"))
                            continue
                        }
                        result.records.append(record)
                    case .failure(let reject): result.rejects.append(reject)
                    }
                }
            }
        }
        for (owner, rows) in variantsByItem where !usedVariantOwners.contains(owner) {
            for row in rows {
                result.rejects.append(TranslationReject(source: BCFields.source("itemVariants", row), field: "itemId",
                                                        reason: "names no item of this extraction"))
            }
        }
        return result
    }

    /// The canonical `category` records: key = category code, path = [name] (the standard API has
    /// no parent category, Microsoft, "itemCategory resource type").
    static func translateCategories(_ categories: [BCObject]) -> TranslationResult {
        var result = TranslationResult()
        var seen = Set<String>()
        for row in categories {
            guard let code = BCFields.trimmed(row, "code"), let key = CanonicalModel.compositeKey([code]), seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: BCFields.source("itemCategories", row), field: "code", reason: "is empty or a duplicate"))
                continue
            }
            let name = BCFields.text(row, "displayName")
            typealias C = CanonicalModel.Category
            result.records.append(SnapshotRecord(key: key, ref: BCFields.reference(row), fields: [
                C.code: .string(code), C.name: name.json, C.path: .array([.string(name ?? code)]),
            ]))
        }
        return result
    }

    private static func product(
        _ item: BCObject, key: String, hasVariants: Bool, categoryNames: [String: String], picture: BCObject?,
        settings: BCObject?, attributes: [String: JSONValue]?, currency: String?, apiVersion: BCTranslationAPIVersion
    ) -> Result<SnapshotRecord, TranslationReject> {
        let source = BCFields.source("items", item)
        func reject(_ field: String, _ reason: String) -> Result<SnapshotRecord, TranslationReject> {
            .failure(TranslationReject(source: source, key: key, field: field, reason: reason))
        }
        let kind: CanonicalModel.Product.Kind
        switch BCEnum.decode(BCFields.text(item, "type") ?? "Inventory").lowercased() {
        case "inventory": kind = hasVariants ? .variantParent : .simple
        case "non-inventory": kind = .nonInventory
        case "service": kind = .service
        default: return reject("type", "is not Inventory, Service or Non-Inventory")
        }
        for name in ["unitPrice"] where BCFields.hasInvalidDecimal(item, name) { return reject(name, "is not a decimal number") }
        let categoryCode: String?
        let unit: String?
        switch apiVersion {
        case .v2:
            categoryCode = BCFields.trimmed(item, "itemCategoryCode")
            unit = BCFields.trimmed(item, "baseUnitOfMeasureCode")
        case .v1:
            // v1.0 `itemCategory` {categoryId, description}: categoryId holds the code (Microsoft, "Transitioning from API v1.0 to API v2.0").
            let category = BCFields.object(item, "itemCategory")
            categoryCode = category.flatMap { BCFields.trimmed($0, "categoryId") } ?? BCFields.trimmed(item, "itemCategoryCode")
            let uom = BCFields.object(item, "baseUnitOfMeasure")
            unit = uom.flatMap { BCFields.trimmed($0, "code") ?? BCFields.trimmed($0, "unitCode") }
        }
        let categoryPath: JSONValue = categoryCode.map { .array([.string(categoryNames[$0] ?? $0)]) } ?? .null
        typealias P = CanonicalModel.Product
        let fields: [String: JSONValue] = [
            P.sku: .string(key),
            P.type: .string(kind.rawValue),
            P.parentSku: .null,
            P.variantCode: .null,
            P.name: BCFields.text(item, "displayName").json,
            P.shortDescription: BCFields.text(item, "displayName2").json,
            P.longDescription: settings.flatMap { BCFields.text($0, "longDescription") }.json,
            P.ean: BCFields.trimmed(item, "gtin").json,
            P.categoryCode: categoryCode.json,
            P.categoryPath: categoryPath,
            P.price: BCFields.decimal(item, "unitPrice").json,
            P.priceIncludesTax: .bool(BCFields.bool(item, "priceIncludesTax") ?? false),
            P.currency: currency.map { JSONValue.string($0.uppercased()) } ?? .null,
            P.unitOfMeasure: unit.json,
            P.blocked: .bool(BCFields.bool(item, "blocked") ?? false),
            P.publish: settings.flatMap { BCFields.bool($0, "publish") }.json,
            P.takesPart: .bool(settings.flatMap { BCFields.bool($0, "takePart") } ?? true),
            P.attributes: .object(attributes ?? [:]),
            P.image: image(picture),
        ]
        var ref = BCFields.reference(item)
        if let categoryId = BCFields.guid(item, "itemCategoryId") { ref["bcCategoryId"] = .string(categoryId) }
        if let link = picture.flatMap({ BCFields.text($0, "pictureContent@odata.mediaReadLink") }) { ref["imageUrl"] = .string(link) }
        return .success(SnapshotRecord(key: key, ref: ref, fields: fields))
    }

    /// `{contentType, width, height, digest}`, or null when the item has no picture (no content
    /// type, or zero size: BC answers with empty metadata then — no Microsoft page says so; unsure).
    private static func image(_ picture: BCObject?) -> JSONValue {
        guard let picture, let contentType = BCFields.trimmed(picture, "contentType") else { return .null }
        let width = BCFields.decimal(picture, "width")
        let height = BCFields.decimal(picture, "height")
        if width?.text == "0", height?.text == "0" { return .null }
        return .object(["contentType": .string(contentType), "width": width.json, "height": height.json,
                        "digest": BCFields.trimmed(picture, "digest").json])
    }

    private static func variantRecord(_ variant: BCObject, parent: SnapshotRecord) -> Result<SnapshotRecord, TranslationReject> {
        let source = BCFields.source("itemVariants", variant)
        guard let code = BCFields.trimmed(variant, "code"), let key = CanonicalModel.compositeKey([parent.key, code]) else {
            return .failure(TranslationReject(source: source, key: nil, field: "code", reason: "is empty or contains U+001F"))
        }
        let fields = CanonicalModel.Product.variantFields(
            of: parent, sku: key, code: code, shortDescription: BCFields.text(variant, "description").json, ean: .null)
        var ref = BCFields.reference(variant)
        if let parentId = parent.ref["bcId"] { ref["bcItemId"] = parentId }
        return .success(SnapshotRecord(key: key, ref: ref, fields: fields))
    }
}
