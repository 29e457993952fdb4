/// The street / house-number rule of the canonical model (`docs/canonical-model.md`, "Addresses"),
/// shared by every connector that keeps both in one address line (BC `addressLine1`, Lightspeed
/// `ContactAddress.address1`) so that both sides split the same text the same way.
package enum AddressLine {
    /// Words that start a post-office-box line; such a line is never split ("Postfach 12" is not
    /// street "Postfach", number 12).
    package static let postBoxWords: [String] = ["postfach", "po box", "p.o. box", "p. o. box", "pobox", "postbus", "boîte postale", "bp ", "case postale", "apartado"]

    /// Splits a single address line into street and house number:
    /// 1. a post-office-box line stays whole (street = line, house number nil);
    /// 2. a trailing house-number token (`Hauptstraße 12a`, `Via Roma 3/5`, `Dorfstr. 12 b`) → street
    ///    before it, number = the token;
    /// 3. else a leading house-number token (`12 Main Street`, `12-14 High St`) → number first;
    /// 4. else the line stays whole (`Rue de la Paix`): street = line, house number nil.
    /// A house-number token starts with a digit and is at most 10 characters of digits, letters,
    /// `-` and `/`; a single trailing letter after a space joins the number (`12 b` → `12b`).
    package static func split(_ line: String) -> (street: String, houseNumber: String?) {
        let trimmed = trimSpaces(line)
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

    /// Whether a token reads as a house number.
    package static func isHouseNumber(_ token: String) -> Bool {
        guard let first = token.first, first.isASCII, first.isNumber, token.count <= 10 else { return false }
        return token.allSatisfy { $0.isLetter || ($0.isASCII && $0.isNumber) || $0 == "-" || $0 == "/" }
    }

    /// The one-line form of a street and house number: `street houseNumber` (the continental
    /// order, which is also what `split` reads back); either part alone as it is; nil when both blank.
    package static func join(street: String?, houseNumber: String?) -> String? {
        let street = street.map(trimSpaces).flatMap { $0.isEmpty ? nil : $0 }
        let number = houseNumber.map(trimSpaces).flatMap { $0.isEmpty ? nil : $0 }
        switch (street, number) {
        case (let street?, let number?): return "\(street) \(number)"
        case (let street?, nil): return street
        case (nil, let number?): return number
        case (nil, nil): return nil
        }
    }

    private static func trimSpaces(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
