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
    /// libarchive refused an operation (not an archive, an unsupported feature, I/O below libarchive).
    case library = "archive.library"
    /// The archive file ends before the archive does (an interrupted copy or download).
    case truncated = "archive.truncated"
    /// The archive file is complete but damaged inside (a changed byte, a broken header).
    case corrupt = "archive.corrupt"
    /// Extraction would write more than the size or compression-ratio limit allows.
    case tooLarge = "archive.too-large"
    /// An archive entry is unsafe to extract (absolute path, `..`, link leaving the folder, device).
    case unsafeEntry = "archive.unsafe-entry"
    /// Extraction would overwrite an existing file and `--force` was not given.
    case wouldOverwrite = "archive.would-overwrite"
    /// Verification found changed, missing or extra files.
    case verificationFailed = "archive.verification-failed"
    /// An argument is not acceptable (unknown format, bad date).
    case invalidArgument = "archive.invalid-argument"
}
