import Archiving
import Foundation
import TestSupport

/// A small, realistic run folder in a fresh workspace, and helpers to bag, unpack and repack it.
struct RunFixture {
    let workspace: TempWorkspace
    /// The run folder (`runs/run-7`).
    let runFolder: String

    /// The run id written in run.json.
    static let runId = "20261118T082640Z-0000abcd"
    /// run.json's startedAt.
    static let startedAt = "2026-11-18T08:26:40Z"

    /// The payload files relative to the run folder, with their bytes.
    static let files: [String: [UInt8]] = [
        "run.json": Array(#"{"pipeline":"products","runId":"\#(runId)","startedAt":"\#(startedAt)"}"#.utf8),
        "snapshots/bc.items.ndjson": Array(#"{"fields":{"name":"Chair"},"key":"1000","ref":{}}"#.utf8 + [0x0A]),
        "snapshots/ls.items.ndjson": Array(#"{"fields":{"name":"Chair"},"key":"1000","ref":{"itemID":"7"}}"#.utf8 + [0x0A]),
        "diff.items.ndjson": Array(#"{"change":"updated","key":"1000"}"#.utf8 + [0x0A]),
        "extract/bc/items-page-1.json": Array(#"{"value":[{"number":"1000"}]}"#.utf8),
        "extract/ls/catalogue.bin": RunFixture.pseudoRandom(count: 2_500_000, seed: 7),
        "report.csv": Array("sku,outcome\n1000,updated\n".utf8),
    ]

    /// Builds the fixture; `runJSON: false` leaves run.json out.
    init(runJSON: Bool = true, label: String = "archive") throws {
        workspace = try TempWorkspace(label)
        runFolder = workspace.path("runs/run-7")
        for (path, bytes) in Self.files where runJSON || path != "run.json" {
            try workspace.write("runs/run-7/\(path)", bytes)
        }
    }

    /// Bytes that do not compress, from a small xorshift generator.
    static func pseudoRandom(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        var out = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            out[index] = UInt8(truncatingIfNeeded: state)
        }
        return out
    }

    /// Bags the run folder into `name` inside the workspace.
    @discardableResult
    func create(_ name: String, format: ArchiveFormat = .tarZstd, force: Bool = false, date: Date? = nil) throws -> BagSummary {
        let options = BagWriter.Options(format: format, output: workspace.path(name), force: force, date: date,
                                        workingDirectory: workspace.url.path)
        return try BagWriter(options: options).create(runFolder: runFolder)
    }

    /// Every regular file under a folder, relative path → bytes.
    static func tree(_ root: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder)
            if !isFolder.boolValue {
                result[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)))
            }
        }
        return result
    }

    /// Unpacks `archive` with bsdtar into `folder`, lets `edit` change the bag (its root folder is
    /// passed), and packs it again with bsdtar in the same format as `output`.
    func repack(_ archive: String, as output: String, format: ArchiveFormat, edit: (String) throws -> Void) throws {
        let folder = workspace.path("repack-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Tool.run("bsdtar", ["-xf", workspace.path(archive), "-C", folder])
        try edit(folder + "/" + Self.runId)
        let formatArguments = format == .zip ? ["--format", "zip"] : ["--zstd"]
        try Tool.run("bsdtar", formatArguments + ["-cf", workspace.path(output), "-C", folder, Self.runId])
    }
}

/// Runs an external tool and fails loudly (never skips) when it is missing or fails.
enum Tool {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String], cwd: URL? = nil) throws -> CommandResult {
        let result = try CommandRunner.run(program, arguments, cwd: cwd)
        guard result.status == 0 else {
            throw Failure(description: "\(program) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result
    }
}
