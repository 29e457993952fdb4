/// One thing verification found wrong, printed as `<kind>: <path>` (plus a detail in parentheses).
package struct BagProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    package enum Kind: String, Sendable, CaseIterable {
        /// A file's digest differs from its manifest line.
        case changed
        /// A file listed in a manifest, or a required tag file, is not in the archive.
        case missing
        /// A payload file (or unknown tag file) is in the archive but in no manifest.
        case extra
        /// The payload's total size or file count differs from Payload-Oxum.
        case size
        /// A tag file or entry is malformed (bad manifest line, symlink in the bag, duplicate entry).
        case invalid
    }

    /// What is wrong.
    package let kind: Kind
    /// The path relative to the bag root, e.g. `data/run.json` or `bagit.txt`.
    package let path: String
    /// More about it, or nil.
    package let detail: String?

    /// A problem with a file.
    package init(_ kind: Kind, _ path: String, detail: String? = nil) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    /// `changed: data/x` or `invalid: manifest-sha256.txt (line 3 is not "<digest> <path>")`.
    package var description: String {
        let shown = BagManifest.encodePath(path)
        return detail.map { "\(kind.rawValue): \(shown) (\($0))" } ?? "\(kind.rawValue): \(shown)"
    }
}
