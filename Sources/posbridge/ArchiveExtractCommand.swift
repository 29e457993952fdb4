import ArgumentParser
import Archiving
import PosBridgeCore

/// `posbridge archive extract FILE DIR [--force] [--max-size SIZE] [--max-ratio N]`: checks every
/// entry and the total size first, writes nothing if one is unsafe or the archive would unpack to
/// too much, and never overwrites without `--force`.
struct ArchiveExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract an archive safely (no absolute paths, '..', links leaving DIR, devices).",
        discussion: """
            Nothing is written when the files would total more than --max-size (default 16GB), or more than \
            --max-ratio times the archive's size (default 200; totals up to 64MB are exempt).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The archive to extract.")
    var file: String

    @Argument(help: "The folder to extract into (created when missing).")
    var directory: String

    @Flag(name: .long, help: "Replace existing files.")
    var force = false

    @Option(name: .long, help: "The most the files may total, e.g. 64GB (default: 16GB).")
    var maxSize: ByteCount?

    @Option(name: .long, help: "The most the files may total per byte of archive (default: 200).")
    var maxRatio: Int?

    func validate() throws {
        if let maxRatio, maxRatio < 1 { throw ValidationError("--max-ratio must be 1 or more, got \(maxRatio)") }
    }

    func run() async throws {
        let limits = ExtractLimits(maxBytes: maxSize.map { Int64($0.bytes) } ?? ExtractLimits.defaultMaxBytes,
                                   maxRatio: maxRatio.map(Int64.init) ?? ExtractLimits.defaultMaxRatio)
        let summary = try SafeExtractor(overwrite: force, limits: limits).extract(archive: file, into: directory)
        if global.json {
            print(CanonicalJSON.string(.object([
                "destination": .string(summary.destination),
                "files": .number(CanonicalNumber(summary.files)),
                "directories": .number(CanonicalNumber(summary.directories)),
                "symlinks": .number(CanonicalNumber(summary.symlinks)),
                "bytes": .number(CanonicalNumber(Int(summary.bytes))),
            ])))
        } else {
            print("extracted \(summary.files) files (\(summary.bytes) bytes) to \(summary.destination)")
        }
    }
}
