import Foundation

/// Writes JSON values in posbridge's canonical form: object keys sorted by UTF-8 bytes at every
/// depth, no insignificant white space, strings in NFC with minimal escaping, canonical numbers.
/// Equal values give equal bytes.
package enum CanonicalJSON {
    /// The canonical bytes of a value.
    package static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    /// The canonical text of a value.
    package static func string(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// Appends the canonical bytes of a value.
    package static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: number.text.utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            writeObject(members, into: &out)
        }
    }

    /// Appends an object with its members sorted by the UTF-8 bytes of their (NFC) names.
    package static func writeObject(_ members: [String: JSONValue], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        let sorted = members.map { (nfc($0.key), $0.value) }.sorted { $0.0.utf8Precedes($1.0) }
        for (index, member) in sorted.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeEscaped(member.0, into: &out)
            out.append(UInt8(ascii: ":"))
            write(member.1, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends a string literal: NFC, then only `"`, `\` and control characters escaped.
    package static func writeString(_ text: String, into out: inout [UInt8]) {
        writeEscaped(nfc(text), into: &out)
    }

    /// The NFC form of a string. Strings whose characters all lie below U+0300 (ASCII, Latin-1,
    /// Latin Extended, IPA) are NFC by definition and are returned without any work: no character
    /// there decomposes or combines, so only text with combining marks or other scripts is normalized.
    package static func nfc(_ text: String) -> String {
        // In valid UTF-8, no byte ≥ 0xCC means no scalar ≥ U+0300.
        if text.utf8.allSatisfy({ $0 < 0xCC }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeEscaped(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
