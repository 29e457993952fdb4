import ArgumentParser
import Archiving
import PosBridgeCore

/// `posbridge archive extract FILE DIR [--force]`: checks every entry first, writes nothing if one
/// is unsafe, and never overwrites without `--force`.
struct ArchiveExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract an archive safely (no absolute paths, '..', links leaving DIR, devices).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The archive to extract.")
    var file: String

    @Argument(help: "The folder to extract into (created when missing).")
    var directory: String

    @Flag(name: .long, help: "Replace existing files.")
    var force = false

    func run() async throws {
        let summary = try SafeExtractor(overwrite: force).extract(archive: file, into: directory)
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
