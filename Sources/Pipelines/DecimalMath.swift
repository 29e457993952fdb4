import Foundation
import PosBridgeCore

/// Exact decimal arithmetic on canonical numbers for the mapping's transforms (tax, rounding,
/// stock formulas). Goes through Foundation's `Decimal` (base 10, 38 digits), never `Double`, and
/// back to the canonical text.
enum DecimalMath {
    static func decimal(_ number: CanonicalNumber) -> Decimal? { Decimal(string: number.text, locale: Locale(identifier: "en_US_POSIX")) }

    static func number(_ value: Decimal) -> CanonicalNumber? {
        var value = value
        var rounded = Decimal()
        // 20 fraction digits is far beyond any money or quantity and keeps a division's tail finite.
        NSDecimalRound(&rounded, &value, 20, .plain)
        return CanonicalNumber(NSDecimalNumber(decimal: rounded).stringValue)
    }

    /// `a + b`.
    static func add(_ a: CanonicalNumber, _ b: CanonicalNumber) -> CanonicalNumber? {
        guard let x = decimal(a), let y = decimal(b) else { return nil }
        return number(x + y)
    }

    /// `a − b`.
    static func subtract(_ a: CanonicalNumber, _ b: CanonicalNumber) -> CanonicalNumber? {
        guard let x = decimal(a), let y = decimal(b) else { return nil }
        return number(x - y)
    }

    /// `a × (1 + rate)`.
    static func addTax(_ a: CanonicalNumber, rate: CanonicalNumber) -> CanonicalNumber? {
        guard let x = decimal(a), let r = decimal(rate) else { return nil }
        return number(x * (1 + r))
    }

    /// `a ÷ (1 + rate)`.
    static func removeTax(_ a: CanonicalNumber, rate: CanonicalNumber) -> CanonicalNumber? {
        guard let x = decimal(a), let r = decimal(rate), 1 + r != 0 else { return nil }
        return number(x / (1 + r))
    }

    /// Rounded to `places` fraction digits, halves away from zero (2.345 → 2.35, −2.345 → −2.35).
    static func round(_ a: CanonicalNumber, places: Int) -> CanonicalNumber? {
        guard var x = decimal(a) else { return nil }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &x, places, .plain)
        return number(rounded)
    }

    /// Whether `a < b`.
    static func less(_ a: CanonicalNumber, _ b: CanonicalNumber) -> Bool? {
        guard let x = decimal(a), let y = decimal(b) else { return nil }
        return x < y
    }
}
