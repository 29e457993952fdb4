import Foundation

/// Exact decimal arithmetic on canonical numbers, for the connectors' translators (stock fallbacks,
/// totals) and the mapping's transforms (tax, rounding, stock formulas): through Foundation's
/// `Decimal` (base 10, 38 digits), never `Double`, and back to the canonical text.
package enum ExactDecimal {
    /// The number as a `Decimal` (0 if Foundation cannot read it, which a canonical number never is).
    package static func decimal(_ number: CanonicalNumber) -> Decimal {
        Decimal(string: number.text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    /// The canonical number of `value`, rounded to 20 fraction digits (far beyond any money or quantity).
    package static func number(_ value: Decimal) -> CanonicalNumber {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 20, .plain)
        let text = NSDecimalNumber(decimal: rounded).description(withLocale: Locale(identifier: "en_US_POSIX"))
        return CanonicalNumber(text) ?? CanonicalNumber(0)
    }

    /// The sum of the numbers present, or nil when none is.
    package static func sum(_ numbers: CanonicalNumber?...) -> CanonicalNumber? {
        let present = numbers.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        return number(present.reduce(Decimal(0)) { $0 + decimal($1) })
    }

    /// `a - b`, or `a` when `b` is absent.
    package static func difference(_ a: CanonicalNumber, _ b: CanonicalNumber?) -> CanonicalNumber {
        guard let b else { return a }
        return number(decimal(a) - decimal(b))
    }

    /// `a · 100` (a rate as a percentage).
    package static func times100(_ a: CanonicalNumber) -> CanonicalNumber { number(decimal(a) * 100) }

    /// `a × (1 + rate)`.
    package static func addingTax(_ a: CanonicalNumber, rate: CanonicalNumber) -> CanonicalNumber {
        number(decimal(a) * (1 + decimal(rate)))
    }

    /// `a ÷ (1 + rate)`, or nil when `rate` is −1.
    package static func removingTax(_ a: CanonicalNumber, rate: CanonicalNumber) -> CanonicalNumber? {
        let divisor = 1 + decimal(rate)
        return divisor == 0 ? nil : number(decimal(a) / divisor)
    }

    /// Rounded to `places` fraction digits, halves away from zero (2.345 → 2.35, −2.345 → −2.35).
    package static func rounded(_ a: CanonicalNumber, places: Int) -> CanonicalNumber {
        var value = decimal(a)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        return number(rounded)
    }

    /// Whether `a < b`.
    package static func less(_ a: CanonicalNumber, _ b: CanonicalNumber) -> Bool { decimal(a) < decimal(b) }
}
