import Archiving
import Foundation
import Testing
import TestSupport

@Suite struct SafeExtractorTests {
    /// Crafts an archive, tries to extract it into `dest`, and returns the error.
    private func refused(_ entries: [Crafted.Entry], kind: String = "tar", in workspace: TempWorkspace,
                         file: String = "evil.tar") throws -> ArchiveError? {
        let archive = workspace.path(file)
        try Crafted.write(archive, kind: kind, entries)
        return #expect(throws: ArchiveError.self) {
            try SafeExtractor().extract(archive: archive, into: workspace.path("dest/inner"))
        }
    }

    /// Nothing at all was written: not the destination, not anything beside it.
    private func expectNothingWritten(_ workspace: TempWorkspace, besides: Set<String>) throws {
        #expect(!workspace.exists("dest"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: workspace.url.path)) == besides)
    }

    @Test(arguments: ["tar", "zip"])
    func refusesDotDotEntryAndWritesNothing(kind: String) throws {
        let workspace = try TempWorkspace("extract")
        let file = "evil.\(kind)"
        let error = try refused([.file("bag/ok.txt", "fine"), .file("bag/../../escape.txt", "boom")], kind: kind, in: workspace, file: file)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("bag/../../escape.txt") == true)
        try expectNothingWritten(workspace, besides: [file])
    }

    @Test func refusesAbsolutePathAndWritesNothing() throws {
        let workspace = try TempWorkspace("extract")
        let target = workspace.path("absolute-target.txt")
        let error = try refused([.file("bag/ok.txt", "fine"), .file(target, "boom")], in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("absolute") == true)
        #expect(error?.message.contains(target) == true)
        #expect(!FileManager.default.fileExists(atPath: target))
        try expectNothingWritten(workspace, besides: ["evil.tar"])
    }

    @Test func refusesSymlinkPointingOutsideAndWritesNothing() throws {
        let workspace = try TempWorkspace("extract")
        let error = try refused([.directory("bag"), .symlink("bag/out", target: "../../.."), .file("bag/out/x.txt", "boom")],
                                in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("\"bag/out\"") == true)
        #expect(error?.message.contains("outside") == true)
        try expectNothingWritten(workspace, besides: ["evil.tar"])
    }

    @Test func refusesSymlinkWithAbsoluteTarget() throws {
        let workspace = try TempWorkspace("extract")
        let error = try refused([.symlink("bag/passwd", target: "/etc/passwd")], in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("bag/passwd") == true)
        try expectNothingWritten(workspace, besides: ["evil.tar"])
    }

    @Test func refusesTraversalThroughASymlinkThatLooksInside() throws {
        let workspace = try TempWorkspace("extract")
        // `here` -> "." is harmless alone, but `here/../x` really resolves above the destination.
        let error = try refused([.symlink("here", target: "."), .symlink("sneaky", target: "here/../x")], in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("sneaky") == true)
        try expectNothingWritten(workspace, besides: ["evil.tar"])
    }

    @Test func refusesWritingThroughASymlinkEntry() throws {
        let workspace = try TempWorkspace("extract")
        let error = try refused([.directory("real"), .symlink("alias", target: "real"), .file("alias/x.txt", "boom")], in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("alias/x.txt") == true)
        try expectNothingWritten(workspace, besides: ["evil.tar"])
    }

    @Test func refusesHardlinkOutside() throws {
        let workspace = try TempWorkspace("extract")
        let error = try refused([.file("bag/a.txt", "a"), .hardlink("bag/h", target: "../etc/passwd")], in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("bag/h") == true)
        try expectNothingWritten(workspace, besides: ["evil.tar"])
    }

    @Test func refusesFIFO() throws {
        let workspace = try TempWorkspace("extract")
        let error = try refused([.file("bag/a.txt", "a"), .fifo("bag/pipe")], in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("bag/pipe") == true)
        #expect(error?.message.contains("FIFO") == true)
        try expectNothingWritten(workspace, besides: ["evil.tar"])
    }

    @Test func refusesTheSameNameTwice() throws {
        let workspace = try TempWorkspace("extract")
        let error = try refused([.file("bag/a.txt", "a"), .file("bag/a.txt", "b")], in: workspace)
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("twice") == true)
    }

    @Test func refusesAnExistingSymlinkOnDiskInsideTheDestination() throws {
        let workspace = try TempWorkspace("extract")
        let archive = workspace.path("plain.tar")
        try Crafted.write(archive, [.file("sub/x.txt", "boom")])
        try FileManager.default.createDirectory(atPath: workspace.path("dest"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: workspace.path("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("dest/sub"), withDestinationPath: workspace.path("elsewhere"))
        let error = #expect(throws: ArchiveError.self) { try SafeExtractor(overwrite: true).extract(archive: archive, into: workspace.path("dest")) }
        #expect(error?.kind == .unsafeEntry)
        #expect(error?.message.contains("sub/x.txt") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("elsewhere")) == [])
    }

    @Test func safeRelativeLinksAreExtracted() throws {
        let workspace = try TempWorkspace("extract")
        let archive = workspace.path("links.tgz")
        try Crafted.write(archive, kind: "tgz", [
            .directory("bag"), .file("bag/a.txt", "alpha"), .symlink("bag/sub/up", target: "../a.txt"), .hardlink("bag/b.txt", target: "bag/a.txt"),
        ])
        let summary = try SafeExtractor().extract(archive: archive, into: workspace.path("dest"))
        #expect(summary.files == 2)
        #expect(summary.symlinks == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("dest/bag/sub/up")) == "../a.txt")
        #expect(try workspace.readText("dest/bag/sub/up") == "alpha")
        #expect(try workspace.readText("dest/bag/b.txt") == "alpha")
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let fixture = try RunFixture()
        let summary = try fixture.create("run.tar.zst")
        let destination = fixture.workspace.path("dest")
        _ = try SafeExtractor().extract(archive: summary.archivePath, into: destination)
        let report = "dest/\(RunFixture.runId)/data/report.csv"
        try fixture.workspace.write(report, "edited")

        let error = #expect(throws: ArchiveError.self) { try SafeExtractor().extract(archive: summary.archivePath, into: destination) }
        #expect(error?.kind == .wouldOverwrite)
        #expect(error?.message.contains("bagit.txt") == true)
        #expect(try fixture.workspace.readText(report) == "edited")

        _ = try SafeExtractor(overwrite: true).extract(archive: summary.archivePath, into: destination)
        #expect(try fixture.workspace.read(report) == RunFixture.files["report.csv"])
    }
}
