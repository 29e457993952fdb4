import Foundation
import PosBridgeCore

/// Reading the product fields of an `Item` or `ItemMatrix` (prices, EAN, attributes, image, ref).
enum LSItemFields {
    struct Failure: Error { let text: String }

    /// The amount of the price level `useType` (name, case-insensitive, or `useTypeID`) in
    /// `Prices.ItemPrice`, never by position; nil when the item has no such level.
    static func price(_ item: LSObject, useType: String) -> Result<CanonicalNumber?, Failure> {
        let wanted = useType.lowercased()
        let level = LSFields.list(item, "Prices", "ItemPrice").first { price in
            LSFields.trimmed(price, "useType")?.lowercased() == wanted || LSFields.trimmed(price, "useTypeID") == useType
        }
        guard let level else { return .success(nil) }
        if LSFields.hasInvalidDecimal(level, "amount") { return .failure(Failure(text: "of price level \(useType) is not a decimal number")) }
        return .success(LSFields.decimal(level, "amount"))
    }

    /// The EAN/GTIN: `ean`, else `upc` (both text, leading zeros kept).
    static func ean(_ item: LSObject) -> String? {
        LSFields.trimmed(item, "ean") ?? LSFields.trimmed(item, "upc")
    }

    /// Canonical `attributes` from `CustomFieldValues.CustomFieldValue` (`name` → `value`; the
    /// design maps BC item attributes to custom fields). Lightspeed's "Item" endpoint page lists the relation as
    /// `CustomFieldValues(+.value)` without a field table, so `value` is read as text or as an
    /// object with a `value` member (unsure).
    static func attributes(_ item: LSObject) -> [String: JSONValue] {
        var attributes: [String: JSONValue] = [:]
        for field in LSFields.list(item, "CustomFieldValues", "CustomFieldValue") {
            guard let name = LSFields.trimmed(field, "name") else { continue }
            let value = LSFields.text(field, "value") ?? LSFields.object(field, "value").flatMap { LSFields.text($0, "value") }
            attributes[name] = value.json
        }
        return attributes
    }

    /// The first image by `ordering`, as `{contentType, width, height, digest}`: Lightspeed gives
    /// neither type nor size, so the type comes from the file name's extension and the size is null;
    /// `digest` is `sha256:<hex>` when the extractor downloaded the bytes and added it.
    static func image(_ item: LSObject) -> JSONValue {
        guard let image = firstImage(item) else { return .null }
        let name = (LSFields.trimmed(image, "filename") ?? "").lowercased()
        let type: String? = switch name.split(separator: ".").last.map(String.init) {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "webp": "image/webp"
        default: nil
        }
        return .object(["contentType": type.json, "width": .null, "height": .null, "digest": LSFields.trimmed(image, "digest").json])
    }

    /// `{baseImageURL}{publicID}.jpg` of the first image (Lightspeed Retail API documentation, endpoint pages, Image).
    static func imageURL(_ item: LSObject) -> String? {
        guard let image = firstImage(item), let base = LSFields.trimmed(image, "baseImageURL"),
              let id = LSFields.trimmed(image, "publicID") else { return nil }
        return "\(base)\(id).jpg"
    }

    private static func firstImage(_ item: LSObject) -> LSObject? {
        LSFields.list(item, "Images", "Image").min { a, b in
            (LSFields.decimal(a, "ordering").flatMap { Int($0.text) } ?? Int.max) < (LSFields.decimal(b, "ordering").flatMap { Int($0.text) } ?? Int.max)
        }
    }

    /// The `ref` of an item: Lightspeed ids, the native SKUs and the modification time.
    static func reference(_ item: LSObject) -> [String: JSONValue] {
        var ref: [String: JSONValue] = [:]
        if let id = LSFields.id(item, "itemID") { ref["lsItemID"] = .string(id) }
        if let sku = LSFields.trimmed(item, "systemSku") { ref["systemSku"] = .string(sku) }
        if let sku = LSFields.trimmed(item, "customSku") { ref["customSku"] = .string(sku) }
        if let id = LSFields.id(item, "categoryID") { ref["lsCategoryID"] = .string(id) }
        if let stamp = LSFields.trimmed(item, "timeStamp") { ref["lastModified"] = .string(stamp) }
        if let url = imageURL(item) { ref["imageUrl"] = .string(url) }
        return ref
    }
}
