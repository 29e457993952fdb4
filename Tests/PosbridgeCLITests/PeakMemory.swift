import Foundation
import TestSupport

/// Runs the built `posbridge` and reports its peak resident memory, from the `rusage` that
/// `wait4` returns for it: what `/usr/bin/time -v` calls "Maximum resident set size".
enum PeakMemory {
    struct Run {
        let status: Int32
        /// Peak RSS in bytes.
        let peakBytes: Int
        let stderr: String
    }

    /// Runs `posbridge arguments` through a small Python parent that forks and waits for it.
    /// Spawned straight from the test process, the child's peak would start at the test's own:
    /// Linux counts the peak of the memory a process had before `exec` too.
    static func posbridge(_ arguments: [String]) throws -> Run {
        let binary = CommandRunner.buildFolder.appendingPathComponent("posbridge").path
        let script = """
            import os, sys
            pid = os.fork()
            if pid == 0:
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                os.execv(sys.argv[1], sys.argv[1:])
            _, status, usage = os.wait4(pid, 0)
            print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
            """
        let result = try CommandRunner.run("python3", ["-c", script, binary] + arguments)
        let figures = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard figures.count == 2 else { throw POSIXError(.EINVAL) }
        return Run(status: Int32(figures[0]), peakBytes: figures[1] * 1024, stderr: result.stderr)
    }
}
