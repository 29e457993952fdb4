import Crypto
import Foundation
import PosBridgeCore

/// Reads a file line by line through one bounded buffer (never the whole file), strips a leading
/// byte order mark and the CR of CRLF, and hashes every byte it reads (SHA-256) on the way.
/// A line handed out stays valid only until the next call.
package final class LineReader {
    /// The file being read, for messages.
    package let path: String
    /// The 1-based number of the line last returned.
    package private(set) var lineNumber = 0
    /// Whether the file started with a UTF-8 byte order mark (skipped).
    package private(set) var hadByteOrderMark = false
    /// Whether any line ended in CRLF (the CR is not part of the line).
    package private(set) var sawCarriageReturn = false
    /// Whether the last line had no final LF.
    package private(set) var lastLineUnterminated = false
    /// Bytes read so far.
    package private(set) var bytesRead = 0

    private let descriptor: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let maxLineLength: Int
    private var start = 0
    private var end = 0
    private var scanned = 0
    private var atEnd = false
    private var hasher = SHA256()

    /// Opens a file; `bufferSize` is the starting buffer, which grows for longer lines up to
    /// `maxLineLength` bytes.
    package init(path: String, bufferSize: Int = 1 << 20, maxLineLength: Int = 64 << 20) throws(SnapshotError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError(.io, "\(path): cannot open (\(String(cString: strerror(errno))))") }
        self.path = path
        descriptor = fd
        capacity = max(bufferSize, 4096)
        self.maxLineLength = maxLineLength
        buffer = .allocate(capacity: capacity)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// The SHA-256 of everything read; call once the reader returned nil.
    package func digest() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

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
                throw SnapshotError(.lineTooLong, "\(path):\(lineNumber + 1): line longer than \(maxLineLength) bytes")
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: min(capacity * 2, maxLineLength))
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = min(capacity * 2, maxLineLength)
        }
        let count = read(descriptor, buffer + end, capacity - end)
        guard count >= 0 else {
            if errno == EINTR { return }
            throw SnapshotError(.io, "\(path): read failed (\(String(cString: strerror(errno))))")
        }
        if count == 0 { atEnd = true; return }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer + end, count: count))
        if bytesRead == 0, count + end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            hadByteOrderMark = true
            start = 3
            scanned = 3
        }
        bytesRead += count
        end += count
    }
}
