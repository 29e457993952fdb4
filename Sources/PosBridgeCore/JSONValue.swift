/// A JSON value as posbridge reads and writes it: numbers stay exact decimals, objects are unordered
/// until written (the canonical writer sorts their keys by UTF-8 bytes).
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(CanonicalNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The members of an object, or nil for any other value.
    package var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The text of a string value, or nil for any other value.
    package var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A short name of the value's JSON type, for error messages.
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension String {
    /// Orders strings by their UTF-8 bytes, the order of every sorted thing in posbridge's files.
    package func utf8Precedes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
