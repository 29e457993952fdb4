import PosBridgeCore

/// Why an archive could not be created, read, verified or extracted. The message names the file,
/// folder or archive entry; file contents never appear in it.
package typealias ArchiveError = CodedError<ArchiveErrorKind>

/// The stable codes scripts may rely on.
package enum ArchiveErrorKind: String, ErrorKind {
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
