import PosBridgeCore

/// What the apply stage needs of Lightspeed beyond the plain writes: finding a record it may already
/// have created (a re-run after a crash looks an operation of unknown outcome up by its key before
/// trying it again), archiving, the attribute sets a matrix is made with, and the custom-field part
/// of an item body. Built on the client's reads and writes, so every request is paced by the
/// connection's leaky bucket and retried by its policy.
extension LSClient {
    /// The items (archived ones too) whose `customSku` is `sku`: none when it was never created.
    package func items(customSku sku: String) async throws -> [LSObject] {
        try await readAllValues(LSQuery("Item").filter(LSQueryFilter("customSku", sku)).archived(.include))
    }

    /// The item matrices (archived ones too) whose `description` is `description`. R-Series
    /// matrices have no SKU (API reference, ItemMatrix), so their name is the key a lost create is
    /// looked up by.
    package func itemMatrices(description: String) async throws -> [LSObject] {
        try await readAllValues(LSQuery("ItemMatrix").filter(LSQueryFilter("description", description)).archived(.include))
    }

    /// Every item attribute set (a matrix is created with one whose attribute count fits its variants).
    package func itemAttributeSets() async throws -> [LSObject] {
        try await readAllValues(LSQuery("ItemAttributeSet"))
    }

    /// Every category, for the category plan of the products to write.
    package func categories() async throws -> [LSObject] {
        try await readAllValues(LSQuery("Category"))
    }

    /// Archives an Item or ItemMatrix: `DELETE {entity}/{id}.json` (Lightspeed archives rather than
    /// removes these, API reference "Archiving"); a PUT of `archived` is refused for items.
    package func archive(_ entity: String, id: String) async throws -> LSWriteOutcome {
        try await write(.delete, path: "\(entity)/\(LSURL.pathEncode(id)).json", entityKey: entity, body: [:],
                        safety: .idempotent, operation: "DELETE \(entity)")
    }

    /// `CustomFieldValues.CustomFieldValue` rows `{name, value}` for canonical `attributes` (BC item
    /// attributes renamed by the pipeline's attributes table), by name; a null value is written as
    /// `""`. The snapshot reads the same rows back as `attributes`.
    package static func customFieldValues(_ attributes: [String: JSONValue]) -> JSONValue {
        let rows: [JSONValue] = attributes.keys.sorted().map { name in
            let value: JSONValue = switch attributes[name] {
            case .string(let text)?: .string(text)
            case .number(let number)?: .string(number.text)
            case .bool(let flag)?: .string(flag ? "true" : "false")
            default: .string("")
            }
            return .object(["name": .string(name), "value": value])
        }
        return .object(["CustomFieldValue": .array(rows)])
    }
}
