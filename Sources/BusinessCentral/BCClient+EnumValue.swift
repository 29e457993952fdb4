import PosBridgeCore

extension BCClient {
    /// Whether an enum value as sent — encoded (`Non_x002D_Inventory`, `In_x0020_Review`, `_x0020_` for
    /// blank) or plain (`Non-Inventory`, `" "`) — names `caption`, ignoring case and surrounding blanks
    /// (reference §2, "Enums"). The translation work has the same rule as `BCEnum`; this copy keeps the
    /// client's own decisions (line types, customer types) independent of it.
    static func enumValue(_ value: JSONValue?, is caption: String) -> Bool {
        guard let text = value?.stringValue else { return false }
        return decodeEnum(text).lowercased() == trimmed(caption).lowercased()
    }

    /// The plain caption of an enum value: every `_xHHHH_` escape turned back into its character.
    static func decodeEnum(_ value: String) -> String {
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "_x") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            if after.count >= 5, after.dropFirst(4).first == "_", let code = UInt32(after.prefix(4), radix: 16),
               let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        return trimmed(result + rest)
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
