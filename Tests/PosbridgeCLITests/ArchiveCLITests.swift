import Foundation
import PosBridgeCore
import Testing
import TestSupport

/// End-to-end tests of `posbridge archive …` against the built binary (run `swift build` first).
@Suite struct ArchiveCLITests {
    private static let runId = "20261118T082640Z-cli00001"

    /// A workspace holding a run folder `runs/r` with run.json and a few files.
    private func makeRun() throws -> TempWorkspace {
        let workspace = try TempWorkspace("archive-cli")
        try workspace.write("runs/r/run.json", #"{"runId":"\#(Self.runId)","startedAt":"2026-11-18T08:26:40Z"}"#)
        try workspace.write("runs/r/snapshots/bc.items.ndjson", #"{"fields":{},"key":"1","ref":{}}"# + "\n")
        try workspace.write("runs/r/report.csv", "sku,outcome\n1,created\n")
        try workspace.write("runs/r/extract/page.bin", (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        return workspace
    }

    private func posbridge(_ arguments: [String], in workspace: TempWorkspace) throws -> CommandResult {
        try CommandRunner.posbridge(arguments, cwd: workspace.url)
    }

    private func json(_ text: String) throws -> [String: JSONValue] {
        let value = try JSONParser.parse(bytes: Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        return try #require(value.objectValue)
    }

    @Test func createWritesTheDefaultPathAndReportsJSON() throws {
        let workspace = try makeRun()
        let result = try posbridge(["archive", "create", "runs/r", "--json"], in: workspace)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let archive = try #require(object["archive"]?.stringValue)
        #expect(archive.hasSuffix("/archive/2026/11/\(Self.runId).tar.zst"))
        #expect(object["runId"] == .string(Self.runId))
        #expect(object["files"] == .number(CanonicalNumber(4)))
        #expect(workspace.exists("archive/2026/11/\(Self.runId).tar.zst"))
    }

    @Test(arguments: ["tar.zst", "zip"])
    func twoProcessesWriteIdenticalBytes(format: String) throws {
        let workspace = try makeRun()
        for name in ["a", "b"] {
            let result = try posbridge(["archive", "create", "runs/r", "--format", format, "--out", "\(name).\(format)"], in: workspace)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("archived \(Self.runId): 4 files"))
        }
        let first = try workspace.read("a.\(format)")
        #expect(!first.isEmpty)
        #expect(first == (try workspace.read("b.\(format)")))
    }

    @Test func createRefusesToOverwriteWithoutForce() throws {
        let workspace = try makeRun()
        #expect(try posbridge(["archive", "create", "runs/r", "--out", "x.tar.zst"], in: workspace).status == 0)
        let again = try posbridge(["archive", "create", "runs/r", "--out", "x.tar.zst"], in: workspace)
        #expect(again.status == 1)
        #expect(again.stderr.contains("[archive.output-exists]"))
        #expect(again.stderr.contains("x.tar.zst"))
        #expect(try posbridge(["archive", "create", "runs/r", "--out", "x.tar.zst", "--force"], in: workspace).status == 0)
    }

    @Test func badDateIsAUsageError() throws {
        let workspace = try makeRun()
        let result = try posbridge(["archive", "create", "runs/r", "--date", "yesterday"], in: workspace)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--date"))
    }

    @Test(arguments: ["99999-01-01", "2026-02-30", "2026-11-18T25:00:00Z"])
    func anImpossibleDateIsAUsageError(date: String) throws {
        let workspace = try TempWorkspace("archive-cli")
        try workspace.write("runs/r/report.csv", "sku,outcome\n1,created\n")
        let result = try posbridge(["archive", "create", "runs/r", "--date", date], in: workspace)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--date must be a real calendar date"))
        #expect(result.stderr.contains(date))
        #expect(!workspace.exists("archive"))
    }

    @Test func aKilledCreateLeavesAPartialFileThatTheNextCreateRemoves() throws {
        let workspace = try makeRun()
        // Enough incompressible data that packing takes a while, so the kill lands while it runs.
        try workspace.write("runs/r/extract/big.bin", Self.noise(count: 64 << 20))
        let process = Process()
        process.executableURL = CommandRunner.buildFolder.appendingPathComponent("posbridge")
        process.arguments = ["archive", "create", "runs/r", "--out", "out/run.tar.zst"]
        process.currentDirectoryURL = workspace.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
        try process.run()
        let partials = { (try? FileManager.default.contentsOfDirectory(atPath: workspace.path("out")))?.filter { $0.contains(".partial-") } ?? [] }
        let deadline = Date().addingTimeInterval(60)
        while partials().isEmpty, process.isRunning, Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "create ended before it could be killed")
        let left = partials()
        #expect(left.count == 1, "\(left)")
        #expect(left.first?.hasPrefix(".run.tar.zst.partial-\(process.processIdentifier)-") == true)
        #expect(!workspace.exists("out/run.tar.zst"))

        let again = try posbridge(["archive", "create", "runs/r", "--out", "out/run.tar.zst"], in: workspace)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(partials().isEmpty)
        #expect(try posbridge(["archive", "verify", "--fast", "out/run.tar.zst"], in: workspace).status == 0)
    }

    /// Bytes that zstd cannot shrink, from a small xorshift generator.
    private static func noise(count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                words[index] = state
            }
        }
        return bytes
    }

    @Test func extractRefusesAZipBombBeforeWritingAnything() throws {
        let workspace = try TempWorkspace("archive-cli")
        // 256 MiB of zeros in a zip of about 250 KB: a ratio near 1000, beyond the default 200.
        let script = """
            import zipfile
            with zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
                with z.open("bag/zeros.bin", "w") as f:
                    block = bytes(1 << 20)
                    for _ in range(256):
                        f.write(block)
            """
        #expect(try CommandRunner.run("python3", ["-c", script], cwd: workspace.url).status == 0)
        let refused = try posbridge(["archive", "extract", "bomb.zip", "out"], in: workspace)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[archive.too-large]"))
        #expect(refused.stderr.contains("268435456 bytes"))
        #expect(refused.stderr.contains("--max-ratio"))
        #expect(!workspace.exists("out"))

        // A raised ratio lets the archive past that limit, to the next one (so nothing is written here either).
        let raised = try posbridge(["archive", "extract", "bomb.zip", "out", "--max-ratio", "100000", "--max-size", "100MB"], in: workspace)
        #expect(raised.status == 1)
        #expect(raised.stderr.contains("more than the limit of 104857600 bytes (raise it with --max-size)"))
        #expect(!workspace.exists("out"))
    }

    @Test func verifyPassesThenNamesEveryTamperedFileAndExitsOne() throws {
        let workspace = try makeRun()
        #expect(try posbridge(["archive", "create", "runs/r", "--out", "good.tar.zst"], in: workspace).status == 0)
        let good = try posbridge(["archive", "verify", "good.tar.zst"], in: workspace)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.hasPrefix("ok: good.tar.zst (full: 4 files"))

        try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent("t"), withIntermediateDirectories: true)
        _ = try CommandRunner.run("bsdtar", ["-xf", "good.tar.zst", "-C", "t"], cwd: workspace.url)
        try workspace.write("t/\(Self.runId)/data/report.csv", "sku,outcome\n1,deleted\n")
        try FileManager.default.removeItem(atPath: workspace.path("t/\(Self.runId)/data/run.json"))
        try workspace.write("t/\(Self.runId)/data/extra.txt", "x")
        let pack = try CommandRunner.run("bsdtar", ["--zstd", "-cf", "bad.tar.zst", "-C", "t", Self.runId], cwd: workspace.url)
        #expect(pack.status == 0, "\(pack.stderr)")

        let full = try posbridge(["archive", "verify", "bad.tar.zst"], in: workspace)
        #expect(full.status == 1)
        let lines = full.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("changed: data/report.csv"))
        #expect(lines.contains("missing: data/run.json"))
        #expect(lines.contains("extra: data/extra.txt"))
        #expect(full.stderr.contains("[archive.verification-failed]"))

        let fast = try posbridge(["archive", "verify", "--fast", "--json", "bad.tar.zst"], in: workspace)
        #expect(fast.status == 1)
        let object = try json(fast.stdout)
        #expect(object["ok"] == .bool(false))
        #expect(object["mode"] == .string("fast"))
        guard case .array(let problems)? = object["problems"] else { Issue.record("no problems array"); return }
        let named = problems.compactMap { $0.objectValue }.map { "\($0["kind"]?.stringValue ?? ""): \($0["path"]?.stringValue ?? "")" }
        #expect(named.contains("missing: data/run.json"))
        #expect(named.contains("extra: data/extra.txt"))
        #expect(!named.contains("changed: data/report.csv"))
    }

    @Test func listPrintsEntriesWithSizes() throws {
        let workspace = try makeRun()
        #expect(try posbridge(["archive", "create", "runs/r", "--out", "l.zip", "--format", "zip"], in: workspace).status == 0)
        let text = try posbridge(["archive", "list", "l.zip"], in: workspace)
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(lines.first?.hasSuffix("  \(Self.runId)/bagit.txt") == true)
        #expect(lines.contains { $0.hasSuffix("300000  \(Self.runId)/data/extract/page.bin") })

        let json = try posbridge(["archive", "list", "--json", "l.zip"], in: workspace)
        guard case .array(let entries) = try JSONParser.parse(bytes: Array(json.stdout.utf8)) else {
            Issue.record("not a JSON array"); return
        }
        #expect(entries.count == 9)
        #expect(entries.first?.objectValue?["path"] == .string("\(Self.runId)/bagit.txt"))
        #expect(entries.first?.objectValue?["size"] == .number(CanonicalNumber(54)))
    }

    @Test func extractWritesFilesAndRefusesToOverwriteWithoutForce() throws {
        let workspace = try makeRun()
        #expect(try posbridge(["archive", "create", "runs/r", "--out", "e.tar.zst"], in: workspace).status == 0)
        let first = try posbridge(["archive", "extract", "e.tar.zst", "out"], in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try workspace.read("out/\(Self.runId)/data/extract/page.bin") == (try workspace.read("runs/r/extract/page.bin")))

        let second = try posbridge(["archive", "extract", "e.tar.zst", "out"], in: workspace)
        #expect(second.status == 1)
        #expect(second.stderr.contains("[archive.would-overwrite]"))
        #expect(try posbridge(["archive", "extract", "e.tar.zst", "out", "--force"], in: workspace).status == 0)
    }

    @Test func extractRefusesAnUnsafeArchiveAndWritesNothing() throws {
        let workspace = try makeRun()
        let script = "import tarfile,io\nt=tarfile.open('evil.tar','w')\ni=tarfile.TarInfo('../evil.txt')\ni.size=4\nt.addfile(i,io.BytesIO(b'boom'))\nt.close()"
        #expect(try CommandRunner.run("python3", ["-c", script], cwd: workspace.url).status == 0)
        let result = try posbridge(["archive", "extract", "evil.tar", "dest"], in: workspace)
        #expect(result.status == 1)
        #expect(result.stderr.contains("[archive.unsafe-entry]"))
        #expect(result.stderr.contains("../evil.txt"))
        #expect(!workspace.exists("dest"))
        #expect(!FileManager.default.fileExists(atPath: workspace.url.deletingLastPathComponent().appendingPathComponent("evil.txt").path))
    }
}
