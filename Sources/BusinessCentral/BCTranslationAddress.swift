import PosBridgeCore

/// Canonical address objects from BC address fields, and back. BC keeps street and house number in
/// one `addressLine1`; the canonical model splits them (`docs/canonical-model.md`, "Addresses").
enum BCTranslationAddress {
    /// Splits a single address line into street and house number (the shared rule, `AddressLine`).
    package static func split(_ line: String) -> (street: String, houseNumber: String?) {
        AddressLine.split(line)
    }

    /// The BC address line for a canonical street and house number (`AddressLine.join`).
    package static func join(street: String?, houseNumber: String?) -> String? {
        AddressLine.join(street: street, houseNumber: houseNumber)
    }

    /// A canonical address object from BC's flat fields with the given prefix (`""` for customers,
    /// `sellTo`, `billTo`, `shipTo` for documents; documents spell postal code `PostCode`), or nil
    /// when every part is blank.
    static func address(flat object: BCObject, prefix: String) -> JSONValue {
        func name(_ base: String) -> String {
            prefix.isEmpty ? base : prefix + base.prefix(1).uppercased() + base.dropFirst()
        }
        let postal = prefix.isEmpty ? "postalCode" : name("postCode")
        return address(
            line1: BCFields.text(object, name("addressLine1")), line2: BCFields.text(object, name("addressLine2")),
            postalCode: BCFields.trimmed(object, postal), city: BCFields.text(object, name("city")),
            state: BCFields.text(object, name("state")), country: BCFields.trimmed(object, name("country")))
    }

    /// A canonical address object from API v1.0's complex `address`/`…PostalAddress` type
    /// (`street`, `city`, `state`, `countryLetterCode`, `postalCode`). v1.0 has no second line;
    /// Microsoft, "Transitioning from API v1.0 to API v2.0" does not say how BC fills `street` from Address 2, so a line break in
    /// `street` is taken as the boundary (unsure).
    static func address(complex: BCObject?) -> JSONValue {
        guard let complex else { return .null }
        let lines = (BCFields.text(complex, "street") ?? "").split(whereSeparator: \.isNewline).map(String.init)
        return address(
            line1: lines.first, line2: lines.dropFirst().joined(separator: " ").nonEmpty,
            postalCode: BCFields.trimmed(complex, "postalCode"), city: BCFields.text(complex, "city"),
            state: BCFields.text(complex, "state"), country: BCFields.trimmed(complex, "countryLetterCode"))
    }

    static func address(line1: String?, line2: String?, postalCode: String?, city: String?, state: String?, country: String?) -> JSONValue {
        let parts = [line1, line2, postalCode, city, state, country]
        guard parts.contains(where: { $0?.trimmingSpaces.nonEmpty != nil }) else { return .null }
        let split: (street: String, houseNumber: String?) = line1.map { Self.split($0) } ?? (street: "", houseNumber: nil)
        typealias A = CanonicalModel.Address
        return .object([
            A.street: split.street.nonEmpty.json,
            A.houseNumber: split.houseNumber.json,
            A.line2: line2?.trimmingSpaces.nonEmpty.json ?? .null,
            A.postalCode: postalCode.json,
            A.city: city?.trimmingSpaces.nonEmpty.json ?? .null,
            A.state: state?.trimmingSpaces.nonEmpty.json ?? .null,
            A.country: country.map { JSONValue.string($0.uppercased()) } ?? .null,
        ])
    }
}

extension String {
    /// The string, or nil when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
