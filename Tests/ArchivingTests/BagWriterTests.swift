import Archiving
import Foundation
import Testing
import TestSupport

@Suite struct BagWriterTests {
    @Test(arguments: ArchiveFormat.allCases)
    func roundTripCreateVerifyExtract(format: ArchiveFormat) throws {
        let fixture = try RunFixture()
        let summary = try fixture.create("run.\(format.fileExtension)", format: format)
        #expect(summary.runId == RunFixture.runId)
        #expect(summary.payloadFiles == RunFixture.files.count)
        #expect(summary.payloadBytes == Int64(RunFixture.files.values.reduce(0) { $0 + $1.count }))

        for mode in [BagVerification.Mode.full, .fast] {
            let result = try BagVerifier.verify(archive: summary.archivePath, mode: mode)
            #expect(result.problems == [], "\(mode)")
            #expect(result.runId == RunFixture.runId)
            #expect(result.payloadFiles == RunFixture.files.count)
        }

        let extracted = try SafeExtractor().extract(archive: summary.archivePath, into: fixture.workspace.path("out"))
        #expect(extracted.files == RunFixture.files.count + 5)
        let payload = try RunFixture.tree(fixture.workspace.path("out/\(RunFixture.runId)/data"))
        #expect(payload == RunFixture.files)
        let tags = try RunFixture.tree(fixture.workspace.path("out/\(RunFixture.runId)")).keys.filter { !$0.hasPrefix("data/") }
        #expect(Set(tags) == ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"])
    }

    @Test func tagFilesHoldTheExpectedText() throws {
        let fixture = try RunFixture()
        let summary = try fixture.create("run.tar.zst")
        try Tool.run("bsdtar", ["-xf", summary.archivePath, "-C", fixture.workspace.url.path])
        let bag = "\(RunFixture.runId)/"
        #expect(try fixture.workspace.readText(bag + "bagit.txt") == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        let bytes = RunFixture.files.values.reduce(0) { $0 + $1.count }
        #expect(try fixture.workspace.readText(bag + "bag-info.txt") == """
            Bag-Software-Agent: posbridge 0.1.0
            Bagging-Date: 2026-11-18
            External-Identifier: \(RunFixture.runId)
            Payload-Oxum: \(bytes).\(RunFixture.files.count)

            """)
        let manifest = try fixture.workspace.readText(bag + "manifest-sha256.txt").split(separator: "\n")
        #expect(manifest.map { $0.split(separator: " ", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) } ==
                RunFixture.files.keys.map { "data/" + $0 }.sorted { $0.utf8Precedes($1) })
        // Digests agree with coreutils, so they are not just self-consistent.
        for (tool, name) in [("sha256sum", "manifest-sha256.txt"), ("sha512sum", "manifest-sha512.txt")] {
            let check = try CommandRunner.run(tool, ["--check", "--strict", name], cwd: fixture.workspace.url.appendingPathComponent(bag))
            #expect(check.status == 0, "\(tool): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.split(separator: "\n").count == RunFixture.files.count)
        }
        let tagManifest = try fixture.workspace.readText(bag + "tagmanifest-sha256.txt")
        #expect(tagManifest.split(separator: "\n").map { String($0.split(separator: " ").last!) } ==
                ["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt"])
    }

    @Test func entriesComeInFixedOrderWithFixedMetadata() throws {
        let fixture = try RunFixture()
        let summary = try fixture.create("run.tar.zst")
        let entries = try ArchiveReader.list(summary.archivePath)
        let tags = ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"]
        let payload = RunFixture.files.keys.sorted { $0.utf8Precedes($1) }.map { "data/" + $0 }
        #expect(entries.map(\.path) == (tags + payload).map { "\(RunFixture.runId)/\($0)" })
        let startedAt = Int(BagDate.parse(RunFixture.startedAt)!.timeIntervalSince1970)
        #expect(entries.allSatisfy { $0.modificationTime == startedAt && $0.permissions == 0o644 && $0.kind == .file })
        #expect(entries.last?.size == Int64(RunFixture.files["snapshots/ls.items.ndjson"]!.count))
    }

    @Test(arguments: ArchiveFormat.allCases)
    func sameFolderGivesSameBytesEvenAfterTouchingFiles(format: ArchiveFormat) throws {
        let fixture = try RunFixture()
        let first = try fixture.create("a.\(format.fileExtension)", format: format)
        let second = try fixture.create("b.\(format.fileExtension)", format: format)
        let firstBytes = try fixture.workspace.read("a.\(format.fileExtension)")
        #expect(firstBytes.count > 2_000_000)
        #expect(firstBytes == (try fixture.workspace.read("b.\(format.fileExtension)")))
        for path in RunFixture.files.keys {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: fixture.runFolder + "/" + path)
        }
        try fixture.create("a.\(format.fileExtension)", format: format, force: true)
        #expect(firstBytes == (try fixture.workspace.read("a.\(format.fileExtension)")))
        #expect(first.archiveBytes == second.archiveBytes)
    }

    @Test func dateRuleStartedAtThenGivenDateThenNewestFile() throws {
        let given = BagDate.parse("2025-03-04")!
        let withRun = try RunFixture()
        #expect(try withRun.create("a.tar.zst", date: given).baggingDate == BagDate.parse(RunFixture.startedAt))

        let withoutRun = try RunFixture(runJSON: false)
        let dated = try withoutRun.create("a.tar.zst", date: given)
        #expect(dated.baggingDate == given)
        #expect(dated.runId == "run-7")

        let newest = Date(timeIntervalSince1970: 1_650_000_123)
        for (index, path) in RunFixture.files.keys.filter({ $0 != "run.json" }).enumerated() {
            let date = index == 2 ? newest : Date(timeIntervalSince1970: 1_600_000_000)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: withoutRun.runFolder + "/" + path)
        }
        #expect(try withoutRun.create("b.tar.zst").baggingDate == newest)
    }

    @Test func defaultOutputIsArchiveYearMonthRunId() throws {
        let fixture = try RunFixture()
        let options = BagWriter.Options(format: .zip, workingDirectory: fixture.workspace.url.path)
        let summary = try BagWriter(options: options).create(runFolder: fixture.runFolder)
        #expect(summary.archivePath == fixture.workspace.url.standardizedFileURL.path + "/archive/2026/11/\(RunFixture.runId).zip")
        #expect(fixture.workspace.exists("archive/2026/11/\(RunFixture.runId).zip"))
    }

    @Test func refusesToOverwriteWithoutForceAndLeavesNoTemporaryFile() throws {
        let fixture = try RunFixture()
        try fixture.workspace.write("out/run.tar.zst", "keep me")
        let error = #expect(throws: ArchiveError.self) { try fixture.create("out/run.tar.zst") }
        #expect(error?.kind == .outputExists)
        #expect(error?.message.contains("out/run.tar.zst") == true)
        #expect(try fixture.workspace.readText("out/run.tar.zst") == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.workspace.path("out")) == ["run.tar.zst"])

        try fixture.create("out/run.tar.zst", force: true)
        #expect(try BagVerifier.verify(archive: fixture.workspace.path("out/run.tar.zst"), mode: .full).ok)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.workspace.path("out")) == ["run.tar.zst"])
    }

    @Test func refusesSymlinkInRunFolderNamingIt() throws {
        let fixture = try RunFixture()
        try FileManager.default.createSymbolicLink(atPath: fixture.runFolder + "/snapshots/link", withDestinationPath: "/etc/passwd")
        let error = #expect(throws: ArchiveError.self) { try fixture.create("run.tar.zst") }
        #expect(error?.kind == .runFolder)
        #expect(error?.message.contains("snapshots/link") == true)
        #expect(!fixture.workspace.exists("run.tar.zst"))
    }

    @Test func refusesFIFOInRunFolder() throws {
        let fixture = try RunFixture()
        try Tool.run("mkfifo", [fixture.runFolder + "/extract/pipe"])
        let error = #expect(throws: ArchiveError.self) { try fixture.create("run.tar.zst") }
        #expect(error?.kind == .runFolder)
        #expect(error?.message.contains("extract/pipe") == true)
    }

    @Test func refusesOutputInsideTheRunFolder() throws {
        let fixture = try RunFixture()
        let error = #expect(throws: ArchiveError.self) { try fixture.create("runs/run-7/self.tar.zst") }
        #expect(error?.kind == .invalidArgument)
    }

    @Test(arguments: ArchiveFormat.allCases)
    func namesWithPercentNewlineAndNonASCIIRoundTrip(format: ArchiveFormat) throws {
        let fixture = try RunFixture()
        let odd = ["extract/50%off.csv": "a", "extract/two\nlines.txt": "b", "extract/cr\rname.txt": "c", "extract/café.json": "d"]
        for (path, text) in odd { try fixture.workspace.write("runs/run-7/\(path)", text) }
        let summary = try fixture.create("odd.\(format.fileExtension)", format: format)
        #expect(try BagVerifier.verify(archive: summary.archivePath, mode: .full).problems == [])
        try Tool.run("bsdtar", ["-xf", summary.archivePath, "-C", fixture.workspace.url.path])
        let manifest = try fixture.workspace.readText("\(RunFixture.runId)/manifest-sha512.txt")
        #expect(manifest.contains("  data/extract/50%25off.csv\n"))
        #expect(manifest.contains("  data/extract/two%0Alines.txt\n"))
        #expect(manifest.contains("  data/extract/cr%0Dname.txt\n"))
        #expect(manifest.contains("  data/extract/café.json\n"))
        #expect(manifest.split(separator: "\n").count == RunFixture.files.count + odd.count)
        _ = try SafeExtractor().extract(archive: summary.archivePath, into: fixture.workspace.path("mine"))
        for (path, text) in odd {
            #expect(try fixture.workspace.readText("mine/\(RunFixture.runId)/data/\(path)") == text)
        }
    }

    /// The Library of Congress validator must accept our bags. (bagit-python 1.9 does not decode
    /// `%25`, so this fixture has no `%` in its names; see docs/archive-format.md.)
    @Test(arguments: ArchiveFormat.allCases)
    func libraryOfCongressValidatorAcceptsTheBag(format: ArchiveFormat) throws {
        let fixture = try RunFixture()
        try fixture.workspace.write("runs/run-7/extract/two\nlines.txt", "b")
        let summary = try fixture.create("run.\(format.fileExtension)", format: format)
        let folder = fixture.workspace.path("bsdtar")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Tool.run("bsdtar", ["-xf", summary.archivePath, "-C", folder])
        let result = try CommandRunner.run("python3", ["-m", "bagit", "--validate", folder + "/" + RunFixture.runId])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("is valid"))
    }
}
