/// An exact decimal number in its canonical text: shortest form, no exponent, no trailing fraction
/// zeros, no leading zeros, and `0` for every zero (including `-0`). Never passes through `Double`.
package struct CanonicalNumber: Sendable, Hashable, CustomStringConvertible {
    /// The canonical text, e.g. `-12.5`, `0`, `1000`.
    package let text: String

    /// The largest number of digits the canonical text may hold; `1e999999` would otherwise be a
    /// megabyte of zeros.
    package static let maxDigits = 400

    package var description: String { text }

    /// Parses a JSON number literal (`-?int(.frac)?([eE][+-]?exp)?`) into its canonical form, or nil
    /// when the bytes are not a JSON number or need more than `maxDigits` digits.
    package init?<Bytes: Collection<UInt8>>(jsonLiteral bytes: Bytes) {
        var iterator = bytes.makeIterator()
        var next = iterator.next()
        var negative = false
        if next == UInt8(ascii: "-") { negative = true; next = iterator.next() }
        var digits: [UInt8] = []
        var fractionLength = 0
        // Integer part: `0` alone or a non-zero digit followed by digits.
        guard let first = next, first.isASCIIDigit else { return nil }
        if first == UInt8(ascii: "0") {
            next = iterator.next()
            if let n = next, n.isASCIIDigit { return nil }
        } else {
            while let d = next, d.isASCIIDigit { digits.append(d); next = iterator.next() }
        }
        if next == UInt8(ascii: ".") {
            next = iterator.next()
            guard let d = next, d.isASCIIDigit else { return nil }
            while let d = next, d.isASCIIDigit { digits.append(d); fractionLength += 1; next = iterator.next() }
        }
        var exponent = 0
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            next = iterator.next()
            var expNegative = false
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
                expNegative = next == UInt8(ascii: "-"); next = iterator.next()
            }
            guard let d = next, d.isASCIIDigit else { return nil }
            while let d = next, d.isASCIIDigit {
                exponent = exponent * 10 + Int(d - UInt8(ascii: "0"))
                if exponent > 1_000_000 { return nil }
                next = iterator.next()
            }
            if expNegative { exponent = -exponent }
        }
        guard next == nil else { return nil }
        guard let text = Self.render(negative: negative, digits: digits, exponent: exponent - fractionLength)
        else { return nil }
        self.text = text
    }

    /// Parses number text such as `1.50` or `-3e2`.
    package init?(_ text: String) { self.init(jsonLiteral: Array(text.utf8)) }

    /// An integer.
    package init(_ value: Int) { self.text = String(value) }

    /// Renders `±digits × 10^exponent` without exponent, or nil when too long.
    private static func render(negative: Bool, digits: [UInt8], exponent: Int) -> String? {
        var start = 0
        while start < digits.count, digits[start] == UInt8(ascii: "0") { start += 1 }
        var end = digits.count
        var exponent = exponent
        while end > start, digits[end - 1] == UInt8(ascii: "0") { end -= 1; exponent += 1 }
        if start == end { return "0" }
        let significant = digits[start..<end]
        let total = exponent >= 0 ? significant.count + exponent : max(significant.count, -exponent + 1)
        guard total <= maxDigits else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(total + 2)
        if negative { out.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            out.append(contentsOf: significant)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent))
        } else {
            let pointIndex = significant.count + exponent  // digits before the point
            if pointIndex <= 0 {
                out.append(UInt8(ascii: "0")); out.append(UInt8(ascii: "."))
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -pointIndex))
                out.append(contentsOf: significant)
            } else {
                out.append(contentsOf: significant.prefix(pointIndex))
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: significant.dropFirst(pointIndex))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension UInt8 {
    /// True for `0`…`9`.
    package var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}
