import Archiving
import Foundation
import Testing
import TestSupport

@Suite struct ExtractLimitsTests {
    /// Writes a zip of one file of `megabytes` MiB of zeros; `streamed` writes it through a pipe, so
    /// that the entry declares no size up front (a data descriptor follows the data instead).
    private func zeros(_ path: String, megabytes: Int, streamed: Bool = false) throws {
        let script = """
            import sys, zipfile
            path, count, streamed = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
            out = sys.stdout.buffer if streamed else open(path, "wb")
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                with z.open("bag/zeros.bin", "w", force_zip64=False) as f:
                    block = bytes(1 << 20)
                    for _ in range(count):
                        f.write(block)
            """
        if streamed {
            try Tool.run("sh", ["-c", "python3 -c '\(script)' - \(megabytes) 1 > '\(path)'"])
        } else {
            try Tool.run("python3", ["-c", script, path, String(megabytes), "0"])
        }
    }

    @Test func refusesAnArchiveBeyondTheRatioAndWritesNothing() throws {
        let workspace = try TempWorkspace("limits")
        try zeros(workspace.path("bomb.zip"), megabytes: 4)
        let limits = ExtractLimits(maxRatio: 50, ratioFloor: 1 << 20)
        let error = #expect(throws: ArchiveError.self) {
            try SafeExtractor(limits: limits).extract(archive: workspace.path("bomb.zip"), into: workspace.path("dest"))
        }
        #expect(error?.kind == .tooLarge)
        #expect(error?.message.contains("4194304 bytes") == true)
        #expect(error?.message.contains("--max-ratio") == true)
        #expect(!workspace.exists("dest"))
    }

    @Test func aRaisedRatioLetsTheSameArchiveThrough() throws {
        let workspace = try TempWorkspace("limits")
        try zeros(workspace.path("bomb.zip"), megabytes: 4)
        let limits = ExtractLimits(maxRatio: 100_000, ratioFloor: 1 << 20)
        let summary = try SafeExtractor(limits: limits).extract(archive: workspace.path("bomb.zip"), into: workspace.path("dest"))
        #expect(summary.bytes == 4 << 20)
        #expect(try workspace.read("dest/bag/zeros.bin").count == 4 << 20)
    }

    @Test func smallTotalsAreNeverRefusedForTheirRatio() throws {
        let workspace = try TempWorkspace("limits")
        try zeros(workspace.path("small.zip"), megabytes: 2)
        // 2 MiB of zeros deflate to a few KiB (a ratio near 1000), but stay below the default 64 MiB floor.
        let summary = try SafeExtractor().extract(archive: workspace.path("small.zip"), into: workspace.path("dest"))
        #expect(summary.bytes == 2 << 20)
    }

    @Test func refusesAnArchiveBeyondTheTotalSize() throws {
        let workspace = try TempWorkspace("limits")
        try zeros(workspace.path("big.zip"), megabytes: 3)
        let error = #expect(throws: ArchiveError.self) {
            try SafeExtractor(limits: ExtractLimits(maxBytes: 2 << 20)).extract(archive: workspace.path("big.zip"), into: workspace.path("dest"))
        }
        #expect(error?.kind == .tooLarge)
        #expect(error?.message.contains("more than the limit of 2097152 bytes") == true)
        #expect(!workspace.exists("dest"))
    }

    @Test func aStreamedEntryWithoutADeclaredSizeIsCountedBeforeAnythingIsWritten() throws {
        let workspace = try TempWorkspace("limits")
        try zeros(workspace.path("streamed.zip"), megabytes: 3, streamed: true)
        let entries = try ArchiveReader.list(workspace.path("streamed.zip"))
        #expect(entries.map(\.size) == [3 << 20])
        let error = #expect(throws: ArchiveError.self) {
            try SafeExtractor(limits: ExtractLimits(maxBytes: 2 << 20)).extract(archive: workspace.path("streamed.zip"), into: workspace.path("dest"))
        }
        #expect(error?.kind == .tooLarge)
        #expect(!workspace.exists("dest"))
    }

    @Test func aDamagedEntryStopsTheSecondPassAndRemovesWhatItWrote() throws {
        let workspace = try TempWorkspace("limits")
        let archive = workspace.path("damaged.zip")
        try Crafted.write(archive, kind: "zip", [
            .file("bag/first.txt", "written before the damaged entry\n"),
            .file("bag/second.txt", String(repeating: "the entry whose data is damaged\n", count: 200)),
        ])
        // Flip bytes inside the second entry's compressed data: its header stays intact, so the first
        // pass (headers only) accepts the archive and the second pass fails on the data.
        var bytes = try workspace.read("damaged.zip")
        let name = Array("bag/second.txt".utf8)
        let header = try #require((0...(bytes.count - name.count)).first { bytes[$0..<$0 + name.count].elementsEqual(name) })
        for index in header + name.count + 4..<header + name.count + 12 { bytes[index] ^= 0x5A }
        try workspace.write("damaged.zip", bytes)
        try FileManager.default.createDirectory(atPath: workspace.path("dest/kept"), withIntermediateDirectories: true)

        let error = #expect(throws: ArchiveError.self) {
            try SafeExtractor().extract(archive: archive, into: workspace.path("dest"))
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("second.txt") == true)
        // What the extraction created is gone; what was there before stays.
        #expect(!workspace.exists("dest/bag"))
        #expect(workspace.exists("dest/kept"))
    }
}
