import Foundation

/// What `BagWriter.create` wrote.
package struct BagSummary: Sendable, Equatable {
    /// The archive's absolute path.
    package let archivePath: String
    /// The run id (the archive's top folder).
    package let runId: String
    /// The container format.
    package let format: ArchiveFormat
    /// The bag date (Bagging-Date and every entry's mtime).
    package let baggingDate: Date
    /// Number of payload files.
    package let payloadFiles: Int
    /// Total payload bytes.
    package let payloadBytes: Int64
    /// Size of the archive file.
    package let archiveBytes: Int64
}
