#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Extracts an archive into a folder in two passes. The first reads every entry header and checks
/// it (`ExtractPlan`'s rules, plus the destination on disk: nothing is written through a symlink or
/// over an existing file unless `overwrite`); if any entry is refused, nothing at all is written.
/// The second pass writes through libarchive's secure disk writer and stops if the archive no longer
/// matches what the first pass saw.
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

    /// An extractor that refuses (or, with `overwrite`, replaces) existing files.
    package init(overwrite: Bool = false) {
        self.overwrite = overwrite
    }

    /// Extracts `archive` into `destination` (created when missing).
    package func extract(archive: String, into destination: String) throws(ArchiveError) -> Summary {
        try UTF8Locale.run { () throws(ArchiveError) in try extractArchive(archive, into: destination) }
    }

    private func extractArchive(_ archive: String, into destination: String) throws(ArchiveError) -> Summary {
        var plan = ExtractPlan()
        let firstPass = try ArchiveReader(path: archive)
        while let entry = try firstPass.next() {
            try plan.add(entry, archive: archive)
        }
        try plan.checkLinks(archive: archive)
        let root = try resolvedDestination(destination)
        if let root {
            for item in plan.items { try checkOnDisk(item, root: root, archive: archive) }
        }
        let target: String
        if let root { target = root } else { target = try createDestination(destination) }
        return try write(plan, archive: archive, root: target)
    }

    private func write(_ plan: ExtractPlan, archive: String, root: String) throws(ArchiveError) -> Summary {
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
            try disk.begin(entry, absolutePath: root + "/" + relative, linkTarget: linkTarget)
            switch entry.kind {
            case .file:
                files += 1
                while case let count = try reader.read(into: buffer.bytes), count > 0 {
                    try disk.write(buffer.prefix(count), entryPath: entry.path)
                    bytes += Int64(count)
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
