import PosBridgeCore

/// A Lightspeed CSV export that cannot be read any further (a bad row is a reject, not an error).
/// The description names the file and line and never the row's content.
struct LSCSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    enum Code: String, Sendable, Hashable {
        /// The file could not be opened or read.
        case unreadable = "ls.csv.unreadable"
        /// A quoted field was still open at the end of the file.
        case unterminatedQuote = "ls.csv.unterminated_quote"
        /// A field or the header line is longer than the reader's bound.
        case fieldTooLong = "ls.csv.field_too_long"
        /// The file has no header line, or a header column is empty or repeated.
        case badHeader = "ls.csv.bad_header"
    }

    /// What went wrong.
    var code: Code
    /// The file's name as given to the reader.
    var file: String
    /// The physical line (1-based) where the problem starts.
    var line: Int
    /// Why, in a few words, without the row's content.
    var reason: String

    /// An error at `file:line`.
    init(_ code: Code, file: String, line: Int, reason: String) {
        self.code = code
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `items.csv:3: a quoted field is not closed [ls.csv.unterminated_quote]`.
    var description: String { "\(file):\(line): \(reason) [\(code.rawValue)]" }
}
