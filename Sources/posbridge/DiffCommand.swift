import ArgumentParser
import Diffing
import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge diff OLD NEW --out DIR [--rules FILE] [--sort]`.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two snapshots: created, updated (field by field), missing and unchanged records.",
        discussion: """
            Writes DIR/diff.ndjson (one line per create, update or missing record, sorted by key) and \
            DIR/summary.json (counts, input digests, rules). Inputs must be sorted by key unless --sort is given.
            """)

    @Argument(help: "The earlier snapshot (or the target's state).") var old: String
    @Argument(help: "The later snapshot (or the desired state).") var new: String

    @Option(name: .customLong("out"), help: "The folder to write diff.ndjson and summary.json into.")
    var outputFolder: String

    @Option(help: "A rules file (JSON): per-field ignore, tolerance, case and white-space folding, absent = null.")
    var rules: String?

    @Flag(help: "Sort the inputs first (external sort) instead of refusing unsorted ones.")
    var sort = false

    @Option(help: "Memory for the whole process (read-ahead, --sort), e.g. 256MB.")
    var maxMemory = ByteCount.defaultBudget

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try maxMemory.validateAsBudget()
        try refusingConflicts { () throws(SnapshotError) in try SnapshotDiff.checkPaths(old: old, new: new, outputFolder: outputFolder) }
    }

    func run() async throws {
        var diff = SnapshotDiff(rules: try rules.map { (path) throws(DiffError) in try DiffRules.load(path: path) } ?? .none)
        diff.sortInputs = sort
        diff.memoryBudget = maxMemory.bytes
        let summary = try ProgressDisplay.run("diff", json: global.json) { progress in
            var diff = diff
            diff.progress = progress
            return try diff.run(old: old, new: new, outputFolder: outputFolder)
        }
        let counts = summary.counts
        if global.json {
            print(CanonicalJSON.string(summary.json))
        } else {
            print("\(counts.create) created, \(counts.update) updated, \(counts.missing) missing, \(counts.unchanged) unchanged → \((outputFolder as NSString).appendingPathComponent(SnapshotDiff.diffFileName))")
        }
    }
}
