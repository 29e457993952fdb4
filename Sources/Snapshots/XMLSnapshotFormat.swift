import Foundation
import PosBridgeCore

/// The vocabulary and escape rules of the XML snapshot form, shared by writer and reader
/// (described in `docs/snapshot-xml.md`, checked by `docs/schemas/snapshot.xsd`).
enum XMLSnapshotFormat {
    /// The value of every `…-encoding`/`encoding` attribute: the text is base64 of UTF-8 bytes.
    static let base64 = "base64"

    /// The namespace as NUL-terminated bytes, to compare with libxml2's interned strings in place.
    static let namespaceCString: [UInt8] = Array(XMLSnapshotSchema.namespace.utf8) + [0]

    /// True when XML 1.0 can carry every character of `text` (through character references where
    /// needed): everything but U+0000–U+001F other than TAB, LF and CR, and U+FFFE, U+FFFF.
    /// Swift strings hold no surrogates, the only other characters XML 1.0 excludes.
    static func isCarriable(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < firstPrintable {
                if !allowedControls.contains(byte) { return false }
            } else if byte == nonCharacterPrefix[0] {
                guard let second = utf8.next(), let third = utf8.next() else { return true }
                if second == nonCharacterPrefix[1], nonCharacterLastBytes.contains(third) { return false }
            }
        }
        return true
    }

    /// U+0020, the first character above the C0 controls.
    private static let firstPrintable = UInt8(ascii: " ")
    /// The C0 controls XML 1.0 allows: TAB, LF and CR.
    private static let allowedControls: Set<UInt8> = [UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
    /// U+FFFE and U+FFFF in UTF-8 are EF BF BE and EF BF BF: this prefix, then one of `nonCharacterLastBytes`.
    private static let nonCharacterPrefix: [UInt8] = [0xEF, 0xBF]
    private static let nonCharacterLastBytes: Set<UInt8> = [0xBE, 0xBF]

    /// A key or field name as a JSON string literal for one-line error messages: control
    /// characters show as escapes, and past 100 characters it is cut short with `…`.
    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let cut = scalars.index(scalars.startIndex, offsetBy: 100, limitedBy: scalars.endIndex), cut < scalars.endIndex
        else { return CanonicalJSON.string(.string(text)) }
        return CanonicalJSON.string(.string(String(scalars[..<cut]))) + "…"
    }

    /// The base64 text of the UTF-8 bytes of `text`.
    static func encodeBase64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// The string whose UTF-8 bytes `base64` encodes (strict base64, padding required), or nil.
    static func decodeBase64(_ base64: String) -> String? {
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(validating: data, as: UTF8.self)
    }
}

/// The elements of the XML snapshot form.
enum XMLSnapshotTag: String {
    case snapshot, record, ref, fields
    case string, number, boolean, null, object, array

    /// True for the six elements that hold a JSON value.
    var holdsValue: Bool {
        switch self {
        case .snapshot, .record, .ref, .fields: false
        case .string, .number, .boolean, .null, .object, .array: true
        }
    }

    /// The element of a JSON value.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool: self = .boolean
        case .number: self = .number
        case .string: self = .string
        case .array: self = .array
        case .object: self = .object
        }
    }
}
