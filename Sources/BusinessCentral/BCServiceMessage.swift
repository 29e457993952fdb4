import Foundation

/// The part of a Business Central error message (`error.message` of an OData error body) that goes
/// into the one-line error a user sees, so that "Could not find a property named 'picture' on type
/// 'Microsoft.NAV.item'" is visible without `--verbose`. BC messages can quote the data that was
/// refused, so the summary keeps the wording and API names but not values:
/// - a quoted part (`'…'`, `"…"`) stays only when it looks like an API name (`'picture'`,
///   `'Microsoft.NAV.item'`, `'C10000'`; see `isName`), else it becomes `'…'`;
/// - whatever follows `Value:` (BC's string-length errors quote the value there) is dropped;
/// - words with `@` (e-mail addresses) and long unbroken runs of letters, digits and `+/=_-`
///   (tokens, keys) become `…`; so does the word after `Bearer`;
/// - the trailing `CorrelationId: <guid>.` is left to `--verbose`;
/// - white space is collapsed and the result cut to `maxLength` characters.
/// The full message stays in the error's `underlying` `BCServiceFault` (shown with `--verbose`).
enum BCServiceMessage {
    /// The longest summary, in characters.
    static let maxLength = 200

    /// The summary of `message`, or nil when nothing is left.
    static func summary(_ message: String) -> String? {
        var text = message
        if let range = text.range(of: "CorrelationId:", options: .caseInsensitive) { text = String(text[..<range.lowerBound]) }
        if let range = text.range(of: "Value:", options: .caseInsensitive) { text = String(text[..<range.upperBound]) + " …" }
        text = redactQuoted(text)
        var words: [String] = []
        var afterBearer = false
        for word in text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).map(String.init) {
            if afterBearer || word.contains("@") || looksLikeToken(word) {
                words.append("…")
            } else {
                words.append(word)
            }
            afterBearer = word.lowercased() == "bearer"
        }
        var summary = words.joined(separator: " ")
        while summary.hasSuffix(" …") && summary.dropLast(2).hasSuffix("…") { summary.removeLast(2) }
        guard !summary.isEmpty else { return nil }
        if summary.count > maxLength { summary = String(summary.prefix(maxLength - 1)) + "…" }
        return summary
    }

    /// Replaces every quoted part that is not an API name by `'…'` (an unclosed quote redacts the rest).
    private static func redactQuoted(_ text: String) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "'" || character == "\"" else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let start = text.index(after: index)
            guard let end = text[start...].firstIndex(of: character) else {
                output += "\(character)…\(character)"
                break
            }
            let quoted = text[start..<end]
            output += "\(character)\(isName(quoted) ? String(quoted) : "…")\(character)"
            index = text.index(after: end)
        }
        return output
    }

    /// An API name: ASCII letters, digits, `_` and `.`, at most 64, and either starting with a lower-case
    /// letter (`picture`, `displayName`), dotted (`Microsoft.NAV.item`) or in upper case (`C10000`,
    /// `ITEM`) — a capitalised word (`Probst`) may be a name and is not kept.
    private static func isName(_ text: Substring) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= 64,
              scalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == ".") })
        else { return false }
        return first.properties.isLowercase || scalars.contains(".") || !scalars.contains { $0.properties.isLowercase }
    }

    /// 32 or more characters of a token alphabet in one word, with digits among them.
    private static func looksLikeToken(_ word: String) -> Bool {
        let scalars = word.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+/=_-.".unicodeScalars.contains($0)) }
        return scalars.count >= 32 && scalars.count * 10 >= word.unicodeScalars.count * 9 && scalars.contains { ("0"..."9").contains($0) }
    }
}
