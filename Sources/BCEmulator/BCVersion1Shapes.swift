import PosBridgeCore

/// API v1.0 shapes of the stored v2.0 records (Business Central API documentation (Microsoft Learn), API v1.0 reference): complex `address` on customers,
/// complex `baseUnitOfMeasure` and `itemCategory` on items, options as plain strings.
enum BCVersion1Shapes {
    static func shape(_ object: [String: JSONValue], set: String) -> [String: JSONValue] {
        var out = object
        switch set {
        case "items":
            // v1.0's unitOfMeasure complex type: code, displayName, symbol, unitConversion (Business Central API documentation (Microsoft Learn), API v1.0 reference, field names
            // per LEARN v1.0 complex types; displayName/symbol are not stored per item, so they stay blank).
            out["baseUnitOfMeasure"] = [
                "code": out.removeValue(forKey: "baseUnitOfMeasureCode") ?? "", "displayName": "", "symbol": "", "unitConversion": .null,
            ]
            out["itemCategory"] = ["categoryId": out.removeValue(forKey: "itemCategoryCode") ?? "", "description": ""]
            if let type = out["type"]?.stringValue { out["type"] = .string(BCWireFormat.decodeEnum(type)) }
        case "customers":
            out["address"] = [
                "street": out.removeValue(forKey: "addressLine1") ?? "", "city": out.removeValue(forKey: "city") ?? "",
                "state": out.removeValue(forKey: "state") ?? "", "countryLetterCode": out.removeValue(forKey: "country") ?? "",
                "postalCode": out.removeValue(forKey: "postalCode") ?? "",
            ]
            out["addressLine2"] = nil
            if let blocked = out["blocked"]?.stringValue { out["blocked"] = .string(BCWireFormat.decodeEnum(blocked)) }
        default:
            break
        }
        return out
    }
}
