import Foundation
import PosBridgeCore

/// A `SnapshotReader` that runs on its own thread: it reads, scans, checks the order of and digests
/// the file ahead of the consumer and hands records over in chunks, so that reading two snapshots
/// and merging them use both cores. Records and errors arrive in file order, exactly as the plain
/// reader would give them; memory is bounded by `chunks × chunkBytes`.
package final class PrefetchingSnapshotReader {
    /// The file being read.
    package let path: String
    private let channel: ChunkChannel
    @exclusivity(unchecked) private var current: RecordChunk?
    @exclusivity(unchecked) private var index = 0
    @exclusivity(unchecked) private var finished: SnapshotStreamStatistics?

    /// Opens the file (errors opening it are thrown here) and starts reading ahead. With
    /// `checkCanonical`, every line is checked to be canonical (and so valid) on the reading
    /// thread, and lines that are valid but not canonical are re-encoded, as `SnapshotReader` does.
    package init(path: String, digest: DigestAlgorithm, requireSorted: Bool = true, checkCanonical: Bool = false,
                 chunkBytes: Int = 4 << 20, chunks: Int = 3, maxLineLength: Int = 64 << 20, limitAdvice: String? = nil,
                 unsortedAdvice: String = SnapshotReader.sortAdvice, secondDigest: DigestAlgorithm = .none,
                 progress: ProgressCounter? = nil) throws(SnapshotError) {
        self.path = path
        let reader = try SnapshotReader(path: path, requireSorted: requireSorted, checkCanonical: checkCanonical,
                                        bufferSize: min(1 << 20, maxLineLength), maxLineLength: maxLineLength,
                                        limitAdvice: limitAdvice, unsortedAdvice: unsortedAdvice, digest: digest,
                                        secondDigest: secondDigest, progress: progress)
        let channel = ChunkChannel(chunks: chunks, chunkBytes: chunkBytes)
        self.channel = channel
        let producer = Producer(reader: reader, channel: channel)
        let thread = Thread { producer.run() }
        thread.name = "posbridge-read"
        thread.start()
    }

    deinit {
        channel.cancel()
    }

    /// What was read, once `next()` has returned nil.
    package var statistics: SnapshotStreamStatistics? { finished }

    /// The next record (valid until the next call), or nil at the end.
    package func next() throws(SnapshotError) -> RecordView? {
        while true {
            if let chunk = current {
                if index < chunk.entries.count {
                    index += 1
                    return chunk.view(index - 1)
                }
                switch chunk.ending {
                case .end(let statistics)?:
                    finished = statistics
                    return nil
                case .failure(let error)?:
                    throw error
                case nil:
                    channel.recycle(chunk)
                }
            } else if finished != nil {
                return nil
            }
            current = channel.receive()
            index = 0
        }
    }

    /// The producer side: owns the reader on the background thread.
    private final class Producer: @unchecked Sendable {
        let reader: SnapshotReader
        let channel: ChunkChannel

        init(reader: SnapshotReader, channel: ChunkChannel) {
            self.reader = reader
            self.channel = channel
        }

        func run() {
            guard var chunk = channel.takeFree() else { return }
            do {
                while let record = try reader.next() {
                    if !chunk.fits(record.line.count + record.key.count) {
                        channel.send(chunk)
                        guard let fresh = channel.takeFree() else { return }
                        chunk = fresh
                    }
                    chunk.append(record)
                }
                let lines = reader.lineReader
                chunk.ending = .end(SnapshotStreamStatistics(
                    path: reader.path, records: reader.recordCount, bytes: lines.bytesRead,
                    digest: lines.labelledDigest(), secondDigest: lines.secondDigest(), nonCanonicalLines: reader.nonCanonicalLines))
            } catch {
                chunk.ending = .failure(error)
            }
            channel.send(chunk)
        }
    }
}
