#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CLibArchive
import Foundation

/// The message libarchive attached to a failure, kept as the underlying cause.
package struct LibArchiveMessage: Error, Sendable, CustomStringConvertible {
    /// libarchive's text (`archive_error_string`).
    package let text: String
    /// `libarchive: <text>`
    package var description: String { "libarchive: \(text)" }

    /// libarchive's text for the last failure on `handle`, with errno's reason when the text lacks it
    /// (libarchive's text for a failed system call does not always say why). libarchive also sets
    /// errno to its own codes, which are no system call's reason and are never appended:
    /// `ARCHIVE_ERRNO_FILE_FORMAT` (EILSEQ, whose text would read "Invalid or incomplete multibyte or
    /// wide character"), `ARCHIVE_ERRNO_PROGRAMMER` (EINVAL) and `ARCHIVE_ERRNO_MISC` (-1).
    static func text(of handle: OpaquePointer) -> String {
        var text = archive_error_string(handle).map { String(cString: $0) } ?? "unknown error"
        let code = archive_errno(handle)
        if code > 0, code != EILSEQ, code != EINVAL, case let reason = String(cString: strerror(code)), !text.contains(reason) {
            text += " (\(reason))"
        }
        return text
    }

    /// The error for a failed call on `handle`.
    static func failure(of handle: OpaquePointer, subject: String, action: String) -> ArchiveError {
        let text = text(of: handle)
        return ArchiveError(.library, "\(subject): cannot \(action): \(text)", underlying: LibArchiveMessage(text: text))
    }
}
