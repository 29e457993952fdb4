/// GS1 identification numbers (EAN-8, UPC-A, EAN-13, GTIN-14): the check digit is the last digit,
/// chosen so that the digits weighted 3, 1, 3, … from the right (check digit excluded) and the
/// check digit sum to a multiple of ten (GS1 General Specifications, "Check digit calculation").
enum GTIN {
    /// Why `code` is not a GTIN Lightspeed should be given, or nil when it is one.
    static func problem(_ code: String) -> String? {
        let digits = code.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard digits.count == code.count else { return "is not all digits" }
        guard [8, 12, 13, 14].contains(digits.count) else { return "has \(digits.count) digits (a GTIN has 8, 12, 13 or 14)" }
        var sum = 0
        for (index, digit) in digits.dropLast().reversed().enumerated() { sum += digit * (index % 2 == 0 ? 3 : 1) }
        let expected = (10 - sum % 10) % 10
        return digits.last == expected ? nil : "has an invalid check digit (\(digits.last!), expected \(expected))"
    }
}
