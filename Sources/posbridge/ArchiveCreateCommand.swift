import ArgumentParser
import Archiving
import Foundation
import PosBridgeCore

/// `posbridge archive create RUN_DIR [--out FILE] [--format tar.zst|zip] [--date DATE] [--force]`.
struct ArchiveCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Pack a run folder as a BagIt bag (tar.zst or zip).",
        discussion: """
            The bag date is run.json's startedAt, else --date, else the newest file's modification time. \
            The default output is archive/YYYY/MM/<run-id>.<format> under the current folder.
            """)

    /// The container formats, as the command line spells them.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tarZst = "tar.zst"
        case zip

        var archiveFormat: ArchiveFormat { self == .zip ? .zip : .tarZstd }
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The run folder to archive.")
    var runFolder: String

    @Option(name: .long, help: "The archive to write (default: archive/YYYY/MM/<run-id>.<format>).")
    var out: String?

    @Option(name: .long, help: "The container format.")
    var format: Format = .tarZst

    @Option(name: .long, help: "The bag date when run.json has no startedAt (YYYY-MM-DD or an ISO 8601 date-time; year 1970 to 9999).")
    var date: String?

    @Flag(name: .long, help: "Replace an existing archive.")
    var force = false

    func validate() throws {
        if let date, BagDate.parse(date) == nil {
            throw ValidationError(
                "--date must be a real calendar date YYYY-MM-DD (year 1970 to 9999) or an ISO 8601 date-time such as 2026-11-18T08:26:40Z, got '\(date)'")
        }
    }

    func run() async throws {
        let options = BagWriter.Options(
            format: format.archiveFormat, output: out, force: force, date: date.flatMap(BagDate.parse))
        let summary = try BagWriter(options: options).create(runFolder: runFolder)
        if global.json {
            print(CanonicalJSON.string(.object([
                "archive": .string(summary.archivePath),
                "runId": .string(summary.runId),
                "format": .string(summary.format.rawValue),
                "baggingDate": .string(Timestamp.iso8601(summary.baggingDate)),
                "files": .number(CanonicalNumber(summary.payloadFiles)),
                "bytes": .number(CanonicalNumber(Int(summary.payloadBytes))),
                "archiveBytes": .number(CanonicalNumber(Int(summary.archiveBytes))),
            ])))
        } else {
            print("archived \(summary.runId): \(summary.payloadFiles) files, \(summary.payloadBytes) bytes -> \(summary.archivePath) (\(summary.archiveBytes) bytes)")
        }
    }
}
