extension CanonicalModel.Product {
    /// The fields of a variant of `parent` as both systems give it: the parent's fields (variants
    /// inherit them, as BC variants and Lightspeed matrix children do), with its own SKU, variant
    /// code, short description and EAN, and no long description or image of its own.
    package static func variantFields(of parent: SnapshotRecord, sku: String, code: String,
                                      shortDescription: JSONValue, ean: JSONValue) -> [String: JSONValue] {
        var fields = parent.fields
        fields[Self.sku] = .string(sku)
        fields[type] = .string(Kind.variant.rawValue)
        fields[parentSku] = .string(parent.key)
        fields[variantCode] = .string(code)
        fields[Self.shortDescription] = shortDescription
        fields[longDescription] = .null
        fields[Self.ean] = ean
        fields[image] = .null
        return fields
    }
}
