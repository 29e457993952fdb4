import Archiving
import Foundation
import Testing
import TestSupport

/// `archive create` removes the temporary files of killed runs, and only those.
@Suite struct StalePartialTests {
    /// The pid of a process that has exited.
    private func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func createRemovesThePartialFilesOfDeadProcessesOnly() throws {
        let fixture = try RunFixture()
        let dead = try deadPid()
        let live = getppid()
        let stale = [".run.tar.zst.partial-\(dead)-1a2b3c4d", ".older.zip.partial-\(dead)-ff"]
        let kept = [
            ".run.tar.zst.partial-\(live)-abc",   // a live process may still be writing it
            "run.tar.zst.partial-\(dead)-abc",    // not a hidden temporary name
            ".run.ndjson.partial-\(dead)",        // another tool's form, not the archive's
            ".run.tar.zst.partial-\(dead)-xyz",   // not hex
            "notes.txt",
        ]
        for name in stale + kept { try fixture.workspace.write("out/\(name)", "partial bytes") }

        try fixture.create("out/run-new.tar.zst")

        for name in stale { #expect(!fixture.workspace.exists("out/\(name)"), "\(name) should be gone") }
        for name in kept { #expect(fixture.workspace.exists("out/\(name)"), "\(name) should stay") }
        #expect(fixture.workspace.exists("out/run-new.tar.zst"))
    }
}
