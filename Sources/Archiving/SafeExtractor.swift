#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Extracts an archive into a folder in two passes. The first reads every entry header and checks
/// it (`ExtractPlan`'s rules, the size limits of `ExtractLimits`, plus the destination on disk:
/// nothing is written through a symlink or over an existing file unless `overwrite`); if any entry
/// is refused, nothing at all is written. The second pass writes through libarchive's secure disk
/// writer; if it stops (the archive no longer matches what the first pass saw, or writing fails),
/// what it created is removed again (`ExtractUndo`).
package struct SafeExtractor: Sendable {
    /// What was written.
    package struct Summary: Sendable, Equatable {
        /// The destination's absolute, symlink-free path.
        package let destination: String
        /// Regular files written (hardlinks included).
        package let files: Int
        /// Folders created or kept.
        package let directories: Int
        /// Symlinks created.
        package let symlinks: Int
        /// File bytes written.
        package let bytes: Int64
    }

    /// Replace existing files.
    package let overwrite: Bool
    /// How much the archive may unpack to.
    package let limits: ExtractLimits

    /// An extractor that refuses (or, with `overwrite`, replaces) existing files.
    package init(overwrite: Bool = false, limits: ExtractLimits = ExtractLimits()) {
        self.overwrite = overwrite
        self.limits = limits
    }

    /// Extracts `archive` into `destination` (created when missing).
    package func extract(archive: String, into destination: String) throws(ArchiveError) -> Summary {
        try UTF8Locale.run { () throws(ArchiveError) in try extractArchive(archive, into: destination) }
    }

    private func extractArchive(_ archive: String, into destination: String) throws(ArchiveError) -> Summary {
        var plan = ExtractPlan()
        let archiveBytes = try Self.size(of: archive)
        let allowed = limits.allowedBytes(archiveBytes: archiveBytes)
        var total: Int64 = 0
        let firstPass = try ArchiveReader(path: archive)
        let buffer = ChunkBuffer()
        while let entry = try firstPass.next() {
            try plan.add(entry, archive: archive)
            guard entry.kind == .file else { continue }
            if let size = entry.size {
                total += max(size, 0)
            } else {
                // A streamed zip entry declares no size: count it, stopping as soon as it is too much.
                while case let count = try firstPass.read(into: buffer.bytes), count > 0 {
                    total += Int64(count)
                    if total > allowed { break }
                }
            }
            if total > allowed { throw limits.refusal(archive: archive, archiveBytes: archiveBytes, atLeast: total) }
        }
        try plan.checkLinks(archive: archive)
        let undo = ExtractUndo()
        let root = try resolvedDestination(destination)
        if let root {
            for item in plan.items { try checkOnDisk(item, root: root, archive: archive) }
        }
        let target: String
        if let root {
            target = root
        } else {
            undo.recordDestination(destination)
            do {
                target = try createDestination(destination)
            } catch {
                undo.undo()
                throw error
            }
        }
        do {
            return try write(plan, archive: archive, root: target, expectedBytes: total, undo: undo)
        } catch {
            undo.undo()
            throw error
        }
    }

    private func write(_ plan: ExtractPlan, archive: String, root: String, expectedBytes: Int64,
                       undo: ExtractUndo) throws(ArchiveError) -> Summary {
        let reader = try ArchiveReader(path: archive)
        let disk = try ArchiveDiskWriter(destination: root, overwrite: overwrite)
        let buffer = ChunkBuffer()
        var files = 0, directories = 0, symlinks = 0
        var bytes: Int64 = 0
        for item in plan.items {
            guard let entry = try reader.next(), entry == item.info else {
                throw ArchiveError(.unsafeEntry, "refusing to continue extracting \(archive): it changed between the two passes")
            }
            guard let relative = item.relativePath else { continue }
            let linkTarget: String? = switch entry.kind {
            case .symlink: entry.linkTarget
            case .hardlink: item.hardlinkTarget.map { root + "/" + $0 }
            default: nil
            }
            let absolute = root + "/" + relative
            undo.recordEntry(absolute, folder: entry.kind == .directory, below: root)
            try disk.begin(entry, absolutePath: absolute, linkTarget: linkTarget)
            switch entry.kind {
            case .file:
                files += 1
                while case let count = try reader.read(into: buffer.bytes), count > 0 {
                    bytes += Int64(count)
                    // The first pass counted what the entries declare; an archive holding more
                    // than that lied, or changed, and may not get past the limits that way.
                    guard bytes <= expectedBytes else {
                        throw ArchiveError(.tooLarge, "refusing to continue extracting \(archive): entry \(entry.path.debugDescription) holds more data than its header declares")
                    }
                    try disk.write(buffer.prefix(count), entryPath: entry.path)
                }
            case .hardlink: files += 1
            case .directory: directories += 1
            case .symlink: symlinks += 1
            case .special: break
            }
            try disk.finishEntry(entryPath: entry.path)
        }
        if try reader.next() != nil {
            throw ArchiveError(.unsafeEntry, "refusing to continue extracting \(archive): it changed between the two passes")
        }
        try disk.close()
        return Summary(destination: root, files: files, directories: directories, symlinks: symlinks, bytes: bytes)
    }

    private static func size(of archive: String) throws(ArchiveError) -> Int64 {
        var info = stat()
        guard stat(archive, &info) == 0 else {
            throw ArchiveError(.io, "cannot read \(archive)", underlying: SystemCallError("stat", errno: errno))
        }
        return Int64(info.st_size)
    }

    /// The destination without symlinks in its path (libarchive refuses to write through them), or
    /// nil when it does not exist yet.
    private func resolvedDestination(_ destination: String) throws(ArchiveError) -> String? {
        var info = stat()
        guard stat(destination, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ArchiveError(.io, "destination \(destination) is not a folder")
        }
        return URL(fileURLWithPath: destination).resolvingSymlinksInPath().path
    }

    private func createDestination(_ destination: String) throws(ArchiveError) -> String {
        do {
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.io, "cannot create the destination \(destination)", underlying: error)
        }
        return URL(fileURLWithPath: destination).resolvingSymlinksInPath().path
    }

    /// Refuses an entry whose folders on disk are symlinks or files, or that would replace an
    /// existing file (without `overwrite`) or an existing folder (ever).
    private func checkOnDisk(_ item: ExtractPlan.Item, root: String, archive: String) throws(ArchiveError) {
        guard let relative = item.relativePath else { return }
        func refuse(_ kind: ArchiveError.Kind, _ reason: String) -> ArchiveError {
            ArchiveError(kind, "refusing to extract \(archive): entry \(item.info.path.debugDescription) \(reason)")
        }
        var path = root
        let components = relative.split(separator: "/")
        for (index, component) in components.enumerated() {
            path += "/" + component
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            let type = info.st_mode & S_IFMT
            let last = index == components.count - 1
            if !last {
                guard type == S_IFDIR else { throw refuse(.unsafeEntry, "would pass through \(path), which is not a folder on disk") }
                continue
            }
            if type == S_IFDIR {
                guard item.info.kind == .directory else { throw refuse(.wouldOverwrite, "would replace the folder \(path)") }
            } else if !overwrite {
                throw refuse(.wouldOverwrite, "would overwrite \(path) (use --force to replace it)")
            }
        }
    }
}
