import Foundation

/// One pipeline's run lock: an exclusive, non-blocking `flock` on `<home>/state/locks/<pipeline>.lock`
/// holding the owner's pid. A second run of the same pipeline fails at once with the holder's pid;
/// the kernel lets go of the lock when the process ends, however it ends, so a crash leaves none behind.
package final class RunLock: @unchecked Sendable {
    /// The lock file.
    package let path: String
    /// The pipeline it locks.
    package let pipeline: String
    // Owned by this object alone; closed once, in `release` or `deinit`.
    private var descriptor: Int32

    /// The lock file of a pipeline.
    package static func path(home: String, pipeline: String) -> String {
        [home, "state", "locks", "\(pipeline).lock"].reduce("") { $0.isEmpty ? $1 : ($0 as NSString).appendingPathComponent($1) }
    }

    /// Takes the lock or throws `pipeline.locked` naming the pipeline and the holder's pid.
    package init(home: String, pipeline: String) throws(PipelineError) {
        let path = Self.path(home: home, pipeline: pipeline)
        self.path = path
        self.pipeline = pipeline
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.io, "\(path): cannot create the lock folder", underlying: error)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError(.io, "\(path): cannot open the lock file (\(String(cString: strerror(errno))))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.readPid(fd)
            close(fd)
            if reason == EWOULDBLOCK {
                let who = holder.map { "process \($0)" } ?? "another process"
                throw PipelineError(.locked, "pipeline \(pipeline) is already running (\(who) holds \(path)); wait for it to finish")
            }
            throw PipelineError(.io, "\(path): cannot lock (\(String(cString: strerror(reason))))")
        }
        descriptor = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { release() }

    /// Lets go of the lock (also done when the value is released).
    package func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
