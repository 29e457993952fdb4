import Foundation

/// BC's wire spellings: the blank GUID, enum member escapes, ETags (date-times: `ISODateTime`).
enum BCWireFormat {
    /// The blank GUID BC uses for "no reference".
    package static let blankGUID = "00000000-0000-0000-0000-000000000000"

    /// Encodes an AL caption as an EDM enum member name: space, `.`, `-`, `/`, `(`, `)` become `_xHHHH_`.
    static func encodeEnum(_ caption: String) -> String {
        var out = ""
        for scalar in caption.unicodeScalars {
            if " .-/()".unicodeScalars.contains(scalar) {
                out += "_x" + String(format: "%04X", scalar.value) + "_"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Decodes `_xHHHH_` escapes (`In_x0020_Review` → `In Review`) so filters match either spelling.
    static func decodeEnum(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            let after = rest[range.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                out += rest[..<range.lowerBound]
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += rest[..<range.upperBound]
                rest = after
            }
        }
        return out + rest
    }

    /// A weak ETag in BC's look (`W/"JzE…"`): base64 of `'<version>;<key>;'`, so it starts with `Jz` like BC's.
    package static func etag(version: Int64, id: String) -> String {
        let raw = "'\(version);\(id.replacingOccurrences(of: "-", with: "").prefix(16));00;'"
        return "W/\"" + Data(raw.utf8).base64EncodedString() + "\""
    }
}
