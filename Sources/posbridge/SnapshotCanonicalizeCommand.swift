import ArgumentParser
import Foundation
import PosBridgeCore
import Snapshots

/// `posbridge snapshot canonicalize IN OUT --key FIELD[,FIELD…]`.
struct SnapshotCanonicalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Turn JSON Lines or a JSON array of objects into a sorted canonical snapshot.",
        discussion: """
            Each object becomes one record keyed by the --key fields (a composite key joins its parts \
            with U+001F). --ref fields move into the record's ref (ids, etags: carried, never compared). \
            Objects that cannot be read or keyed go to the rejects file and the exit status is 3.
            """)

    @Argument(help: "JSON Lines file, or a file holding one JSON array of objects.") var input: String
    @Argument(help: "The canonical snapshot to write (its manifest goes to OUT.manifest.json).") var output: String

    @Option(help: "The key field, or fields separated by commas for a composite key.")
    var key: String

    @Option(help: "Fields to move into ref, separated by commas.")
    var ref: String = ""

    @Option(help: "Where rejected records go (default: OUT.rejects.ndjson).")
    var rejects: String?

    @Option(help: "Memory for the whole process, e.g. 256MB; larger inputs are sorted through temporary files.")
    var maxMemory = ByteCount.defaultBudget

    @OptionGroup var describe: SnapshotDescriptionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try maxMemory.validateAsBudget()
        if key.split(separator: ",").isEmpty { throw ValidationError("--key needs at least one field name") }
        try refusingConflicts { () throws(SnapshotError) in try Canonicalizer.checkPaths(input: input, output: output, rejects: rejectsPath) }
    }

    private var rejectsPath: String { rejects ?? output + ".rejects.ndjson" }

    func run() async throws {
        let keyFields = key.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        var canonicalizer = Canonicalizer(keyFields: keyFields, refFields: ref.split(separator: ",").map(String.init))
        canonicalizer.budget = maxMemory.bytes
        let rejectsFile = RejectsFile(path: rejectsPath, stage: "canonicalize")
        let result = try ProgressDisplay.run("canonicalize", json: global.json) { progress in
          var canonicalizer = canonicalizer
          canonicalizer.progress = progress
          return try canonicalizer.run(
            input: input, output: output, rejects: rejectsFile,
            description: SnapshotOutput.Description(
                entity: describe.entity ?? Self.entityName(of: output), system: describe.system ?? "file",
                source: "canonicalize \((input as NSString).lastPathComponent) --key \(keyFields.joined(separator: ","))",
                keyFields: keyFields, createdAt: CommandContext.stamp()))
        }
        let summary: [String: JSONValue] = [
            "output": .string(output), "records": .number(CanonicalNumber(result.manifest.recordCount)),
            "rejected": .number(CanonicalNumber(result.rejected)), "sha256": .string(result.manifest.sha256),
            "rejects": result.rejected > 0 ? .string(rejectsFile.path) : .null,
        ]
        Output.result(summary, json: global.json,
                      text: "\(output): \(result.manifest.recordCount) records" + (result.rejected > 0 ? ", \(result.rejected) rejected (see \(rejectsFile.path))" : ""))
        if result.rejected > 0 { throw ExitCode(ExitStatus.finishedWithRejects) }
    }

    /// `products.ndjson` → `products`.
    static func entityName(of path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return String(name.prefix(while: { $0 != "." }))
    }
}
