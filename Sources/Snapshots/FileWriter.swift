import Crypto
import Foundation
import PosBridgeCore

/// Writes a file through a buffer into a temporary name beside it and renames it into place on
/// `commit()`, so a crash never leaves a half-written file under the final name. Each writer has a
/// temporary name of its own (`<file>.partial-<pid>-<n>`), and removes the ones writers of the same
/// file left when they were killed. Hashes what it writes (SHA-256) for manifests. Lines longer than
/// the buffer go straight to the file instead of through a copy.
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

    /// Creates the folder if needed and opens a temporary file beside `path`; with
    /// `removeStalePartials`, first removes the temporary files of `path` that killed writers left.
    package init(path: String, bufferSize: Int = 1 << 20, removeStalePartials: Bool = true) throws(SnapshotError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw SnapshotError(.io, "\(folder): cannot create folder", underlying: error)
            }
        }
        if removeStalePartials { TemporaryFiles.removeStalePartials(of: path) }
        temporaryPath = TemporaryFiles.partialPath(for: path)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
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
        if bytes.underestimatedCount >= flushThreshold,
           let written = bytes.withContiguousStorageIfAvailable({ raw in Result { () throws(SnapshotError) in try writeDirectly(raw) } }) {
            return try written.get()
        }
        if buffer.count + bytes.underestimatedCount > flushThreshold { try flush() }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends bytes and a line feed.
    package func writeLine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws(SnapshotError) {
        try write(bytes)
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends a line given as a raw buffer and a line feed.
    package func writeLine(_ bytes: UnsafeBufferPointer<UInt8>) throws(SnapshotError) {
        if bytes.count >= flushThreshold {
            try writeDirectly(bytes)
        } else {
            if buffer.count + bytes.count >= flushThreshold { try flush() }
            buffer.append(contentsOf: bytes)
        }
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes what is buffered, then `bytes` from where they are.
    private func writeDirectly(_ bytes: UnsafeBufferPointer<UInt8>) throws(SnapshotError) {
        try flush()
        try writeOut(UnsafeRawBufferPointer(bytes))
    }

    private func flush() throws(SnapshotError) {
        guard !buffer.isEmpty else { return }
        let result = buffer.withUnsafeBytes { raw in Result { () throws(SnapshotError) in try writeOut(raw) } }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ raw: UnsafeRawBufferPointer) throws(SnapshotError) {
        guard raw.count > 0 else { return }
        hasher.update(bufferPointer: raw)
        var offset = 0
        while offset < raw.count {
            let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw SnapshotError(.io, "\(path): write failed (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
        bytesWritten += raw.count
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
