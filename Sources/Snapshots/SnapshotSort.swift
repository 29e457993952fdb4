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

    /// Sorts `input` into `output` within `budget` bytes of memory; temporary runs go beside the
    /// output unless `temporaryFolder` is given. The description's unset parts come from the
    /// input's manifest when it has one.
    package static func run(input: String, output: String, budget: Int, temporaryFolder: String? = nil,
                            description: SnapshotOutput.Description, progress: ProgressCounter? = nil) throws(SnapshotError) -> Result {
        let reader = try SnapshotReader(path: input, requireSorted: false, checkCanonical: true, digest: .xxh3, progress: progress)
        let folder = temporaryFolder ?? (((output as NSString).deletingLastPathComponent).isEmpty ? "." : (output as NSString).deletingLastPathComponent)
        let sorter = ExternalSorter(budget: budget, temporaryFolder: folder, sourcePath: input)
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
