import PosBridgeCore

/// Checks a written body against the set's fields the way BC's OData layer does: unknown properties,
/// values of the wrong JSON type and unknown enum members are refused; enum members are stored encoded.
enum BCFieldRules {
    /// Enum fields with their AL captions (Business Central API documentation (Microsoft Learn), resource type item; Business Central API documentation (Microsoft Learn), resource type customer).
    static let enums: [String: [String: [String]]] = [
        "items": ["type": ["Inventory", "Service", "Non-Inventory"]],
        "customers": ["type": ["Company", "Person"], "blocked": [" ", "Ship", "Invoice", "All"]],
    ]

    /// The checked body; `template` is a stored record of the set (nil for an empty set: nothing to compare with).
    static func check(_ body: [String: JSONValue], template: [String: JSONValue]?, set: String) throws -> [String: JSONValue] {
        var out = body
        for (name, value) in body {
            if let options = enums[set]?[name] {
                out[name] = .string(try member(value, options: options, field: name))
                continue
            }
            guard let template else { continue }
            guard let expected = template[name] else {
                throw ODataError(400, "BadRequest", "The property '\(name)' does not exist on type '\(BCCatalog.typeName(set))'. Make sure to only use property names that are defined by the type.")
            }
            guard sameType(value, expected) else {
                throw ODataError(400, "BadRequest", "Cannot convert the value of '\(name)' (a JSON \(value.typeName)) to the type of the property (JSON \(expected.typeName)).")
            }
        }
        return out
    }

    private static func sameType(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string, .string), (.number, .number), (.bool, .bool), (.object, .object), (.null, .null): true
        default: false
        }
    }

    /// Accepts the caption (`Non-Inventory`) or its encoded name (`Non_x002D_Inventory`) and returns the encoded one.
    private static func member(_ value: JSONValue, options: [String], field: String) throws -> String {
        guard let text = value.stringValue, let caption = options.first(where: { $0 == BCWireFormat.decodeEnum(text) }) else {
            // The batch article's example of this error uses the code `Unknown` (Business Central API documentation (Microsoft Learn), "Troubleshooting API errors").
            let shown = value.stringValue ?? value.typeName
            throw ODataError(400, "Unknown", "'\(shown)' is not an option. The existing options are: \(options.joined(separator: ","))")
        }
        return BCWireFormat.encodeEnum(caption)
    }
}
