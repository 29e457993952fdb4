import Foundation

/// The size and SHA-256 of a file, read through a small buffer (for manifests of files written by
/// libraries that do not hash what they write, such as the XML writer).
package enum FileDigest {
    /// Bytes and lowercase hex SHA-256 of the file at `path`; errors name `reportedAs`.
    package static func sha256(of path: String, reportedAs name: String? = nil) throws(SnapshotError) -> (bytes: Int, sha256: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SnapshotError(.io, "\(name ?? path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        let digest = StreamDigest(.sha256)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw SnapshotError(.io, "\(name ?? path): read failed (\(String(cString: strerror(errno))))")
            }
            if count == 0 { break }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            total += count
        }
        return (total, digest.finalize())
    }
}
