import Foundation

/// Refuses output paths that would destroy an input or collide with another output, before
/// anything is written: `canonicalize IN OUT --rejects IN` would replace the input,
/// `--rejects OUT` or `--rejects OUT.manifest.json` would make two writers share one file. Paths
/// are compared after resolving symbolic links (and, for files that exist, by device and inode,
/// which also catches hard links).
package enum OutputPaths {
    /// One path with what it is, for messages (`the rejects file`, `the manifest of out.ndjson`).
    package struct Role: Sendable, ExpressibleByStringLiteral {
        package let path: String
        package let what: String?

        package init(_ path: String, _ what: String? = nil) {
            self.path = path
            self.what = what
        }

        package init(stringLiteral path: String) { self.init(path) }

        var described: String { what.map { "\(path) (\($0))" } ?? path }
    }

    /// Throws `.invalidArgument` naming the paths when an output is one of the inputs or the same
    /// file as another output.
    package static func check(inputs: [String], outputs: [String]) throws(SnapshotError) {
        try check(inputs: inputs.map { Role($0) }, outputs: outputs.map { Role($0) })
    }

    /// `check` with each path's role named in the message.
    package static func check(inputs: [Role], outputs: [Role]) throws(SnapshotError) {
        let inputIdentities = inputs.map { ($0, Identity($0.path)) }
        var earlier: [(Role, Identity)] = []
        for output in outputs {
            let identity = Identity(output.path)
            if let (input, _) = inputIdentities.first(where: { $0.1.sameFile(as: identity) }) {
                throw SnapshotError(.invalidArgument,
                    "\(output.described) is the input \(input.described); writing it would destroy the input: choose another output path")
            }
            if let (other, _) = earlier.first(where: { $0.1.sameFile(as: identity) }) {
                throw SnapshotError(.invalidArgument,
                    "\(output.described) and \(other.described) are the same file; give each output its own path")
            }
            earlier.append((output, identity))
        }
    }

    /// What a path refers to: its resolved absolute path, and device and inode when it exists.
    private struct Identity {
        let resolved: String
        let file: (device: UInt64, inode: UInt64)?

        init(_ path: String) {
            var status = stat()
            file = stat(path, &status) == 0 ? (UInt64(status.st_dev), UInt64(status.st_ino)) : nil
            resolved = Self.resolve(path)
        }

        func sameFile(as other: Identity) -> Bool {
            if let file, let theirs = other.file { return file == theirs }
            return resolved == other.resolved
        }

        /// The path with every symbolic link resolved; for a file that does not exist yet, its
        /// folder resolved and its name appended.
        private static func resolve(_ path: String, depth: Int = 0) -> String {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            if let real = realpath(absolute, nil) {
                defer { free(real) }
                return String(cString: real)
            }
            let folder = (absolute as NSString).deletingLastPathComponent
            let name = (absolute as NSString).lastPathComponent
            // A dangling link: what it points at is where the bytes would go.
            if depth < 16, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: absolute) {
                return resolve(target.hasPrefix("/") ? target : folder + "/" + target, depth: depth + 1)
            }
            guard let real = realpath(folder, nil) else { return (absolute as NSString).standardizingPath }
            defer { free(real) }
            return String(cString: real) + "/" + name
        }
    }
}
