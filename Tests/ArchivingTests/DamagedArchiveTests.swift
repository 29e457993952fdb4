import Archiving
import Foundation
import Testing
import TestSupport

/// Truncated and corrupted archives are told apart, and no libarchive pseudo-errno text is appended.
@Suite struct DamagedArchiveTests {
    /// A tar of compressible text files, compressed by the `zstd` tool (which adds a checksum) when
    /// `zstd` is true; `plain.tar` or `plain.tar.zst` in the workspace.
    private func textArchive(in workspace: TempWorkspace, zstd: Bool) throws -> String {
        let script = """
            import sys, tarfile, io
            with tarfile.open(sys.argv[1], "w", format=tarfile.PAX_FORMAT) as t:
                for n in range(4):
                    data = "".join("line %d of file %d, some text to compress\\n" % (i, n) for i in range(8000)).encode()
                    info = tarfile.TarInfo("bag/file-%d.txt" % n)
                    info.size, info.mtime = len(data), 1795000000
                    t.addfile(info, io.BytesIO(data))
            """
        try Tool.run("python3", ["-c", script, workspace.path("plain.tar")])
        guard zstd else { return workspace.path("plain.tar") }
        try Tool.run("zstd", ["-q", "-f", workspace.path("plain.tar"), "-o", workspace.path("plain.tar.zst")])
        return workspace.path("plain.tar.zst")
    }

    /// Reads every entry and all its data.
    private func readAll(_ path: String) throws(ArchiveError) {
        _ = try BagVerifier.verify(archive: path, mode: .full)
    }

    private func cut(_ path: String, keeping fraction: Double) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(bytes.prefix(Int(Double(bytes.count) * fraction))).write(to: URL(fileURLWithPath: path))
    }

    private func flip(_ path: String, at fraction: Double, count: Int = 16) throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let start = Int(Double(bytes.count) * fraction)
        for index in start..<start + count { bytes[index] ^= 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [true, false])
    func aCutOffTarIsTruncated(zstd: Bool) throws {
        let workspace = try TempWorkspace("damaged")
        let path = try textArchive(in: workspace, zstd: zstd)
        try cut(path, keeping: 0.6)
        let error = #expect(throws: ArchiveError.self) { try readAll(path) }
        #expect(error?.kind == .truncated)
        #expect(error?.message.contains("the archive is truncated") == true)
    }

    @Test(arguments: ArchiveFormat.allCases)
    func aCutOffBagIsTruncated(format: ArchiveFormat) throws {
        let fixture = try RunFixture()
        try fixture.create("bag.\(format.fileExtension)", format: format)
        let path = fixture.workspace.path("bag.\(format.fileExtension)")
        try cut(path, keeping: 0.5)
        let error = #expect(throws: ArchiveError.self) { try readAll(path) }
        #expect(error?.kind == .truncated)
        #expect(error?.message.contains("truncated") == true)
    }

    @Test func damagedZstdDataIsCorruptNotTruncated() throws {
        let workspace = try TempWorkspace("damaged")
        let path = try textArchive(in: workspace, zstd: true)
        try flip(path, at: 0.5)
        let error = #expect(throws: ArchiveError.self) { try readAll(path) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("the archive is corrupt") == true)
        #expect(error?.message.lowercased().contains("truncated") == false)
    }

    @Test func aDamagedTarHeaderIsCorruptNotTruncated() throws {
        let workspace = try TempWorkspace("damaged")
        let path = try textArchive(in: workspace, zstd: false)
        // The third file's header: its size field becomes garbage, so libarchive would call the
        // archive truncated; the end-of-archive marker is intact.
        var bytes = try workspace.read("plain.tar")
        let name = Array("bag/file-2.txt".utf8)
        let header = try #require((0...(bytes.count - name.count)).last { bytes[$0..<$0 + name.count].elementsEqual(name) })
        for index in header + 124..<header + 136 { bytes[index] = UInt8(ascii: "7") }
        try workspace.write("plain.tar", bytes)
        let error = #expect(throws: ArchiveError.self) { try readAll(path) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.lowercased().contains("truncated") == false)
    }

    @Test func aZipWithADamagedEntryIsCorrupt() throws {
        let fixture = try RunFixture()
        try fixture.create("bag.zip", format: .zip)
        let path = fixture.workspace.path("bag.zip")
        try flip(path, at: 0.5)
        let error = #expect(throws: ArchiveError.self) { try readAll(path) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("end-of-central-directory record is intact") == true)
    }

    @Test func anUnrecognizedFileCarriesNoStrayErrnoText() throws {
        let workspace = try TempWorkspace("damaged")
        let path = try workspace.write("junk.tar.zst", RunFixture.pseudoRandom(count: 4096, seed: 3))
        let error = #expect(throws: ArchiveError.self) { try ArchiveReader.list(path) }
        #expect(error?.message.contains("Unrecognized archive format") == true)
        // libarchive sets errno to EILSEQ for a format error; its strerror text is no reason.
        #expect(error?.message.contains("multibyte") == false)
        #expect(error?.message.hasSuffix("Unrecognized archive format") == true)
    }
}
