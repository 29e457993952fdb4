#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name (`.<name>.partial-<pid>-<random>`) in the output's folder
/// and given its final name only when complete, so a crash never leaves a half archive under the
/// final name. Without `replace`, the final name is taken with `link(2)`, which fails if something
/// appeared there meanwhile; with it, `rename(2)` replaces atomically.
final class TemporaryOutput {
    /// The open descriptor to write to.
    let descriptor: Int32
    /// The temporary path.
    let path: String
    private var open = true

    init(beside output: String) throws(ArchiveError) {
        let slash = output.lastIndex(of: "/")
        let folder = slash.map { String(output[..<$0]) } ?? "."
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        path = "\(folder)/.\(name).partial-\(getpid())-\(suffix)"
        let fd = openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ArchiveError(.io, "cannot create \(path)", underlying: SystemCallError("open", errno: errno))
        }
        descriptor = fd
    }

    deinit { closeIfOpen() }

    /// Flushes to disk and gives the file its final name.
    func publish(as output: String, replace: Bool) throws(ArchiveError) {
        guard fsync(descriptor) == 0 else {
            throw ArchiveError(.io, "cannot flush \(path)", underlying: SystemCallError("fsync", errno: errno))
        }
        closeIfOpen()
        if replace {
            guard rename(path, output) == 0 else {
                throw ArchiveError(.io, "cannot rename \(path) to \(output)", underlying: SystemCallError("rename", errno: errno))
            }
            return
        }
        if link(path, output) == 0 {
            unlink(path)
            return
        }
        let code = errno
        if code == EEXIST {
            throw ArchiveError(.outputExists, "output \(output) exists (use --force to replace it)")
        }
        // Some file systems have no hard links: fall back to a rename after a last look.
        var info = stat()
        if lstat(output, &info) == 0 {
            throw ArchiveError(.outputExists, "output \(output) exists (use --force to replace it)")
        }
        guard rename(path, output) == 0 else {
            throw ArchiveError(.io, "cannot rename \(path) to \(output)", underlying: SystemCallError("rename", errno: errno))
        }
    }

    /// Removes the temporary file after a failure.
    func discard() {
        closeIfOpen()
        unlink(path)
    }

    private func closeIfOpen() {
        if open {
            close(descriptor)
            open = false
        }
    }
}

/// `open(2)`, reachable from inside a type that has its own `open` property.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
