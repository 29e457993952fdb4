#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PosBridgeCore

/// A run folder as it is about to be bagged: its run id, the `startedAt` of its run.json, and every
/// regular file under it. Symlinks, devices, FIFOs and sockets are refused, never followed or skipped.
package struct RunFolder: Sendable {
    /// One payload file.
    package struct File: Sendable, Equatable {
        /// Path relative to the run folder, `/`-separated, e.g. `snapshots/bc.items.ndjson`.
        package let relativePath: String
        /// Size in bytes when scanned.
        package let size: Int64
        /// Modification time in nanoseconds since 1970 when scanned (to detect a change later).
        package let modificationNanos: Int64
    }

    /// The folder's absolute path.
    package let root: String
    /// `runId` from run.json, else the folder's name.
    package let runId: String
    /// `startedAt` from run.json, when present.
    package let startedAt: Date?
    /// Every regular file, sorted by relative path bytes.
    package let files: [File]

    /// The newest modification time of any file, or nil for an empty folder.
    package var newestModification: Date? {
        files.map(\.modificationNanos).max().map { Date(timeIntervalSince1970: Double($0 / 1_000_000_000)) }
    }

    /// Total payload bytes.
    package var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }

    /// Scans a run folder and reads its run.json.
    package static func scan(_ path: String) throws(ArchiveError) -> RunFolder {
        // Symlinks in the folder's own path are resolved (a `runs/latest` link names the real run).
        let root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ArchiveError(.runFolder, "\(path) is not a folder")
        }
        var files: [File] = []
        try walk(root: root, relative: "", into: &files)
        files.sort { $0.relativePath.utf8Precedes($1.relativePath) }
        let folderName = URL(fileURLWithPath: root).lastPathComponent
        var runId = folderName
        var startedAt: Date?
        if files.contains(where: { $0.relativePath == "run.json" }) {
            (runId, startedAt) = try readRunFile(root + "/run.json", fallbackId: folderName)
        }
        guard isUsableRunId(runId) else {
            throw ArchiveError(.runFile, "run id of \(path) is not usable as a folder name: \(runId.debugDescription)")
        }
        return RunFolder(root: root, runId: runId, startedAt: startedAt, files: files)
    }

    /// A run id becomes the archive's top folder and a bag-info line: one path component, no
    /// control characters.
    static func isUsableRunId(_ id: String) -> Bool {
        !id.isEmpty && id != "." && id != ".." && id.utf8.count <= 255
            && !id.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") })
    }

    private static func walk(root: String, relative: String, into files: inout [File]) throws(ArchiveError) {
        let folder = relative.isEmpty ? root : root + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ArchiveError(.io, "cannot list \(folder)", underlying: error)
        }
        for name in names {
            let child = relative.isEmpty ? name : relative + "/" + name
            let full = root + "/" + child
            var info = stat()
            guard lstat(full, &info) == 0 else {
                throw ArchiveError(.io, "cannot inspect \(full)", underlying: SystemCallError("lstat", errno: errno))
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(root: root, relative: child, into: &files)
            case S_IFREG:
                files.append(File(relativePath: child, size: Int64(info.st_size), modificationNanos: modificationNanos(info)))
            case S_IFLNK:
                throw ArchiveError(.runFolder, "refusing symlink \(full): a run folder may hold only regular files and folders")
            default:
                throw ArchiveError(.runFolder, "refusing device, FIFO or socket \(full): a run folder may hold only regular files and folders")
            }
        }
    }

    /// Nanoseconds since 1970 of a `stat`'s modification time.
    static func modificationNanos(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    private static func readRunFile(_ path: String, fallbackId: String) throws(ArchiveError) -> (String, Date?) {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ArchiveError(.io, "cannot read \(path)", underlying: error)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            throw ArchiveError(.runFile, "\(path): \(error)")
        }
        guard let members = value.objectValue else {
            throw ArchiveError(.runFile, "\(path): expected a JSON object, found \(value.typeName)")
        }
        var runId = fallbackId
        if let idValue = members["runId"] {
            guard let id = idValue.stringValue else {
                throw ArchiveError(.runFile, "\(path): runId must be a string, found \(idValue.typeName)")
            }
            runId = id
        }
        var startedAt: Date?
        if let startValue = members["startedAt"], startValue != .null {
            guard let text = startValue.stringValue, let date = BagDate.parse(text) else {
                throw ArchiveError(.runFile, "\(path): startedAt must be an ISO 8601 date-time")
            }
            startedAt = date
        }
        return (runId, startedAt)
    }
}
