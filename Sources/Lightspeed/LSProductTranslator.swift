import PosBridgeCore

/// Lightspeed `Item`s and `ItemMatrix`es → canonical `product` records (`docs/canonical-model.md`,
/// "product", Lightspeed section).
///
/// A standalone item is keyed by its `customSku` (= the BC item number). An item matrix is the
/// `variant_parent`, keyed by the matrix SKU; each of its items is a `variant` keyed
/// `matrix SKU ␟ variant code`. R-Series matrices have no SKU of their own (Lightspeed Retail API documentation, endpoint pages), so the
/// matrix SKU is `options.matrixSkus[itemMatrixID]` when the pipeline knows it, else the part of
/// the first child's `customSku` (by `itemID`) before the first `variantSeparator`
/// (`1000-RED-M` → `1000`); a child's variant code is its `customSku` without `<matrix SKU>-`
/// (`RED-M`). Items without `customSku` are rejected (no `systemSku` fallback: a Lightspeed-only
/// number would show up in BC as a product to create).
enum LSProductTranslator {
    /// Translates items (with `Prices`, and where loaded `Category`, `ItemECommerce`, `Images`,
    /// `CustomFieldValues`), the matrices they belong to, and the categories (for the path when an
    /// item's `Category` is not loaded).
    ///
    /// Every item and every matrix given ends as one record or one reject: a matrix none of whose
    /// items has a product key (no items, or all of them rejected) is rejected itself, as it has no
    /// SKU to be keyed by and no variant to stand for; the items of a rejected matrix are rejected
    /// with a reason that points at it.
    static func translate(
        items: [LSObject], matrices: [LSObject] = [], categories: [LSObject] = [], options: LSTranslationOptions = LSTranslationOptions()
    ) -> TranslationResult {
        var result = TranslationResult()
        let paths = LSCategoryPaths(categories)
        let matricesByID = Dictionary(matrices.compactMap { m in LSFields.id(m, "itemMatrixID").map { ($0, m) } }, uniquingKeysWith: { a, _ in a })
        let plan = LSProductKeys.plan(items: items, options: options)
        result.rejects += plan.rejects
        var seen = Set<String>()
        // Each matrix is translated once, on its first keyed item; a failure is remembered so its
        // other items are rejected with the same cause instead of silently skipped.
        var parents: [String: Result<SnapshotRecord, TranslationReject>] = [:]
        for entry in plan.entries {
            let item = entry.item
            let source = LSFields.source("Item", item, idName: "itemID")
            if let matrixID = entry.matrixID, let parentSku = entry.parentSku {
                if parents[matrixID] == nil, let matrix = matricesByID[matrixID] {
                    var translated = parent(matrix, sku: parentSku, firstChild: item, paths: paths, options: options)
                    if case .success(let record) = translated, !seen.insert(record.key).inserted {
                        translated = .failure(TranslationReject(source: LSFields.source("ItemMatrix", matrix, idName: "itemMatrixID"),
                                                                key: record.key, field: "customSku", reason: "is a duplicate"))
                    }
                    switch translated {
                    case .success(let record): result.records.append(record)
                    case .failure(let reject): result.rejects.append(reject)
                    }
                    parents[matrixID] = translated
                }
                let parent: SnapshotRecord
                switch parents[matrixID] {
                case nil:
                    result.rejects.append(TranslationReject(source: source, key: entry.key, field: "itemMatrixID", reason: "names no ItemMatrix of this extraction"))
                    continue
                case .failure(let cause)?:
                    result.rejects.append(TranslationReject(source: source, key: entry.key, field: "itemMatrixID",
                                                            reason: "names a rejected ItemMatrix (\(cause.field) \(cause.reason))"))
                    continue
                case .success(let record)?: parent = record
                }
                guard seen.insert(entry.key).inserted else {
                    result.rejects.append(TranslationReject(source: source, key: entry.key, field: "customSku", reason: "is a duplicate"))
                    continue
                }
                switch variant(item, key: entry.key, code: entry.variantCode ?? "", parent: parent, options: options) {
                case .failure(let reject): result.rejects.append(reject)
                case .success(let record): result.records.append(record)
                }
            } else {
                guard seen.insert(entry.key).inserted else {
                    result.rejects.append(TranslationReject(source: source, key: entry.key, field: "customSku", reason: "is a duplicate"))
                    continue
                }
                switch product(item, key: entry.key, paths: paths, options: options) {
                case .failure(let reject): result.rejects.append(reject)
                case .success(let record): result.records.append(record)
                }
            }
        }
        // Matrices no keyed item reached: without one there is neither a SKU nor a variant.
        var matrixIDs = Set<String>()
        for matrix in matrices {
            let source = LSFields.source("ItemMatrix", matrix, idName: "itemMatrixID")
            guard let id = LSFields.id(matrix, "itemMatrixID") else {
                result.rejects.append(TranslationReject(source: source, field: "itemMatrixID", reason: "is empty"))
                continue
            }
            guard matrixIDs.insert(id).inserted else {
                result.rejects.append(TranslationReject(source: source, field: "itemMatrixID", reason: "is a duplicate"))
                continue
            }
            guard parents[id] == nil else { continue }
            let read = items.filter { LSFields.id($0, "itemMatrixID") == id }.count
            result.rejects.append(TranslationReject(
                source: source, field: "Items",
                reason: read == 0 ? "are none: a matrix without items has no SKU and no variant"
                    : "are all rejected (\(read) of \(read), see their rejects), so the matrix has no SKU"))
        }
        return result
    }

    /// The canonical product key of every item (`itemID` → `sku`, a variant's `parent ␟ code`), for
    /// stock rows and sale lines. Items that have no key are left out.
    static func skuIndex(items: [LSObject], options: LSTranslationOptions = LSTranslationOptions()) -> [String: String] {
        var index: [String: String] = [:]
        for entry in LSProductKeys.plan(items: items, options: options).entries {
            if let id = LSFields.id(entry.item, "itemID") { index[id] = entry.key }
        }
        return index
    }

    /// Lightspeed `Category` rows → canonical `category` records. A Lightspeed category has no
    /// code, so the code is its full path (`fullPathName`, `Apparel/Jackets`), the one unique
    /// natural key it has; the pipeline's category mapping maps it to a BC category code.
    static func translateCategories(_ categories: [LSObject]) -> TranslationResult {
        var result = TranslationResult()
        let paths = LSCategoryPaths(categories)
        var seen = Set<String>()
        for row in categories {
            let source = LSFields.source("Category", row, idName: "categoryID")
            guard let id = LSFields.id(row, "categoryID"), let path = paths.path(id), let key = CanonicalModel.compositeKey([path.joined(separator: "/")]) else {
                result.rejects.append(TranslationReject(source: source, field: "name", reason: "is empty (no category path)"))
                continue
            }
            guard seen.insert(key).inserted else {
                result.rejects.append(TranslationReject(source: source, key: key, field: "fullPathName", reason: "is a duplicate"))
                continue
            }
            typealias C = CanonicalModel.Category
            var ref: [String: JSONValue] = ["lsCategoryID": .string(id)]
            if let parentID = LSFields.id(row, "parentID") { ref["lsParentID"] = .string(parentID) }
            result.records.append(SnapshotRecord(key: key, ref: ref, fields: [
                C.code: .string(key), C.name: LSFields.text(row, "name").json, C.path: .array(path.map(JSONValue.string)),
            ]))
        }
        return result
    }

    // MARK: - Records

    private static func product(_ item: LSObject, key: String, paths: LSCategoryPaths, options: LSTranslationOptions) -> Result<SnapshotRecord, TranslationReject> {
        let source = LSFields.source("Item", item, idName: "itemID")
        let kind: CanonicalModel.Product.Kind
        switch (LSFields.trimmed(item, "itemType") ?? "default").lowercased() {
        case "default", "serialized": kind = .simple
        case "non_inventory": kind = .nonInventory
        case let other:
            return .failure(TranslationReject(source: source, key: key, field: "itemType", reason: "\(other) has no canonical product type"))
        }
        let price: CanonicalNumber?
        switch LSItemFields.price(item, useType: options.priceUseType) {
        case .failure(let reason): return .failure(TranslationReject(source: source, key: key, field: "Prices.ItemPrice.amount", reason: reason.text))
        case .success(let value): price = value
        }
        typealias P = CanonicalModel.Product
        let path = paths.path(of: item)
        let ecommerce = LSFields.object(item, "ItemECommerce")
        let fields: [String: JSONValue] = [
            P.sku: .string(key),
            P.type: .string(kind.rawValue),
            P.parentSku: .null,
            P.variantCode: .null,
            P.name: LSFields.text(item, "description").json,
            P.shortDescription: ecommerce.flatMap { LSFields.text($0, "shortDescription") }.json,
            P.longDescription: ecommerce.flatMap { LSFields.text($0, "longDescription") }.json,
            P.ean: LSItemFields.ean(item).json,
            P.categoryCode: path.map { JSONValue.string($0.joined(separator: "/")) } ?? .null,
            P.categoryPath: path.map { JSONValue.array($0.map(JSONValue.string)) } ?? .null,
            P.price: price.json,
            P.priceIncludesTax: .bool(options.pricesIncludeTax),
            P.currency: options.currency.map { JSONValue.string($0.uppercased()) } ?? .null,
            P.unitOfMeasure: .null,
            P.blocked: .bool(LSFields.bool(item, "archived") ?? false),
            P.publish: LSFields.bool(item, "publishToEcom").json,
            P.takesPart: .bool(true),
            P.attributes: .object(LSItemFields.attributes(item)),
            P.image: LSItemFields.image(item),
        ]
        return .success(SnapshotRecord(key: key, ref: LSItemFields.reference(item), fields: fields))
    }

    private static func parent(_ matrix: LSObject, sku: String, firstChild: LSObject, paths: LSCategoryPaths,
                               options: LSTranslationOptions) -> Result<SnapshotRecord, TranslationReject> {
        let source = LSFields.source("ItemMatrix", matrix, idName: "itemMatrixID")
        guard let key = CanonicalModel.compositeKey([sku]) else {
            return .failure(TranslationReject(source: source, field: "customSku", reason: "gives an empty matrix SKU"))
        }
        let price: CanonicalNumber?
        switch LSItemFields.price(matrix, useType: options.priceUseType) {
        case .failure(let reason): return .failure(TranslationReject(source: source, key: key, field: "Prices.ItemPrice.amount", reason: reason.text))
        case .success(let value): price = value
        }
        typealias P = CanonicalModel.Product
        let path = paths.path(of: matrix)
        let ecommerce = LSFields.object(matrix, "ItemECommerce")
        let fields: [String: JSONValue] = [
            P.sku: .string(key),
            P.type: .string(P.Kind.variantParent.rawValue),
            P.parentSku: .null,
            P.variantCode: .null,
            P.name: LSFields.text(matrix, "description").json,
            P.shortDescription: ecommerce.flatMap { LSFields.text($0, "shortDescription") }.json,
            P.longDescription: ecommerce.flatMap { LSFields.text($0, "longDescription") }.json,
            P.ean: .null,
            P.categoryCode: path.map { JSONValue.string($0.joined(separator: "/")) } ?? .null,
            P.categoryPath: path.map { JSONValue.array($0.map(JSONValue.string)) } ?? .null,
            P.price: price.json,
            P.priceIncludesTax: .bool(options.pricesIncludeTax),
            P.currency: options.currency.map { JSONValue.string($0.uppercased()) } ?? .null,
            P.unitOfMeasure: .null,
            P.blocked: .bool(LSFields.bool(matrix, "archived") ?? false),
            // ItemMatrix has no `publishToEcom` in Lightspeed's ItemMatrix page; the first child's stands for it.
            P.publish: LSFields.bool(firstChild, "publishToEcom").json,
            P.takesPart: .bool(true),
            P.attributes: .object(LSItemFields.attributes(matrix)),
            P.image: LSItemFields.image(matrix),
        ]
        var ref: [String: JSONValue] = [:]
        if let id = LSFields.id(matrix, "itemMatrixID") { ref["lsItemMatrixID"] = .string(id) }
        if let id = LSFields.id(matrix, "categoryID") { ref["lsCategoryID"] = .string(id) }
        if let stamp = LSFields.trimmed(matrix, "timeStamp") { ref["lastModified"] = .string(stamp) }
        if let url = LSItemFields.imageURL(matrix) { ref["imageUrl"] = .string(url) }
        return .success(SnapshotRecord(key: key, ref: ref, fields: fields))
    }

    /// A matrix child: the parent's fields (as BC variants inherit them), with its own SKU, code,
    /// description (→ `shortDescription`, like BC's variant description), EAN and, when it has
    /// one, its own price at the price level.
    private static func variant(_ item: LSObject, key: String, code: String, parent: SnapshotRecord,
                                options: LSTranslationOptions) -> Result<SnapshotRecord, TranslationReject> {
        let source = LSFields.source("Item", item, idName: "itemID")
        typealias P = CanonicalModel.Product
        var fields = P.variantFields(
            of: parent, sku: key, code: code, shortDescription: LSFields.text(item, "description").json,
            ean: LSItemFields.ean(item).json)
        // An archived variant is blocked even when its matrix is not (BC variants have no flag of their own).
        if LSFields.bool(item, "archived") == true { fields[P.blocked] = .bool(true) }
        switch LSItemFields.price(item, useType: options.priceUseType) {
        case .failure(let reason): return .failure(TranslationReject(source: source, key: key, field: "Prices.ItemPrice.amount", reason: reason.text))
        case .success(let value?): fields[P.price] = .number(value)
        case .success(nil): break
        }
        var ref = LSItemFields.reference(item)
        if let matrixID = parent.ref["lsItemMatrixID"] { ref["lsItemMatrixID"] = matrixID }
        return .success(SnapshotRecord(key: key, ref: ref, fields: fields))
    }
}
