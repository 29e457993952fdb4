import Foundation
import PosBridgeCore
import Snapshots

/// The diff engine: a streaming sort-merge of two key-sorted snapshots through bounded buffers.
/// Both inputs are read ahead on their own threads. Records whose fields are byte-equal are counted unchanged without being decoded; only records
/// whose bytes differ are decoded and compared under the rules. Memory does not grow with input.
package struct SnapshotDiff: Sendable {
    /// The name of the diff file in the output folder.
    package static let diffFileName = "diff.ndjson"
    /// The name of the summary in the output folder.
    package static let summaryFileName = "summary.json"

    package var rules: DiffRules
    /// Sort unsorted inputs first (external sort within `sortBudget`) instead of refusing them.
    package var sortInputs = false
    package var sortBudget = ExternalSorter.defaultBudget
    /// Counts the input bytes read, for a progress display.
    package var progress: ProgressCounter?

    package init(rules: DiffRules = .none) {
        self.rules = rules
    }

    /// Compares OLD with NEW and writes `diff.ndjson` and `summary.json` into `outputFolder`.
    package func run(old: String, new: String, outputFolder: String) throws(SnapshotError) -> DiffSummary {
        guard sortInputs else { return try merge(old: old, new: new, outputFolder: outputFolder, digests: nil) }
        let oldSorted = (outputFolder as NSString).appendingPathComponent(".sorted-old.ndjson")
        let newSorted = (outputFolder as NSString).appendingPathComponent(".sorted-new.ndjson")
        defer {
            for path in [oldSorted, newSorted] {
                unlink(path)
                unlink(SnapshotManifest.path(for: path))
            }
        }
        let description = SnapshotOutput.Description(entity: "", system: "", source: "diff --sort", keyFields: [], createdAt: "")
        let oldSort = try SnapshotSort.run(input: old, output: oldSorted, budget: sortBudget / 2, description: description, progress: progress)
        let newSort = try SnapshotSort.run(input: new, output: newSorted, budget: sortBudget / 2, description: description, progress: progress)
        return try merge(old: oldSorted, new: newSorted, outputFolder: outputFolder,
                         digests: ((old, oldSort.inputDigest, oldSort.inputBytes), (new, newSort.inputDigest, newSort.inputBytes)))
    }

    private typealias Origin = (path: String, digest: String, bytes: Int)

    private func merge(old: String, new: String, outputFolder: String, digests: (old: Origin, new: Origin)?) throws(SnapshotError) -> DiffSummary {
        // Each input is read, checked and digested on its own thread; this thread only merges.
        let oldReader = try PrefetchingSnapshotReader(path: old, digest: .xxh3, progress: progress)
        let newReader = try PrefetchingSnapshotReader(path: new, digest: .xxh3, progress: progress)
        let writer = try DiffWriter(path: (outputFolder as NSString).appendingPathComponent(Self.diffFileName))
        let comparator = FieldComparator(rules: rules)
        var counts = DiffCounts()
        var before = try oldReader.next()
        var after = try newReader.next()
        while true {
            if let a = before, let b = after {
                let order = compareBytes(a.key, b.key)
                if order == 0 {
                    if bytesEqual(a.fields, b.fields) {
                        counts.unchanged += 1
                    } else {
                        let changes = comparator.changes(old: try decode(a, oldReader), new: try decode(b, newReader))
                        if changes.isEmpty {
                            counts.unchanged += 1
                        } else {
                            try writer.update(old: a, new: b, changes: changes)
                            counts.update += 1
                        }
                    }
                    before = try oldReader.next()
                    after = try newReader.next()
                } else if order < 0 {
                    _ = try decode(a, oldReader)
                    try writer.missing(a)
                    counts.missing += 1
                    before = try oldReader.next()
                } else {
                    _ = try decode(b, newReader)
                    try writer.create(b)
                    counts.create += 1
                    after = try newReader.next()
                }
            } else if let a = before {
                _ = try decode(a, oldReader)
                try writer.missing(a)
                counts.missing += 1
                before = try oldReader.next()
            } else if let b = after {
                _ = try decode(b, newReader)
                try writer.create(b)
                counts.create += 1
                after = try newReader.next()
            } else {
                break
            }
        }
        let outputDigest = try writer.commit()
        func input(_ reader: PrefetchingSnapshotReader, _ origin: Origin?) -> DiffSummary.Input {
            let statistics = reader.statistics
            return DiffSummary.Input(path: origin?.path ?? reader.path, records: statistics?.records ?? 0,
                                     bytes: origin?.bytes ?? statistics?.bytes ?? 0,
                                     digest: origin?.digest ?? statistics?.digest ?? "")
        }
        let summary = DiffSummary(counts: counts, old: input(oldReader, digests?.old), new: input(newReader, digests?.new),
                                  outputSHA256: outputDigest, rules: rules, sortedByDiff: sortInputs)
        let summaryFile = try FileWriter(path: (outputFolder as NSString).appendingPathComponent(Self.summaryFileName))
        try summaryFile.writeLine(CanonicalJSON.encode(summary.json))
        try summaryFile.commit()
        return summary
    }

    /// Decodes a record's fields (checking them on the way), naming file and line when they are broken.
    private func decode(_ record: RecordView, _ reader: PrefetchingSnapshotReader) throws(SnapshotError) -> [String: JSONValue] {
        do {
            guard case .object(let fields) = try JSONParser.parse(record.fields) else {
                throw JSONSyntaxError(offset: 0, reason: "\"fields\" is not an object")
            }
            return fields
        } catch {
            throw SnapshotError.malformed(FileLocation(path: reader.path, line: record.lineNumber),
                                          "record \"\(record.keyString)\": invalid \"fields\": \(error)")
        }
    }
}
