import Foundation
import PosBridgeCore

/// Exact decimal arithmetic for the few sums translators do (stock fallback, totals), through
/// Foundation's `Decimal` (38 significant digits, base 10, so no binary rounding).
enum ExactDecimal {
    static func decimal(_ number: CanonicalNumber) -> Decimal {
        Decimal(string: number.text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    static func number(_ value: Decimal) -> CanonicalNumber {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 20, .plain)
        let text = NSDecimalNumber(decimal: rounded).description(withLocale: Locale(identifier: "en_US_POSIX"))
        return CanonicalNumber(text) ?? CanonicalNumber(0)
    }
}
