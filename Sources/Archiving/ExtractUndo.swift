#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What an extraction created on disk, so that a second pass that stops half-way (the archive grew
/// past its limits or changed, the disk filled up) can remove it again. Only paths that did not
/// exist before are recorded: files, links and folders of the archive, the folders libarchive
/// creates for entries whose folder has no entry of its own, and the destination's own missing
/// folders. A file that `--force` replaced is not restored.
final class ExtractUndo {
    /// Absolute paths in creation order, folders marked.
    private var created: [(path: String, folder: Bool)] = []
    /// Folders known to exist (found, or recorded), so each is looked at once.
    private var knownFolders: Set<String> = []

    /// Records the folders from `root` down to `folder` (absolute) that do not exist yet.
    func recordMissingFolders(of folder: String, below root: String) {
        guard folder.hasPrefix(root) else { return }
        var path = root
        for component in folder.dropFirst(root.count).split(separator: "/") {
            path += "/" + component
            if knownFolders.contains(path) { continue }
            knownFolders.insert(path)
            if !exists(path) { created.append((path, true)) }
        }
    }

    /// Records `path` (absolute) and its missing folders below `root`, when it does not exist yet.
    func recordEntry(_ path: String, folder: Bool, below root: String) {
        if let slash = path.lastIndex(of: "/") { recordMissingFolders(of: String(path[..<slash]), below: root) }
        if folder {
            recordMissingFolders(of: path, below: root)
        } else if !exists(path) {
            created.append((path, false))
        }
    }

    /// Records the destination's folders that are missing, from the top down.
    func recordDestination(_ path: String) {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", !exists(current) {
            missing.append(current)
            guard let slash = current.lastIndex(of: "/") else { break }
            current = String(current[..<slash])
        }
        for folder in missing.reversed() {
            created.append((folder, true))
            knownFolders.insert(folder)
        }
    }

    /// Removes everything recorded, newest first; a folder that is not empty (something else wrote
    /// into it) stays.
    func undo() {
        for (path, folder) in created.reversed() {
            _ = folder ? rmdir(path) : unlink(path)
        }
        created.removeAll()
    }

    private func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
