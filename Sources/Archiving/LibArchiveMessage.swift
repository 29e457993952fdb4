import CLibArchive
import Foundation

/// The message libarchive attached to a failure, kept as the underlying cause.
package struct LibArchiveMessage: Error, Sendable, CustomStringConvertible {
    /// libarchive's text (`archive_error_string`).
    package let text: String
    /// `libarchive: <text>`
    package var description: String { "libarchive: \(text)" }

    /// The error for a failed call on `handle`: libarchive's text, with errno's reason when the text
    /// lacks it (libarchive's text for a failed system call does not always say why).
    static func failure(of handle: OpaquePointer, subject: String, action: String) -> ArchiveError {
        var text = archive_error_string(handle).map { String(cString: $0) } ?? "unknown error"
        let code = archive_errno(handle)
        if code > 0, case let reason = String(cString: strerror(code)), !text.contains(reason) { text += " (\(reason))" }
        return ArchiveError(.library, "\(subject): cannot \(action): \(text)", underlying: LibArchiveMessage(text: text))
    }
}
