import ArgumentParser
import Foundation
import PosBridgeCore

/// The documented exit codes and the one-line error report on stderr.
enum ExitStatus {
    /// Everything done.
    static let success: Int32 = 0
    /// The command failed (bad input file, verification found a problem, I/O error).
    static let failure: Int32 = 1
    /// The command finished, but some records were rejected (see `rejects.ndjson`).
    static let finishedWithRejects: Int32 = 3

    static var verbose: Bool { CommandLine.arguments.contains("--verbose") }

    static func report(_ error: any PosBridgeError) {
        var line = "posbridge: error [\(error.code)]: \(error.message)\n"
        if verbose, let cause = error.underlying { line += "  caused by: \(String(describing: cause))\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Writes a line to stderr (progress and warnings; stdout is kept for results).
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
