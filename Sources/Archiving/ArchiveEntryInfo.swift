/// What an archive says about one entry, copied out of libarchive into plain Swift values.
package struct ArchiveEntryInfo: Sendable, Equatable {
    /// The kind of file an entry describes.
    package enum Kind: String, Sendable {
        /// A regular file.
        case file
        /// A folder.
        case directory
        /// A symbolic link (`linkTarget` is its target as stored).
        case symlink
        /// A hard link to an earlier entry (`linkTarget` names it).
        case hardlink
        /// A device, FIFO or socket: never extracted, never part of a bag.
        case special
    }

    /// The entry's name exactly as stored (UTF-8), e.g. `run-1/data/run.json`.
    package let path: String
    /// What the entry is.
    package let kind: Kind
    /// The size in bytes the header declares, or nil when the header does not say (streamed zip).
    package let size: Int64?
    /// Permission bits (`0o644`).
    package let permissions: Int
    /// Modification time, seconds since 1970.
    package let modificationTime: Int
    /// The target of a symlink or hardlink, as stored.
    package let linkTarget: String?

    /// Describes an entry.
    package init(path: String, kind: Kind, size: Int64?, permissions: Int, modificationTime: Int, linkTarget: String?) {
        self.path = path
        self.kind = kind
        self.size = size
        self.permissions = permissions
        self.modificationTime = modificationTime
        self.linkTarget = linkTarget
    }
}
