#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for sequential reading in chunks, closed when the value goes away. Opened with
/// `O_NOFOLLOW` so that a file replaced by a symlink after the folder scan is refused, not followed.
final class InputFile {
    /// The path as given, for error messages.
    let path: String
    private let descriptor: Int32

    init(path: String) throws(ArchiveError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            throw ArchiveError(.io, "cannot open \(path)", underlying: SystemCallError("open", errno: errno))
        }
        descriptor = fd
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    deinit { close(descriptor) }

    /// Size and modification time (nanoseconds since 1970) of the open file.
    func metadata() throws(ArchiveError) -> (size: Int64, modificationNanos: Int64) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ArchiveError(.io, "cannot inspect \(path)", underlying: SystemCallError("fstat", errno: errno))
        }
        return (Int64(info.st_size), RunFolder.modificationNanos(info))
    }

    /// Fills as much of `buffer` as the file still has; returns 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = posixRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(.io, "cannot read \(path)", underlying: SystemCallError("read", errno: errno))
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}

/// `read(2)`, reachable from inside a type that has its own `read` method.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
