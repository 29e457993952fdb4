// Translators build records from optional fields; an absent field is JSON `null`.

extension Optional where Wrapped == String {
    /// The text as a JSON value, `null` when nil.
    package var json: JSONValue { map(JSONValue.string) ?? .null }
}

extension Optional where Wrapped == CanonicalNumber {
    /// The number as a JSON value, `null` when nil.
    package var json: JSONValue { map(JSONValue.number) ?? .null }
}

extension Optional where Wrapped == Bool {
    /// The boolean as a JSON value, `null` when nil.
    package var json: JSONValue { map(JSONValue.bool) ?? .null }
}
