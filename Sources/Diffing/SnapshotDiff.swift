import Foundation
import PosBridgeCore
import Snapshots

/// The diff engine: a streaming sort-merge of two key-sorted snapshots through bounded buffers.
/// Both inputs are read ahead on their own threads, where every line is also checked to be
/// canonical (and so valid): records whose fields are byte-equal are then counted unchanged without
/// being decoded, and the diff never vouches for a record `snapshot validate` would refuse. Only
/// records whose bytes differ are decoded and compared under the rules. Memory does not grow with
/// the input, and the whole process keeps within `memoryBudget`.
package struct SnapshotDiff: Sendable {
    /// The name of the diff file in the output folder.
    package static let diffFileName = "diff.ndjson"
    /// The name of the summary in the output folder.
    package static let summaryFileName = "summary.json"
    /// The prefix of the sorted copies `sortInputs` makes in the output folder.
    static let sortedPrefix = ".posbridge-diff-"

    package var rules: DiffRules
    /// Sort unsorted inputs first (external sort) instead of refusing them.
    package var sortInputs = false
    /// The whole process's memory budget in bytes (see `MemoryBudget`): read-ahead, the longest
    /// line, and `sortInputs`' sorts (which run one after the other, each with the whole budget).
    package var memoryBudget = MemoryBudget.defaultTotal
    /// Counts the input bytes read, for a progress display.
    package var progress: ProgressCounter?

    package init(rules: DiffRules = .none) {
        self.rules = rules
    }

    /// Compares OLD with NEW and writes `diff.ndjson` and `summary.json` into `outputFolder`.
    /// Refuses inputs that are one of the outputs. The results of an earlier diff in the folder
    /// are removed first, so after any error (or a kill) no diff is left that does not belong to
    /// these inputs.
    package func run(old: String, new: String, outputFolder: String) throws(SnapshotError) -> DiffSummary {
        try Self.checkPaths(old: old, new: new, outputFolder: outputFolder)
        let diffPath = (outputFolder as NSString).appendingPathComponent(Self.diffFileName)
        let summaryPath = (outputFolder as NSString).appendingPathComponent(Self.summaryFileName)
        TemporaryFiles.removeStale(in: outputFolder, prefix: Self.sortedPrefix)
        for path in [diffPath, summaryPath] where unlink(path) != 0 && errno != ENOENT {
            throw SnapshotError(.io, "\(path): cannot remove the earlier result (\(String(cString: strerror(errno))))")
        }
        do {
            return try compare(old: old, new: new, outputFolder: outputFolder)
        } catch {
            unlink(diffPath)
            unlink(summaryPath)
            throw error
        }
    }

    /// Refuses inputs that are one of the diff's outputs (see `OutputPaths`).
    package static func checkPaths(old: String, new: String, outputFolder: String) throws(SnapshotError) {
        try OutputPaths.check(inputs: [.init(old, "OLD"), .init(new, "NEW")], outputs: [
            .init((outputFolder as NSString).appendingPathComponent(diffFileName), "the diff"),
            .init((outputFolder as NSString).appendingPathComponent(summaryFileName), "the diff's summary"),
        ])
    }

    private func compare(old: String, new: String, outputFolder: String) throws(SnapshotError) -> DiffSummary {
        guard sortInputs else { return try merge(old: old, new: new, outputFolder: outputFolder, digests: nil) }
        let unique = TemporaryFiles.uniqueSuffix()
        let oldSorted = (outputFolder as NSString).appendingPathComponent("\(Self.sortedPrefix)\(unique)-old.ndjson")
        let newSorted = (outputFolder as NSString).appendingPathComponent("\(Self.sortedPrefix)\(unique)-new.ndjson")
        defer {
            for path in [oldSorted, newSorted] {
                unlink(path)
                unlink(SnapshotManifest.path(for: path))
            }
        }
        let description = SnapshotOutput.Description(entity: "", system: "", source: "diff --sort", keyFields: [], createdAt: "")
        let oldSort = try SnapshotSort.run(input: old, output: oldSorted, budget: memoryBudget, description: description, progress: progress)
        let newSort = try SnapshotSort.run(input: new, output: newSorted, budget: memoryBudget, description: description, progress: progress)
        return try merge(old: oldSorted, new: newSorted, outputFolder: outputFolder,
                         digests: ((old, oldSort.inputDigest, oldSort.inputBytes), (new, newSort.inputDigest, newSort.inputBytes)))
    }

    private typealias Origin = (path: String, digest: String, bytes: Int)

    /// Merges, trusting the inputs whose manifests vouch for them; if an input's bytes turn out not
    /// to be the ones its manifest describes, nothing is written and the merge is made again with
    /// every line of both inputs checked.
    private func merge(old: String, new: String, outputFolder: String, digests: (old: Origin, new: Origin)?) throws(SnapshotError) -> DiffSummary {
        if let summary = try merge(old: old, new: new, outputFolder: outputFolder, digests: digests, trustManifests: true) { return summary }
        return try merge(old: old, new: new, outputFolder: outputFolder, digests: digests, trustManifests: false)!
    }

    /// The manifest beside `path` when it may vouch for the file: present, readable, and giving
    /// the file's size (its SHA-256 is checked while the file is read).
    private static func vouchingManifest(_ path: String) -> SnapshotManifest? {
        var status = stat()
        guard stat(path, &status) == 0, let manifest = try? SnapshotManifest.read(besides: path),
              manifest.bytes == Int(status.st_size), manifest.sha256.count == 64 else { return nil }
        return manifest
    }

    /// One merge; nil when a trusted input's SHA-256 did not match its manifest.
    private func merge(old: String, new: String, outputFolder: String, digests: (old: Origin, new: Origin)?,
                       trustManifests: Bool) throws(SnapshotError) -> DiffSummary? {
        // Each input is read, checked and digested on its own thread; this thread only merges.
        let memory = MemoryBudget(total: memoryBudget)
        let unsorted = "sort the input (posbridge snapshot sort) or pass --sort"
        // A file whose manifest (written by posbridge, which writes only canonical lines) gives its
        // size and SHA-256 is only digested; every other file has every line checked.
        let oldManifest = trustManifests ? Self.vouchingManifest(old) : nil
        let newManifest = trustManifests ? Self.vouchingManifest(new) : nil
        func reader(_ path: String, trusting manifest: SnapshotManifest?) throws(SnapshotError) -> PrefetchingSnapshotReader {
            try PrefetchingSnapshotReader(path: path, digest: .xxh3, checkCanonical: manifest == nil, chunkBytes: memory.diffChunkBytes,
                                          maxLineLength: memory.maxLineLength, limitAdvice: memory.lineLimitAdvice,
                                          unsortedAdvice: unsorted, secondDigest: manifest == nil ? .none : .sha256, progress: progress)
        }
        let oldReader = try reader(old, trusting: oldManifest)
        let newReader = try reader(new, trusting: newManifest)
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
                    try writer.missing(a)
                    counts.missing += 1
                    before = try oldReader.next()
                } else {
                    try writer.create(b)
                    counts.create += 1
                    after = try newReader.next()
                }
            } else if let a = before {
                try writer.missing(a)
                counts.missing += 1
                before = try oldReader.next()
            } else if let b = after {
                try writer.create(b)
                counts.create += 1
                after = try newReader.next()
            } else {
                break
            }
        }
        for (reader, manifest) in [(oldReader, oldManifest), (newReader, newManifest)] {
            if let manifest, reader.statistics?.secondDigest != manifest.sha256 || reader.statistics?.bytes != manifest.bytes {
                return nil  // the writer's temporary file goes with it
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
