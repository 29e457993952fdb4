import PosBridgeCore

extension LSClient {
    /// A variant product (Lightspeed Retail API documentation, endpoint pages ItemMatrix): `POST ItemMatrix` with `description` and
    /// `itemAttributeSetID` (both required) plus any other matrix fields (`Prices`, `categoryID`,
    /// `taxClassID`, `defaultCost` …).
    func createItemMatrix(description: String, itemAttributeSetID: String, fields: [String: JSONValue] = [:])
        async throws -> LSWriteOutcome {
        var body = fields
        body["description"] = .string(description)
        body["itemAttributeSetID"] = .string(itemAttributeSetID)
        return try await create("ItemMatrix", body)
    }

    /// One variant of a matrix: an ordinary `POST Item` with `itemMatrixID` and
    /// `ItemAttributes{itemAttributeSetID, attribute1…3}`. Lightspeed appends new attribute values to
    /// the matrix's value lists itself; without `description` the variant is named after the matrix.
    func createVariant(matrixID: String, itemAttributeSetID: String, attributes: [String],
                               fields: [String: JSONValue] = [:]) async throws -> LSWriteOutcome {
        precondition((1...3).contains(attributes.count), "a variant has one to three attribute values")
        var itemAttributes: [String: JSONValue] = ["itemAttributeSetID": .string(itemAttributeSetID)]
        for (index, value) in attributes.enumerated() { itemAttributes["attribute\(index + 1)"] = .string(value) }
        var body = fields
        body["itemMatrixID"] = .string(matrixID)
        body["ItemAttributes"] = .object(itemAttributes)
        return try await create("Item", body)
    }
}
