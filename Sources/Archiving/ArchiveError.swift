#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PosBridgeCore

/// Why an archive could not be created, read, verified or extracted. The message names the file,
/// folder or archive entry; file contents never appear in it.
package struct ArchiveError: PosBridgeError {
    /// The stable codes scripts may rely on.
    package enum Kind: String, Sendable {
        /// Reading or writing a file on disk failed.
        case io = "archive.io"
        /// The run folder is missing, not a folder, or holds a symlink, device, FIFO or socket.
        case runFolder = "archive.run-folder"
        /// `run.json` (or a `--date` value) could not be understood.
        case runFile = "archive.run-file"
        /// The output exists and `--force` was not given.
        case outputExists = "archive.output-exists"
        /// A payload file changed between hashing and packing.
        case changedWhileArchiving = "archive.changed-while-archiving"
        /// libarchive refused an operation (corrupt or unsupported archive, I/O below libarchive).
        case library = "archive.library"
        /// An archive entry is unsafe to extract (absolute path, `..`, link leaving the folder, device).
        case unsafeEntry = "archive.unsafe-entry"
        /// Extraction would overwrite an existing file and `--force` was not given.
        case wouldOverwrite = "archive.would-overwrite"
        /// Verification found changed, missing or extra files.
        case verificationFailed = "archive.verification-failed"
        /// An argument is not acceptable (unknown format, bad date).
        case invalidArgument = "archive.invalid-argument"
    }

    /// What kind of failure this is.
    package let kind: Kind
    /// One line naming the file or entry.
    package let message: String
    /// The lower-level cause (an errno, a libarchive message), shown with `--verbose`.
    package let underlying: (any Error)?

    /// Makes an error of a kind with a one-line message.
    package init(_ kind: Kind, _ message: String, underlying: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    /// The dotted code, e.g. `archive.unsafe-entry`.
    package var code: String { kind.rawValue }
}

/// A failed system call: the function and its errno text, kept as the underlying cause.
package struct SystemCallError: Error, Sendable, CustomStringConvertible {
    /// The failed call, e.g. `open`.
    package let call: String
    /// The `errno` value at the failure.
    package let errno: Int32

    /// Captures a failed call and its errno.
    package init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// `open: No such file or directory`
    package var description: String { "\(call): \(String(cString: strerror(errno)))" }
}

/// The message libarchive attached to a failure, kept as the underlying cause.
package struct LibArchiveMessage: Error, Sendable, CustomStringConvertible {
    /// libarchive's text (`archive_error_string`).
    package let text: String
    /// `libarchive: <text>`
    package var description: String { "libarchive: \(text)" }
}
