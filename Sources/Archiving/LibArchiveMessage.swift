/// The message libarchive attached to a failure, kept as the underlying cause.
package struct LibArchiveMessage: Error, Sendable, CustomStringConvertible {
    /// libarchive's text (`archive_error_string`).
    package let text: String
    /// `libarchive: <text>`
    package var description: String { "libarchive: \(text)" }
}
