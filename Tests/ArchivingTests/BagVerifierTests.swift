import Archiving
import Foundation
import Testing
import TestSupport

@Suite struct BagVerifierTests {
    /// Bags the fixture, lets `edit` tamper with an unpacked copy, repacks it with bsdtar and
    /// verifies the result in both modes.
    private func tampered(_ format: ArchiveFormat, edit: (String) throws -> Void) throws -> (full: [String], fast: [String]) {
        let fixture = try RunFixture()
        try fixture.create("good.\(format.fileExtension)", format: format)
        try fixture.repack("good.\(format.fileExtension)", as: "bad.\(format.fileExtension)", format: format, edit: edit)
        let path = fixture.workspace.path("bad.\(format.fileExtension)")
        let full = try BagVerifier.verify(archive: path, mode: .full).problems.map(\.description)
        let fast = try BagVerifier.verify(archive: path, mode: .fast).problems.map(\.description)
        return (full, fast)
    }

    private static func overwrite(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: ArchiveFormat.allCases)
    func repackedUntouchedBagIsStillValid(format: ArchiveFormat) throws {
        let result = try tampered(format) { _ in }
        #expect(result.full == [])
        #expect(result.fast == [])
    }

    @Test(arguments: ArchiveFormat.allCases)
    func changedContentOfSameSizeIsFoundByFullOnly(format: ArchiveFormat) throws {
        let original = RunFixture.files["report.csv"]!
        let result = try tampered(format) { bag in
            try Self.overwrite(bag + "/data/report.csv", String(repeating: "x", count: original.count))
        }
        #expect(result.full == ["changed: data/report.csv"])
        // Documented limit: fast mode sees sizes and names only.
        #expect(result.fast == [])
    }

    @Test(arguments: ArchiveFormat.allCases)
    func changedSizeIsFoundByBothModes(format: ArchiveFormat) throws {
        let result = try tampered(format) { bag in
            try Self.overwrite(bag + "/data/diff.items.ndjson", "{}\n")
        }
        #expect(result.full.contains("changed: data/diff.items.ndjson"))
        #expect(result.full.count == 2)
        #expect(result.fast.count == 1)
        #expect(result.fast.first?.hasPrefix("size: data (Payload-Oxum says") == true)
    }

    @Test(arguments: ArchiveFormat.allCases)
    func missingFileIsNamedByBothModes(format: ArchiveFormat) throws {
        let result = try tampered(format) { bag in
            try FileManager.default.removeItem(atPath: bag + "/data/snapshots/bc.items.ndjson")
        }
        for problems in [result.full, result.fast] {
            #expect(problems.contains("missing: data/snapshots/bc.items.ndjson"))
            #expect(problems.count == 2)  // and the Payload-Oxum mismatch
        }
    }

    @Test(arguments: ArchiveFormat.allCases)
    func extraFileIsNamedByBothModes(format: ArchiveFormat) throws {
        let result = try tampered(format) { bag in
            try Self.overwrite(bag + "/data/extract/smuggled.txt", "hello")
        }
        for problems in [result.full, result.fast] {
            #expect(problems.contains("extra: data/extract/smuggled.txt"))
            #expect(problems.count == 2)
        }
    }

    @Test func everyProblemIsNamedNotJustTheFirst() throws {
        let result = try tampered(.tarZstd) { bag in
            try Self.overwrite(bag + "/data/report.csv", "sku,outcome\n1000,created\n")  // same size
            try Self.overwrite(bag + "/data/run.json", "{}")
            try FileManager.default.removeItem(atPath: bag + "/data/extract/bc/items-page-1.json")
            try FileManager.default.removeItem(atPath: bag + "/data/snapshots/ls.items.ndjson")
            try Self.overwrite(bag + "/data/new.txt", "new")
            try Self.overwrite(bag + "/notes.txt", "not listed anywhere")
        }
        let sizes = RunFixture.files.mapValues(\.count)
        let total = sizes.values.reduce(0, +)
        let after = total - sizes["run.json"]! + 2 - sizes["extract/bc/items-page-1.json"]! - sizes["snapshots/ls.items.ndjson"]! + 3
        #expect(result.full == [
            "size: data (Payload-Oxum says \(total).7, payload is \(after).6)",
            "missing: data/extract/bc/items-page-1.json",
            "extra: data/new.txt",
            "changed: data/report.csv",
            "changed: data/run.json",
            "missing: data/snapshots/ls.items.ndjson",
            "extra: notes.txt",
        ])
        #expect(result.fast == result.full.filter { !$0.hasPrefix("changed:") })
    }

    @Test(arguments: ["bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt", "bag-info.txt"])
    func missingTagFileIsReported(name: String) throws {
        let result = try tampered(.tarZstd) { bag in try FileManager.default.removeItem(atPath: bag + "/" + name) }
        #expect(result.full.contains("missing: \(name)"))
        #expect(result.fast.contains("missing: \(name)"))
    }

    @Test func missingTagManifestIsReportedByFullMode() throws {
        let result = try tampered(.tarZstd) { bag in try FileManager.default.removeItem(atPath: bag + "/tagmanifest-sha256.txt") }
        #expect(result.full == ["missing: tagmanifest-sha256.txt"])
        #expect(result.fast == [])
    }

    @Test func editedBagInfoIsCaughtByTheTagManifest() throws {
        let result = try tampered(.tarZstd) { bag in
            let path = bag + "/bag-info.txt"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try Self.overwrite(path, text.replacingOccurrences(of: "Bagging-Date: 2026-11-18", with: "Bagging-Date: 2026-11-19"))
        }
        #expect(result.full == ["changed: bag-info.txt"])
    }

    @Test func malformedManifestLineIsReported() throws {
        let result = try tampered(.tarZstd) { bag in
            let path = bag + "/manifest-sha256.txt"
            try Self.overwrite(path, try String(contentsOfFile: path, encoding: .utf8) + "not-a-digest data/x\n")
        }
        #expect(result.fast.contains("invalid: manifest-sha256.txt (line 8 is not \"<sha256 digest> <path>\")"))
    }

    @Test func symlinkInsideTheBagIsInvalid() throws {
        let result = try tampered(.tarZstd) { bag in
            try FileManager.default.createSymbolicLink(atPath: bag + "/data/link", withDestinationPath: "run.json")
        }
        #expect(result.full.contains("invalid: data/link (a symlink cannot be part of a bag)"))
    }

    @Test func notAnArchiveIsAnError() throws {
        let workspace = try TempWorkspace("verify")
        let path = try workspace.write("junk.tar.zst", "this is not an archive")
        let error = #expect(throws: ArchiveError.self) { try BagVerifier.verify(archive: path, mode: .full) }
        #expect(error?.kind == .library)
        #expect(error?.message.contains("junk.tar.zst") == true)
    }
}
