import ArgumentParser
import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge snapshot validate FILE…`.
struct SnapshotValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check snapshots: canonical form, key order, duplicates and the manifest's digest.",
        discussion: "Exit status 0 when every file is valid, 1 otherwise; every problem is listed.")

    @Argument(help: "Snapshot files: .ndjson, or .xml (validated against the built-in schema).") var files: [String]
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var results: [JSONValue] = []
        var allValid = true
        for file in files {
            let report = file.lowercased().hasSuffix(".xml") ? Self.validateXML(file) : Self.validateNDJSON(file)
            allValid = allValid && report.isValid
            if !global.json {
                for problem in report.problems { print(problem) }
                if report.problemCount > report.problems.count { print("… and \(report.problemCount - report.problems.count) more problems") }
                print("\(file): \(report.records) records, \(report.isValid ? "valid" : "\(report.problemCount) problem\(report.problemCount == 1 ? "" : "s")")\(report.manifestChecked ? ", manifest checked" : ", no manifest")")
            }
            results.append(.object([
                "file": .string(file), "records": .number(CanonicalNumber(report.records)), "valid": .bool(report.isValid),
                "problems": .array(report.problems.map(JSONValue.string)), "manifestChecked": .bool(report.manifestChecked),
            ]))
        }
        if global.json { print(CanonicalJSON.string(.object(["files": .array(results), "valid": .bool(allValid)]))) }
        if !allValid { throw ExitCode(ExitStatus.failure) }
    }

    /// A file that cannot be read (missing, a folder, unreadable) is that file's problem; the other
    /// files are still checked.
    static func validateNDJSON(_ file: String) -> SnapshotValidator.Report {
        do {
            return try SnapshotValidator.validate(path: file)
        } catch {
            var report = SnapshotValidator.Report()
            report.add(error.message)
            return report
        }
    }

    /// The XML validator stops at the first problem; it becomes the report's one problem. A
    /// manifest beside the file (as `convert --to xml` writes) must match its count, size and SHA-256.
    static func validateXML(_ file: String) -> SnapshotValidator.Report {
        var report = SnapshotValidator.Report()
        do {
            report.records = try XMLSnapshotValidator.validate(path: file)
            if let manifest = try SnapshotManifest.read(besides: file) {
                report.manifestChecked = true
                let (bytes, sha256) = try FileDigest.sha256(of: file)
                let name = SnapshotManifest.path(for: file)
                if manifest.sha256 != sha256 { report.add("\(name): SHA-256 \(manifest.sha256) does not match the file's \(sha256)") }
                if manifest.bytes != bytes { report.add("\(name): says \(manifest.bytes) bytes, the file has \(bytes)") }
                if manifest.recordCount != report.records { report.add("\(name): says \(manifest.recordCount) records, the file has \(report.records)") }
            }
        } catch {
            report.add((error as? any PosBridgeError)?.message ?? "\(file): \(error)")
        }
        return report
    }
}
