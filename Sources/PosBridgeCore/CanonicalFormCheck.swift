import Foundation

/// Tells, in one pass over the bytes and without building values, whether a JSON text is already
/// exactly in canonical form (valid JSON, sorted member names, no white space, minimal escapes,
/// canonical numbers, NFC strings). A `false` is conservative: the text may still be valid JSON,
/// it just has to go through the full parser and writer.
package enum CanonicalFormCheck {
    /// Whether `bytes` hold one JSON value in canonical form.
    package static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        return value(bytes, &index, depth: 0) && index == bytes.count
    }

    /// Where the value starting at `start` ends when it is in canonical form, nil when it is not
    /// (or is not valid JSON). `depth` counts the containers around it, for the nesting limit.
    package static func canonicalValueEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, depth: Int) -> Int? {
        var index = start
        return value(bytes, &index, depth: depth) ? index : nil
    }

    /// Whether `bytes` are the inside of a canonical string literal (without the quotes).
    package static func isCanonicalStringContent(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return false }
            if byte == UInt8(ascii: "\\") {
                guard escape(bytes, &index) else { return false }
                continue
            }
            if byte < 0x20 { return false }
            if byte >= 0x80 { return isNFC(bytes) }
            index += 1
        }
        return true
    }

    private static let maxDepth = 256

    private static func value(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, depth: Int) -> Bool {
        guard index < bytes.count, depth < maxDepth else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(bytes, &index, depth: depth + 1)
        case UInt8(ascii: "["):
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return true }
            while true {
                guard value(bytes, &index, depth: depth + 1), index < bytes.count else { return false }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return true }
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index += 1
            }
        case UInt8(ascii: "\""): return string(bytes, &index) != nil
        case UInt8(ascii: "t"): return literal(bytes, &index, "true")
        case UInt8(ascii: "f"): return literal(bytes, &index, "false")
        case UInt8(ascii: "n"): return literal(bytes, &index, "null")
        default: return number(bytes, &index)
        }
    }

    private static func object(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, depth: Int) -> Bool {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return true }
        var previous: UnsafeBufferPointer<UInt8>?
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let name = string(bytes, &index) else { return false }
            // Names with escapes would need decoding to compare: leave them to the full path.
            if name.contains(UInt8(ascii: "\\")) { return false }
            if let previous, compare(previous, name) >= 0 { return false }
            previous = name
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            guard value(bytes, &index, depth: depth), index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return true }
            guard bytes[index] == UInt8(ascii: ",") else { return false }
            index += 1
        }
    }

    /// Scans a string literal at `index`; returns its content (escapes still in it) or nil.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UnsafeBufferPointer<UInt8>? {
        let start = index + 1
        index = start
        var ascii = true
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while index < bytes.count {
            // Eight bytes at a time while none of them is a quote, a backslash, a control
            // character or non-ASCII: the common case, and most of a snapshot's bytes.
            while index + 8 <= bytes.count, isPlainASCII(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { index += 8 }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if !ascii, !isNFC(content) { return nil }
                return content
            }
            if byte == UInt8(ascii: "\\") {
                guard escape(bytes, &index) else { return nil }
                continue
            }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return nil
    }

    /// Whether none of the eight bytes is `"`, `\\`, below 0x20 or above 0x7F (SWAR: a byte equal
    /// to `c` makes `x ^ c` zero, and a zero or small byte borrows into its high bit).
    @inline(__always)
    private static func isPlainASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        guard word & highs == 0 else { return false }
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        return (control | hasQuote | hasBackslash) & highs == 0
    }

    /// Accepts exactly the escapes the canonical writer produces.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        guard index + 1 < bytes.count else { return false }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
            return true
        case UInt8(ascii: "u"):
            // Only \u00XX for control characters without a short form, in lowercase hex.
            guard index + 5 < bytes.count, bytes[index + 2] == 0x30, bytes[index + 3] == 0x30 else { return false }
            let high = bytes[index + 4], low = bytes[index + 5]
            guard high == 0x30 || high == 0x31 else { return false }
            guard low.isASCIIDigit || (low >= UInt8(ascii: "a") && low <= UInt8(ascii: "f")) else { return false }
            let code = (high - 0x30) * 16 + (low.isASCIIDigit ? low - 0x30 : low - 0x61 + 10)
            guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(code) else { return false }
            index += 6
            return true
        default:
            return false
        }
    }

    private static func isNFC(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        if isValidAndAlwaysNFC(content) { return true }
        guard let text = String(validating: content, as: UTF8.self) else { return false }
        return text.utf8.elementsEqual(text.precomposedStringWithCanonicalMapping.utf8)
    }

    /// Whether the bytes are valid UTF-8 made only of scalars that are NFC whatever surrounds them:
    /// those below U+0300, and the punctuation and currency signs of U+2010…U+205E and
    /// U+20A0…U+20CF and the minus sign U+2212 (no canonical decomposition, combining class 0,
    /// never the second part of a composition), which product names use (`„…“`, `–`, `€`, `−`).
    private static func isValidAndAlwaysNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            if byte >= 0xC2, byte <= 0xCB {
                // A two-byte sequence for U+0080…U+02FF: lead C2…CB, then one continuation byte.
                guard index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 else { return false }
                index += 2
                continue
            }
            guard byte == 0xE2, index + 2 < bytes.count, bytes[index + 2] & 0xC0 == 0x80 else { return false }
            let scalar = 0x2000 | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            guard bytes[index + 1] & 0xC0 == 0x80,
                  (0x2010...0x205E).contains(scalar) || (0x20A0...0x20CF).contains(scalar) || scalar == 0x2212
            else { return false }
            index += 3
        }
        return true
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, bytes[index].isASCIIDigit else { return false }
        let integerStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
        }
        var fractionNonZero = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
            guard index > fractionStart, bytes[index - 1] != UInt8(ascii: "0") else { return false }
            fractionNonZero = true
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") { return false }
        // `-0` is written `0`.
        if bytes[start] == UInt8(ascii: "-"), !fractionNonZero, index - integerStart == 1, bytes[integerStart] == UInt8(ascii: "0") { return false }
        return index - integerStart <= CanonicalNumber.maxDigits + 1
    }

    private static func literal(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else { return false }
        index += count
        return true
    }

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let result = memcmp(a.baseAddress!, b.baseAddress!, common)
            if result != 0 { return Int(result) }
        }
        return a.count - b.count
    }
}
