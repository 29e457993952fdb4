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
            let report = file.lowercased().hasSuffix(".xml") ? Self.validateXML(file) : try SnapshotValidator.validate(path: file)
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

    /// The XML validator stops at the first problem; it becomes the report's one problem.
    static func validateXML(_ file: String) -> SnapshotValidator.Report {
        var report = SnapshotValidator.Report()
        do {
            report.records = try XMLSnapshotValidator.validate(path: file)
        } catch {
            report.add((error as? any PosBridgeError)?.message ?? "\(file): \(error)")
        }
        return report
    }
}
