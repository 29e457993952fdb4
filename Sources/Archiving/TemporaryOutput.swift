#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file written under a temporary name (`.<name>.partial-<pid>-<random>`) in the output's folder
/// and given its final name only when complete, so a crash never leaves a half archive under the
/// final name; what a killed process left behind is removed by the next one (`removeStale`). Without `replace`, the final name is taken with `link(2)`, which fails if something
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

    /// Removes the temporary files that killed runs left in `output`'s folder: names of the form
    /// `.<name>.partial-<pid>-<hex>` (any output name) whose process no longer exists. A file of a
    /// live process, or of a pid that is in use again, is kept. Returns the paths removed.
    @discardableResult
    static func removeStale(beside output: String) -> [String] {
        let folder = output.lastIndex(of: "/").map { String(output[..<$0]) } ?? "."
        guard let directory = opendir(folder.isEmpty ? "/" : folder) else { return [] }
        defer { closedir(directory) }
        var removed: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let pid = partialOwner(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }

    /// The pid in a temporary name `.<name>.partial-<pid>-<hex>`, nil for any other name.
    static func partialOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: ".partial-", options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), (1...8).contains(parts[1].count),
              parts[1].allSatisfy({ $0.isASCII && $0.isHexDigit }), let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }

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
