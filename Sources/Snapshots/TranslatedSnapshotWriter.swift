import Foundation
import PosBridgeCore

/// Writes what a connector translated: the records as a sorted canonical snapshot with its manifest
/// (duplicate keys are an error naming them), and the rejects as a rejects file (left out when
/// there are none).
package enum TranslatedSnapshotWriter {
    /// What was written.
    package struct Written: Sendable {
        package let manifest: SnapshotManifest
        package let rejected: Int
        package let rejectsFile: String?
    }

    package static func write(_ translation: TranslationResult, snapshot: String, rejects rejectsPath: String,
                              description: SnapshotOutput.Description) throws -> Written {
        let rejects = RejectsFile(path: rejectsPath, stage: "extract")
        for reject in translation.rejects {
            try rejects.reject(source: reject.source, key: reject.key, field: reject.field, reason: reject.reason)
        }
        try rejects.commit()
        let folder = (snapshot as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let sorter = ExternalSorter(temporaryFolder: folder, sourcePath: description.source)
        for (index, record) in translation.records.enumerated() {
            let line = SnapshotLine.encode(record)
            let key = Array(record.key.utf8)
            try line.withUnsafeBufferPointer { lineBytes throws(SnapshotError) in
                try key.withUnsafeBufferPointer { keyBytes throws(SnapshotError) in
                    try sorter.add(line: lineBytes, key: keyBytes, lineNumber: index + 1)
                }
            }
        }
        let output = try SnapshotOutput(path: snapshot)
        try sorter.finish { line throws(SnapshotError) in try output.write(line: line) }
        return Written(manifest: try output.commit(description), rejected: rejects.count,
                       rejectsFile: rejects.count > 0 ? rejects.path : nil)
    }
}
