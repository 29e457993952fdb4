import Foundation
import PosBridgeCore

/// `snapshot sort`: reads a snapshot in any order (lines re-encoded canonically where needed) and
/// writes it sorted by key through the external sorter, with its manifest.
package enum SnapshotSort {
    /// What a sort did.
    package struct Result: Sendable {
        package let manifest: SnapshotManifest
        package let spilled: Bool
        /// The digest (`xxh3-128:…`) and size of the input as read.
        package let inputDigest: String
        package let inputBytes: Int
    }

    /// Refuses an output that is the input (or its manifest), see `OutputPaths`.
    package static func checkPaths(input: String, output: String) throws(SnapshotError) {
        try OutputPaths.check(inputs: [.init(input, "the input"), .init(SnapshotManifest.path(for: input), "the input's manifest")],
                              outputs: [.init(output, "the sorted snapshot"), .init(SnapshotManifest.path(for: output), "its manifest")])
    }

    /// Sorts `input` into `output` with the whole process within `budget` bytes of memory (see
    /// `MemoryBudget`; a line longer than the budget allows is an error naming file and line);
    /// temporary runs go beside the output unless `temporaryFolder` is given. Refuses an output
    /// that is the input. The description's unset parts come from the input's manifest when it
    /// has one.
    package static func run(input: String, output: String, budget: Int, temporaryFolder: String? = nil,
                            description: SnapshotOutput.Description, progress: ProgressCounter? = nil) throws(SnapshotError) -> Result {
        try checkPaths(input: input, output: output)
        let memory = MemoryBudget(total: budget)
        let reader = try SnapshotReader(path: input, requireSorted: false, checkCanonical: true,
                                        maxLineLength: memory.maxLineLength, limitAdvice: memory.lineLimitAdvice,
                                        digest: .xxh3, progress: progress)
        let folder = temporaryFolder ?? (((output as NSString).deletingLastPathComponent).isEmpty ? "." : (output as NSString).deletingLastPathComponent)
        let sorter = ExternalSorter(budget: memory.sortMemory, temporaryFolder: folder, sourcePath: input)
        while let record = try reader.next() {
            try sorter.add(line: record.line, key: record.key, lineNumber: record.lineNumber)
        }
        let out = try SnapshotOutput(path: output)
        try sorter.finish { line throws(SnapshotError) in try out.write(line: line) }
        var description = description
        if let inherited = try? SnapshotManifest.read(besides: input) {
            if description.entity.isEmpty { description.entity = inherited.entity }
            if description.system.isEmpty { description.system = inherited.system }
            if description.keyFields.isEmpty { description.keyFields = inherited.keyFields }
        }
        return Result(manifest: try out.commit(description), spilled: sorter.spilled,
                      inputDigest: reader.lineReader.labelledDigest(), inputBytes: reader.lineReader.bytesRead)
    }
}
