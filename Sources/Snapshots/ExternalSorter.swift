import Foundation
import PosBridgeCore

/// Sorts snapshot lines by key bytes within a memory budget: lines gather in memory, spill to
/// sorted run files in a temporary folder when the budget is reached, and the runs are merged
/// (k-way, in several passes if there are many, as many at once as their read buffers and longest
/// lines fit in the budget). Duplicate keys become one error naming them. Run files a killed sort
/// left in the folder are removed when the next sort there starts.
package final class ExternalSorter {
    /// The default memory budget of the sort's data (what a 256 MB process budget leaves for it).
    package static let defaultBudget = MemoryBudget().sortMemory
    /// Runs merged at once by default; more runs are merged in passes.
    package static let defaultFanIn = 64

    private let budget: Int
    private let maxFanIn: Int
    private let temporaryFolder: String
    private let sourcePath: String
    private let chunk: SortChunk
    /// The run files, each with its longest line (what a reader of it must be able to hold).
    private var runs: [(path: String, longestLine: Int)] = []

    /// The prefix of run file names.
    static let runPrefix = ".posbridge-sort-"

    /// Prepares a sort of lines from `sourcePath` (named in messages) spilling into
    /// `temporaryFolder`, holding at most `budget` bytes of lines and index in memory (taken as
    /// lines arrive, not up front). Removes the run files of sorts that were killed.
    package init(budget: Int = ExternalSorter.defaultBudget, temporaryFolder: String, sourcePath: String,
                 maxFanIn: Int = ExternalSorter.defaultFanIn) {
        self.budget = max(budget, 256 << 10)
        self.maxFanIn = max(maxFanIn, 2)
        self.temporaryFolder = temporaryFolder
        self.sourcePath = sourcePath
        chunk = SortChunk(capacity: self.budget)
        TemporaryFiles.removeStale(in: temporaryFolder, prefix: Self.runPrefix)
    }

    deinit { for run in runs { unlink(run.path) } }

    /// Whether the sort spilled to disk (false: everything fit in the budget).
    package private(set) var spilled = false
    /// Merge passes made before the final merge (many runs are merged in groups of `maxFanIn`).
    package private(set) var extraMergePasses = 0

    /// Adds one canonical line with its key bytes and its line number in the source.
    package func add(line: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(SnapshotError) {
        if !chunk.isEmpty, !chunk.fits(line.count + key.count) || chunk.footprint(adding: line.count + key.count) > budget {
            try spill()
        }
        chunk.add(line: line, key: key, lineNumber: lineNumber)
    }

    /// Hands every line to `emit` in key order; throws for duplicate keys after the last line.
    package func finish(_ emit: (UnsafeBufferPointer<UInt8>) throws(SnapshotError) -> Void) throws(SnapshotError) {
        var duplicates = DuplicateKeyList()
        let previous = ByteBuffer()
        var previousLine = 0
        var first = true
        func deliver(_ line: UnsafeBufferPointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) throws(SnapshotError) {
            if !first, bytesEqual(key, previous.bytes) {
                duplicates.add(key: String(decoding: key, as: UTF8.self),
                               location: FileLocation(path: sourcePath, line: lineNumber), firstLine: previousLine)
                return
            }
            first = false
            previous.set(key)
            previousLine = lineNumber
            try emit(line)
        }
        if runs.isEmpty {
            chunk.sort()
            for entry in chunk.entries { try deliver(chunk.line(entry), chunk.key(entry), entry.lineNumber) }
        } else {
            if !chunk.isEmpty { try spill() }
            chunk.releaseStorage()
            while mergeGroupSize() < runs.count { try mergeOnePass() }
            let merger = try RunMerger(runs: runs.map { ($0.path, readerCapacity(for: $0.longestLine)) }, bufferSize: readBufferSize(runs.count))
            try merger.merge(deliver)
        }
        if let error = duplicates.error() { throw error }
    }

    private func readBufferSize(_ runCount: Int) -> Int {
        min(max(budget / (runCount + 2), 64 << 10), 4 << 20)
    }

    /// The most a run's reader may grow to: its buffer doubles until its longest line (with the
    /// line number in front) fits.
    private func readerCapacity(for longestLine: Int) -> Int { longestLine + 64 }

    /// What a reader of a run costs at most while merging `count` runs.
    private func readerCost(_ run: (path: String, longestLine: Int), among count: Int) -> Int {
        max(readBufferSize(count), 2 * readerCapacity(for: run.longestLine))
    }

    /// How many of the first runs one merge can read at once within the budget (at least 2).
    private func mergeGroupSize() -> Int {
        var size = min(maxFanIn, runs.count)
        while size > 2 {
            let cost = runs.prefix(size).reduce(0) { $0 + readerCost($1, among: size) }
            if cost <= budget { break }
            size -= 1
        }
        return size
    }

    /// Writes the chunk as a sorted run file: each line prefixed with its source line number and a tab.
    private func spill() throws(SnapshotError) {
        chunk.sort()
        let writer = try FileWriter(path: nextRunPath(), removeStalePartials: false)
        for entry in chunk.entries {
            try writer.write(String(entry.lineNumber).utf8)
            try writer.write(CollectionOfOne(UInt8(ascii: "\t")))
            try writer.writeLine(chunk.line(entry))
        }
        try writer.commitWithoutSync()
        runs.append((writer.path, chunk.longestLine))
        spilled = true
        chunk.reset()
    }

    /// Merges the first runs (as many as fit) into one.
    private func mergeOnePass() throws(SnapshotError) {
        let group = Array(runs.prefix(mergeGroupSize()))
        let writer = try FileWriter(path: nextRunPath(), removeStalePartials: false)
        let merger = try RunMerger(runs: group.map { ($0.path, readerCapacity(for: $0.longestLine)) }, bufferSize: readBufferSize(group.count))
        try merger.merge { (line: UnsafeBufferPointer<UInt8>, _: UnsafeBufferPointer<UInt8>, number: Int) throws(SnapshotError) in
            try writer.write(String(number).utf8)
            try writer.write(CollectionOfOne(UInt8(ascii: "\t")))
            try writer.writeLine(line)
        }
        try writer.commitWithoutSync()
        for run in group { unlink(run.path) }
        runs.removeFirst(group.count)
        extraMergePasses += 1
        runs.append((writer.path, group.map(\.longestLine).max() ?? 0))
    }

    private func nextRunPath() -> String {
        (temporaryFolder as NSString).appendingPathComponent(Self.runPrefix + TemporaryFiles.uniqueSuffix() + ".run")
    }
}
