import ArgumentParser
import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge snapshot sort IN OUT [--max-memory 256MB]`.
struct SnapshotSortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sort",
        abstract: "Sort a snapshot by key within a memory budget (external merge sort for large inputs).")

    @Argument(help: "A snapshot in any order.") var input: String
    @Argument(help: "The sorted snapshot to write.") var output: String

    @Option(help: "Memory for the whole process, e.g. 256MB or 64MB; beyond it, sorted runs go to temporary files.")
    var maxMemory = ByteCount.defaultBudget

    @Option(help: "Folder for temporary run files (default: the output's folder).")
    var tempDir: String?

    @OptionGroup var describe: SnapshotDescriptionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try maxMemory.validateAsBudget()
        try refusingConflicts { () throws(SnapshotError) in try SnapshotSort.checkPaths(input: input, output: output) }
    }

    func run() async throws {
        let result = try ProgressDisplay.run("sort", json: global.json) { progress in try SnapshotSort.run(
            input: input, output: output, budget: maxMemory.bytes, temporaryFolder: tempDir,
            description: SnapshotOutput.Description(
                entity: describe.entity ?? "", system: describe.system ?? "",
                source: "sort \((input as NSString).lastPathComponent)", keyFields: [],
                createdAt: CommandContext.stamp()), progress: progress) }
        Output.result(
            ["output": .string(output), "records": .number(CanonicalNumber(result.manifest.recordCount)),
             "spilled": .bool(result.spilled), "sha256": .string(result.manifest.sha256)],
            json: global.json,
            text: "\(output): \(result.manifest.recordCount) records sorted\(result.spilled ? " (through temporary runs)" : "")")
    }
}
