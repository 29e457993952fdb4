import Foundation

/// A server's own error text made fit for the one line a user sees: on one line, at most
/// `maxLength` characters, with anything that looks like a token, secret or e-mail address replaced.
/// Lightspeed's messages name entities, fields and ids ("Item not created. An Item must have a
/// description.", "Object of type 'Item' not found with primary ID '9'."); what they might quote
/// beyond that is not documented, so the text is treated as untrusted.
enum LSServerText {
    /// The longest server text kept in a message.
    static let maxLength = 160

    /// The cleaned text, or nil when nothing is left.
    static func oneLine(_ text: String) -> String? {
        var line = text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) || CharacterSet.newlines.contains($0) ? " " : String($0) }
            .joined()
        for (pattern, replacement) in rules {
            line = pattern.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: replacement)
        }
        line = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !line.isEmpty else { return nil }
        return line.count > maxLength ? String(line.prefix(maxLength - 1)) + "…" : line
    }

    /// Applied in order; each replacement is a fixed word, never part of the match.
    private static let rules: [(NSRegularExpression, String)] = [
        // `Bearer eyJ…`, `access_token=…`, `"client_secret": "…"`, `password: …`.
        (#"(?i)\bbearer\s+\S+"#, "Bearer <redacted>"),
        (#"(?i)\b(access_token|refresh_token|id_token|client_secret|secret|password|token|code)(["']?\s*[=:]\s*["']?)[^\s"'&,;]+"#, "$1$2<redacted>"),
        // JWT-shaped: three base64url parts.
        (#"[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}"#, "<redacted>"),
        // Customer data: e-mail addresses.
        (#"[^\s@"'<>()\[\],;:]+@[^\s@"'<>()\[\],;:]+\.[A-Za-z]{2,}"#, "<e-mail>"),
        // Long opaque runs (keys, refresh tokens such as `def50200…`) that mix letters and digits.
        (#"\b(?=[A-Za-z0-9+/_=-]*[0-9])(?=[A-Za-z0-9+/_=-]*[A-Za-z])[A-Za-z0-9+/_=-]{24,}"#, "<redacted>"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
}
