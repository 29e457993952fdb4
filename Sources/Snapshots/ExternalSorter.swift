import Foundation
import PosBridgeCore

/// Sorts snapshot lines by key bytes within a memory budget: lines gather in memory, spill to
/// sorted run files in a temporary folder when the budget is reached, and the runs are merged
/// (k-way, in several passes if there are many). Duplicate keys become one error naming them.
package final class ExternalSorter {
    /// The default memory budget (256 MB).
    package static let defaultBudget = 256 << 20
    /// Runs merged at once by default; more runs are merged in passes.
    package static let defaultFanIn = 64

    private let budget: Int
    private let maxFanIn: Int
    private let temporaryFolder: String
    private let sourcePath: String
    private let chunk: SortChunk
    private var runs: [String] = []
    private var runCounter = 0

    /// Prepares a sort of lines from `sourcePath` (named in messages) spilling into
    /// `temporaryFolder`.
    package init(budget: Int = ExternalSorter.defaultBudget, temporaryFolder: String, sourcePath: String,
                 maxFanIn: Int = ExternalSorter.defaultFanIn) {
        // An eighth of the budget stays for the process itself (buffers, runtime), so the whole
        // process, not just the sort's data, keeps within what the user allowed.
        self.budget = max(budget - budget / 8, 1 << 20)
        self.maxFanIn = max(maxFanIn, 2)
        self.temporaryFolder = temporaryFolder
        self.sourcePath = sourcePath
        // The index costs about 40 bytes a line; keep roughly a fifth of the budget for it.
        chunk = SortChunk(capacity: self.budget * 4 / 5)
    }

    deinit { for run in runs { unlink(run) } }

    /// Whether the sort spilled to disk (false: everything fit in the budget).
    package private(set) var spilled = false
    /// Merge passes made before the final merge (many runs are merged in groups of `maxFanIn`).
    package private(set) var extraMergePasses = 0

    /// Adds one canonical line with its key bytes and its line number in the source.
    package func add(line: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(SnapshotError) {
        if !chunk.isEmpty, !chunk.fits(line.count + key.count) || chunk.footprint + SortChunk.entryCost > budget {
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
            while runs.count > maxFanIn { try mergeOnePass() }
            let merger = try RunMerger(paths: runs, bufferSize: readBufferSize(runs.count))
            try merger.merge(deliver)
        }
        if let error = duplicates.error() { throw error }
    }

    private func readBufferSize(_ runCount: Int) -> Int {
        min(max(budget / (runCount + 2), 64 << 10), 4 << 20)
    }

    /// Writes the chunk as a sorted run file: each line prefixed with its source line number and a tab.
    private func spill() throws(SnapshotError) {
        chunk.sort()
        let writer = try FileWriter(path: nextRunPath())
        for entry in chunk.entries {
            try writer.write(String(entry.lineNumber).utf8)
            try writer.write(CollectionOfOne(UInt8(ascii: "\t")))
            try writer.writeLine(chunk.line(entry))
        }
        try writer.commitWithoutSync()
        runs.append(writer.path)
        spilled = true
        chunk.reset()
    }

    /// Merges the first `maxFanIn` runs into one.
    private func mergeOnePass() throws(SnapshotError) {
        let group = Array(runs.prefix(maxFanIn))
        let writer = try FileWriter(path: nextRunPath())
        let merger = try RunMerger(paths: group, bufferSize: readBufferSize(group.count))
        try merger.merge { (line: UnsafeBufferPointer<UInt8>, _: UnsafeBufferPointer<UInt8>, number: Int) throws(SnapshotError) in
            try writer.write(String(number).utf8)
            try writer.write(CollectionOfOne(UInt8(ascii: "\t")))
            try writer.writeLine(line)
        }
        try writer.commitWithoutSync()
        for run in group { unlink(run) }
        runs.removeFirst(group.count)
        extraMergePasses += 1
        runs.append(writer.path)
    }

    private func nextRunPath() -> String {
        runCounter += 1
        return (temporaryFolder as NSString).appendingPathComponent(".posbridge-sort-\(getpid())-\(runCounter).run")
    }
}
