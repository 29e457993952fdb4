import Foundation

/// The scalars that are not canonical as written: they go through the strict parser's own rules
/// (one string or number at a time, never the whole text).
extension CanonicalReencoder {
    /// A string literal that is not canonical (escapes, non-NFC text): decoded by `JSONParser`,
    /// written by `CanonicalJSON`.
    mutating func rewriteString(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        var end = index + 1
        while end < text.count {
            let byte = text[end]
            if byte == UInt8(ascii: "\\") { end += 2; continue }
            if byte == UInt8(ascii: "\"") { break }
            end += 1
        }
        guard end < text.count,
              case .string(let string)? = try? JSONParser.parse(UnsafeBufferPointer(rebasing: text[index...end]))
        else { return false }
        CanonicalJSON.writeString(string, into: &output)
        index = end + 1
        return true
    }

    /// A number in another spelling (`1.50`, `1e3`, `-0`): its canonical text.
    mutating func number(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        let start = index
        while index < text.count, Self.isNumberByte(text[index]) { index += 1 }
        guard let number = CanonicalNumber(jsonLiteral: UnsafeBufferPointer(rebasing: text[start..<index])) else { return false }
        output.append(contentsOf: number.text.utf8)
        return true
    }

    mutating func literal(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= text.count, memcmp(text.baseAddress! + index, word.utf8Start, count) == 0 else { return false }
        output.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: count))
        index += count
        return true
    }

    func skipWhitespace(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < text.count {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}
