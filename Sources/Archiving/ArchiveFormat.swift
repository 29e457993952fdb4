/// The two container formats posbridge writes. Reading detects the format and filter by content.
package enum ArchiveFormat: String, Sendable, CaseIterable {
    /// POSIX pax (restricted) tar, compressed with zstd.
    case tarZstd = "tar.zst"
    /// Zip with deflate.
    case zip

    /// The file name extension, without the leading dot.
    package var fileExtension: String { rawValue }
}
