import Foundation
import Synchronization

/// Names for files that exist only while a command runs (`<file>.partial-<pid>-<n>` beside an
/// output, `.posbridge-sort-<pid>-<n>.run` sort runs), and the clean-up of those a killed process
/// left behind. Every name carries the process id, so a later run can tell a leftover of a process
/// that no longer runs from the file of one still at work.
package enum TemporaryFiles {
    private static let counter = Atomic<Int>(0)

    /// A name no other writer of this process uses: the process id and a process-wide counter.
    package static func uniqueSuffix() -> String {
        "\(getpid())-\(counter.add(1, ordering: .relaxed).newValue)"
    }

    /// The temporary name a writer uses beside its final `path`.
    package static func partialPath(for path: String) -> String {
        path + partialMarker + uniqueSuffix()
    }

    /// What follows the final name in a temporary one.
    package static let partialMarker = ".partial-"

    /// Removes the leftovers of `path`'s writers that died: `<path>.partial-<pid>…` of processes
    /// that no longer run.
    package static func removeStalePartials(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        removeStale(in: folder.isEmpty ? "." : folder, prefix: (path as NSString).lastPathComponent + partialMarker)
    }

    /// Removes the files in `folder` whose names start with `prefix` followed by the id of a process
    /// that no longer runs. Best effort: a file that cannot be removed stays for the next run.
    package static func removeStale(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix(while: { $0.isASCII && $0.isNumber })
            guard let pid = pid_t(digits), pid > 0, pid != getpid(), !isRunning(pid) else { continue }
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }

    /// Whether a process with this id exists (one we may not signal exists too).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
