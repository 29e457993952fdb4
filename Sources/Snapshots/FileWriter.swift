import Crypto
import Foundation
import PosBridgeCore

/// Writes a file through a buffer into a temporary name beside it and renames it into place on
/// `commit()`, so a crash never leaves a half-written file under the final name. Hashes what it
/// writes (SHA-256) for manifests.
package final class FileWriter {
    /// The final path.
    package let path: String
    /// Bytes written so far.
    package private(set) var bytesWritten = 0

    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushThreshold: Int
    private var hasher = SHA256()
    private var committed = false

    /// Creates the folder if needed and opens a temporary file beside `path`.
    package init(path: String, bufferSize: Int = 1 << 20) throws(SnapshotError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw SnapshotError(.io, "\(folder): cannot create folder", underlying: error)
            }
        }
        temporaryPath = path + ".partial-\(getpid())"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SnapshotError(.io, "\(path): cannot create (\(String(cString: strerror(errno))))")
        }
        flushThreshold = bufferSize
        buffer.reserveCapacity(bufferSize + 4096)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed { unlink(temporaryPath) }
    }

    /// Appends bytes.
    package func write<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(SnapshotError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends bytes and a line feed.
    package func writeLine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(SnapshotError) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends a line given as a raw buffer and a line feed.
    package func writeLine(_ bytes: UnsafeBufferPointer<UInt8>) throws(SnapshotError) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    private func flush() throws(SnapshotError) {
        let failure: Int32? = buffer.withUnsafeBytes { raw in
            hasher.update(bufferPointer: raw)
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw SnapshotError(.io, "\(path): write failed (\(String(cString: strerror(failure))))") }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place; returns its SHA-256.
    @discardableResult
    package func commit() throws(SnapshotError) -> String {
        try commit(sync: true)
    }

    /// Renames into place without waiting for the disk: for temporary files a crash may lose.
    @discardableResult
    package func commitWithoutSync() throws(SnapshotError) -> String {
        try commit(sync: false)
    }

    private func commit(sync: Bool) throws(SnapshotError) -> String {
        try flush()
        guard !sync || fsync(descriptor) == 0, close(descriptor) == 0 else {
            throw SnapshotError(.io, "\(path): cannot sync (\(String(cString: strerror(errno))))")
        }
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            throw SnapshotError(.io, "\(path): cannot rename into place (\(String(cString: strerror(errno))))")
        }
        committed = true
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
