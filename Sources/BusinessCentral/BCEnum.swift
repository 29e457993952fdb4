/// Business Central enum values on the wire. API v2.0 sends EDM enum members whose names are the AL
/// captions with XML-style escapes (`Non_x002D_Inventory`, `_x0020_` for the blank option; Microsoft,
/// "Enums" in the API (v2.0) reference); some Microsoft examples and API v1.0 send the plain caption
/// (`Non-Inventory`, `" "`).
/// Translators compare decoded captions, so both spellings are accepted.
enum BCEnum {
    /// The plain caption of an enum value: every `_xHHHH_` escape turned back into its character,
    /// then trimmed (the blank option decodes to `""`).
    package static func decode(_ value: String) -> String {
        guard value.contains("_x") else { return value.trimmingSpaces }
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "_x") {
            result += rest[rest.startIndex..<start.lowerBound]
            let afterPrefix = rest[start.upperBound...]
            let hex = afterPrefix.prefix(4)
            if hex.count == 4, afterPrefix.dropFirst(4).first == "_",
               let scalarValue = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(scalarValue) {
                result.unicodeScalars.append(scalar)
                rest = afterPrefix.dropFirst(5)
            } else {
                result += "_x"
                rest = afterPrefix
            }
        }
        result += rest
        return result.trimmingSpaces
    }

    /// The wire form API v2.0 uses (and an emulator should emit): characters that cannot appear in an
    /// EDM member name escaped as `_xHHHH_`; the blank option is `_x0020_`.
    package static func encode(_ caption: String) -> String {
        if caption.isEmpty || caption == " " { return "_x0020_" }
        var result = ""
        for scalar in caption.unicodeScalars {
            let isNameCharacter = (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_")
            if isNameCharacter, scalar.isASCII || scalar.properties.isAlphabetic {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
            }
        }
        return result
    }

    /// True when `value` (either spelling) denotes `caption`, compared without regard to case.
    package static func matches(_ value: String, _ caption: String) -> Bool {
        decode(value).lowercased() == caption.lowercased()
    }
}

extension String {
    /// The text without leading and trailing white space (spaces, tabs, line breaks).
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
