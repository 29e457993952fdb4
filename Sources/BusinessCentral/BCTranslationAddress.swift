import PosBridgeCore

/// Canonical address objects from BC address fields, and back. BC keeps street and house number in
/// one `addressLine1`; the canonical model splits them (`docs/canonical-model.md`, "Addresses").
package enum BCTranslationAddress {
    /// Words that start a post-office-box line; such a line is never split ("Postfach 12" is not
    /// street "Postfach", number 12).
    static let postBoxWords: [String] = ["postfach", "po box", "p.o. box", "p. o. box", "pobox", "postbus", "boîte postale", "bp ", "case postale", "apartado"]

    /// Splits a single address line into street and house number:
    /// 1. a post-office-box line stays whole (street = line, house number nil);
    /// 2. a trailing house-number token (`Hauptstraße 12a`, `Via Roma 3/5`, `Dorfstr. 12 b`) → street
    ///    before it, number = the token;
    /// 3. else a leading house-number token (`12 Main Street`, `12-14 High St`) → number first;
    /// 4. else the line stays whole (`Rue de la Paix`): street = line, house number nil.
    /// A house-number token starts with a digit and is at most 10 characters of digits, letters,
    /// `-` and `/`; a single trailing letter after a space joins the number (`12 b` → `12b`).
    package static func split(_ line: String) -> (street: String, houseNumber: String?) {
        let trimmed = line.trimmingSpaces
        let lower = trimmed.lowercased()
        if postBoxWords.contains(where: { lower.hasPrefix($0) }) { return (trimmed, nil) }
        var tokens = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard tokens.count >= 2 else { return (trimmed, nil) }
        // Trailing: "Dorfstr. 12 b" → "12b".
        if tokens.count >= 3, let last = tokens.last, last.count == 1, last.first!.isLetter,
           isHouseNumber(tokens[tokens.count - 2]), tokens[tokens.count - 2].last!.isNumber {
            let letter = tokens.removeLast()
            tokens[tokens.count - 1] += letter
        }
        if let last = tokens.last, isHouseNumber(last) {
            var street = tokens.dropLast().joined(separator: " ")
            if street.hasSuffix(",") { street.removeLast() }
            return (street, last)
        }
        if let first = tokens.first, isHouseNumber(first.hasSuffix(",") ? String(first.dropLast()) : first) {
            let number = first.hasSuffix(",") ? String(first.dropLast()) : first
            return (tokens.dropFirst().joined(separator: " "), number)
        }
        return (trimmed, nil)
    }

    static func isHouseNumber(_ token: String) -> Bool {
        guard let first = token.first, first.isASCII, first.isNumber, token.count <= 10 else { return false }
        return token.allSatisfy { $0.isLetter || ($0.isASCII && $0.isNumber) || $0 == "-" || $0 == "/" }
    }

    /// The BC address line for a canonical street and house number: `street houseNumber` (the
    /// continental order, which is also what `split` reads back); either part alone as it is.
    package static func join(street: String?, houseNumber: String?) -> String? {
        switch (street?.trimmingSpaces.nonEmpty, houseNumber?.trimmingSpaces.nonEmpty) {
        case (let street?, let number?): "\(street) \(number)"
        case (let street?, nil): street
        case (nil, let number?): number
        case (nil, nil): nil
        }
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
    /// reference §2.14 does not say how BC fills `street` from Address 2, so a line break in
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
