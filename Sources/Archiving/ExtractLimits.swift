/// How much an extraction may write, so that a small archive cannot fill the disk (a "zip bomb":
/// 1 GiB from a 1 MB zip). Checked in the first pass, before anything is written, against the sizes
/// the entries declare (entries that declare none are decompressed and counted); the second pass
/// stops, and removes what it wrote, if the archive then holds more than the first pass counted.
///
/// Two limits: the total bytes of all files (`maxBytes`), and the ratio of that total to the
/// archive file's size (`maxRatio`), which applies only to totals above `ratioFloor` so that small
/// archives of very repetitive files (a megabyte of zeros compresses to a few bytes) still extract.
package struct ExtractLimits: Sendable, Equatable {
    /// The most file bytes one extraction may write. Default 16 GiB, far above a run folder
    /// (a million-record run folder is about 600 MiB).
    package var maxBytes: Int64
    /// The most file bytes per byte of archive, once the total passes `ratioFloor`. Default 200:
    /// zstd and deflate shrink run folders (JSON, NDJSON, CSV) about 5 to 30 times.
    package var maxRatio: Int64

    /// Totals up to this many bytes are never refused for their ratio. Default 64 MiB.
    package var ratioFloor: Int64

    /// 16 GiB.
    package static let defaultMaxBytes: Int64 = 16 << 30
    /// 200.
    package static let defaultMaxRatio: Int64 = 200
    /// 64 MiB.
    package static let defaultRatioFloor: Int64 = 64 << 20

    /// Limits; the defaults when not given.
    package init(maxBytes: Int64 = ExtractLimits.defaultMaxBytes, maxRatio: Int64 = ExtractLimits.defaultMaxRatio,
                 ratioFloor: Int64 = ExtractLimits.defaultRatioFloor) {
        self.maxBytes = maxBytes
        self.maxRatio = maxRatio
        self.ratioFloor = ratioFloor
    }

    /// The most bytes an archive of `archiveBytes` may unpack to under both limits.
    func allowedBytes(archiveBytes: Int64) -> Int64 {
        let (byRatio, overflow) = maxRatio.multipliedReportingOverflow(by: max(archiveBytes, 1))
        return min(maxBytes, max(ratioFloor, overflow ? Int64.max : byRatio))
    }

    /// The error for an archive that would unpack to more than `allowedBytes`: it names the limit
    /// that was passed and the option that raises it.
    func refusal(archive: String, archiveBytes: Int64, atLeast total: Int64) -> ArchiveError {
        if total > maxBytes {
            return ArchiveError(.tooLarge, "refusing to extract \(archive): it would unpack to at least \(total) bytes, more than the limit of \(maxBytes) bytes (raise it with --max-size)")
        }
        return ArchiveError(.tooLarge, "refusing to extract \(archive): it would unpack to at least \(total) bytes from \(archiveBytes) bytes, more than \(maxRatio) times its size (raise the limit with --max-ratio)")
    }
}
