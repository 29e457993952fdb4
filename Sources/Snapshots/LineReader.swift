import Foundation
import PosBridgeCore

/// Reads a file line by line through one bounded buffer (never the whole file), strips a leading
/// byte order mark and the CR of CRLF, and digests every byte it reads on the way.
/// A line handed out stays valid only until the next call. Not shared between threads, so the hot
/// properties skip the dynamic exclusivity checks.
package final class LineReader {
    /// The file being read, for messages.
    package let path: String
    /// The 1-based number of the line last returned.
    @exclusivity(unchecked) package private(set) var lineNumber = 0
    /// Whether the file started with a UTF-8 byte order mark (skipped).
    package private(set) var hadByteOrderMark = false
    /// Whether any line ended in CRLF (the CR is not part of the line).
    package private(set) var sawCarriageReturn = false
    /// Whether the last line had no final LF.
    package private(set) var lastLineUnterminated = false
    /// Bytes read so far.
    package private(set) var bytesRead = 0

    private let descriptor: Int32
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    private let maxLineLength: Int
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var scanned = 0
    @exclusivity(unchecked) private var atEnd = false
    /// Said after "line longer than N bytes", e.g. how to allow longer lines.
    private let limitAdvice: String?
    private let hasher: StreamDigest
    /// A second digest of the same bytes (the diff checks a manifest's SHA-256 while it digests
    /// with XXH3 for its summary).
    private let secondHasher: StreamDigest?
    private let progress: ProgressCounter?
    private var finalDigest: String?

    /// Opens a file; `bufferSize` is the starting buffer, which grows for longer lines up to
    /// `maxLineLength` bytes. A longer line is an error naming the file and line, followed by
    /// `limitAdvice` when given.
    package init(path: String, bufferSize: Int = 1 << 20, maxLineLength: Int = 64 << 20, digest: DigestAlgorithm = .sha256,
                 progress: ProgressCounter? = nil, limitAdvice: String? = nil, secondDigest: DigestAlgorithm = .none) throws(SnapshotError) {
        secondHasher = secondDigest == .none ? nil : StreamDigest(secondDigest)
        self.progress = progress
        self.limitAdvice = limitAdvice
        hasher = StreamDigest(digest)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError(.io, "\(path): cannot open (\(String(cString: strerror(errno))))") }
        var status = stat()
        if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw SnapshotError(.io, "\(path): is a folder, not a snapshot file")
        }
        self.path = path
        descriptor = fd
        capacity = max(min(bufferSize, maxLineLength), 4096)
        self.maxLineLength = max(maxLineLength, capacity)
        guard let memory = malloc(capacity) else { fatalError("out of memory allocating a \(capacity)-byte read buffer") }
        buffer = memory.assumingMemoryBound(to: UInt8.self)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        progress?.expect(Int(status.st_size))
    }

    deinit {
        free(buffer)
        close(descriptor)
    }

    /// The digest of everything read (hex); call once the reader returned nil.
    package func digest() -> String {
        if let finalDigest { return finalDigest }
        let digest = hasher.finalize()
        finalDigest = digest
        return digest
    }

    /// The second digest (hex) of everything read, or nil when none was asked for; call once.
    package func secondDigest() -> String? { secondHasher?.finalize() }

    /// The digest with its algorithm's name in front, e.g. `xxh3-128:…`.
    package func labelledDigest() -> String { "\(hasher.algorithm.rawValue):\(digest())" }

    /// The algorithm of `digest()`.
    package var digestAlgorithm: DigestAlgorithm { hasher.algorithm }

    /// The next line without its line ending, or nil at the end of the file.
    package func nextLine() throws(SnapshotError) -> UnsafeBufferPointer<UInt8>? {
        while true {
            if scanned < end, let found = memchr(buffer + scanned, 0x0A, end - scanned) {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1; sawCarriageReturn = true }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                start = newline + 1
                scanned = start
                lineNumber += 1
                return line
            }
            scanned = end
            if atEnd {
                guard start < end else { return nil }
                lastLineUnterminated = true
                var lineEnd = end
                if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1; sawCarriageReturn = true }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                start = end
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    /// Moves the unread tail to the front, grows the buffer when a line fills it, and reads more.
    private func fill() throws(SnapshotError) {
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            scanned -= start
            end = pending
            start = 0
        }
        if end == capacity {
            guard capacity < maxLineLength else {
                throw SnapshotError(.lineTooLong, "\(path):\(lineNumber + 1): line longer than \(ByteSize.text(maxLineLength))" + (limitAdvice.map { "; \($0)" } ?? ""))
            }
            // realloc moves the pages of a large buffer instead of copying them: no second copy.
            let grownCapacity = min(capacity * 2, maxLineLength)
            guard let grown = realloc(buffer, grownCapacity) else { fatalError("out of memory growing a read buffer to \(grownCapacity) bytes") }
            buffer = grown.assumingMemoryBound(to: UInt8.self)
            capacity = grownCapacity
        }
        // Reads of at most 256 KB keep the bytes just copied in the cache for the scan that follows.
        let count = read(descriptor, buffer + end, min(capacity - end, 256 << 10))
        guard count >= 0 else {
            if errno == EINTR { return }
            throw SnapshotError(.io, "\(path): read failed (\(String(cString: strerror(errno))))")
        }
        if count == 0 { atEnd = true; return }
        hasher.update(UnsafeRawBufferPointer(start: buffer + end, count: count))
        secondHasher?.update(UnsafeRawBufferPointer(start: buffer + end, count: count))
        if bytesRead == 0, count + end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            hadByteOrderMark = true
            start = 3
            scanned = 3
        }
        bytesRead += count
        end += count
        progress?.advance(by: count)
    }
}
