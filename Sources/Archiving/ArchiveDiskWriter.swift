import CLibArchive
import Foundation

/// Creates files, folders and links on disk through libarchive's `archive_write_disk`, the second
/// line of defence behind `SafeExtractor`'s own checks. Owns the `struct archive *` and frees it in
/// `deinit`. No libarchive type leaves this file.
///
/// Flags: `SECURE_SYMLINKS` (never write through a symlink on disk), `SECURE_NODOTDOT` (refuse `..`),
/// `NO_OVERWRITE` unless overwriting was asked for, and `TIME` (restore mtimes). Owners and special
/// permission bits are not restored. `SECURE_NOABSOLUTEPATHS` cannot be used: every path handed to
/// libarchive is the checked relative entry path prefixed with the absolute, symlink-free
/// destination, because changing the working directory would affect the whole process.
///
/// `ARCHIVE_WARN` is treated as a failure: for disk writes it means a time, permission or link
/// could not be set, and the extracted tree would silently differ from the archive.
final class ArchiveDiskWriter {
    private let handle: OpaquePointer
    private let entry: OpaquePointer
    /// The destination folder, for error messages.
    private let destination: String

    init(destination: String, overwrite: Bool) throws(ArchiveError) {
        guard let handle = archive_write_disk_new() else {
            throw ArchiveError(.library, "cannot allocate a disk writer for \(destination)")
        }
        guard let entry = archive_entry_new() else {
            archive_write_free(handle)
            throw ArchiveError(.library, "cannot allocate an archive entry for \(destination)")
        }
        self.handle = handle
        self.entry = entry
        self.destination = destination
        var flags = ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_TIME
        if !overwrite { flags |= ARCHIVE_EXTRACT_NO_OVERWRITE }
        try check(archive_write_disk_set_options(handle, flags), "set the extraction options")
    }

    deinit {
        archive_entry_free(entry)
        archive_write_free(handle)
    }

    /// Creates one entry at `absolutePath`. For a hardlink, `linkTarget` is an absolute path; for a
    /// symlink it is stored as given. File data follows through `write` and ends with `finishEntry`.
    func begin(_ info: ArchiveEntryInfo, absolutePath: String, linkTarget: String?) throws(ArchiveError) {
        archive_entry_clear(entry)
        archive_entry_set_pathname_utf8(entry, absolutePath)
        archive_entry_set_mtime(entry, info.modificationTime, 0)
        switch info.kind {
        case .file:
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.regular))
            // Always readable and writable by the owner, whatever the archive says.
            archive_entry_set_perm(entry, UInt32((info.permissions & 0o777) | 0o600))
            if let size = info.size { archive_entry_set_size(entry, size) }
        case .directory:
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.directory))
            archive_entry_set_perm(entry, UInt32((info.permissions & 0o777) | 0o700))
        case .symlink:
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.symlink))
            archive_entry_set_perm(entry, 0o777)
            archive_entry_set_symlink_utf8(entry, linkTarget)
        case .hardlink:
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.regular))
            archive_entry_set_perm(entry, UInt32(info.permissions & 0o777))
            archive_entry_set_hardlink_utf8(entry, linkTarget)
            archive_entry_set_size(entry, 0)
        case .special:
            throw ArchiveError(.unsafeEntry, "refusing to create special file \(info.path) in \(destination)")
        }
        try check(archive_write_header(handle, entry), "create \(info.path)")
    }

    /// Appends bytes to the current file.
    func write(_ chunk: UnsafeRawBufferPointer, entryPath: String) throws(ArchiveError) {
        var offset = 0
        while offset < chunk.count {
            let written = archive_write_data(handle, chunk.baseAddress! + offset, chunk.count - offset)
            guard written > 0 else {
                try check(Int32(truncatingIfNeeded: written), "write \(entryPath)")
                throw failure("write \(entryPath) (no progress)")
            }
            offset += written
        }
    }

    /// Ends the current entry (closes the file, applies its time).
    func finishEntry(entryPath: String) throws(ArchiveError) {
        try check(archive_write_finish_entry(handle), "finish \(entryPath)")
    }

    /// Applies deferred folder times and permissions.
    func close() throws(ArchiveError) {
        try check(archive_write_close(handle), "finish extracting")
    }

    /// The single place libarchive status codes are interpreted for disk writes: OK passes,
    /// anything else (WARN included, see the type's comment) throws with libarchive's message.
    private func check(_ status: Int32, _ action: String) throws(ArchiveError) {
        guard status == ARCHIVE_OK else { throw failure(action) }
    }

    private func failure(_ action: String) -> ArchiveError {
        LibArchiveMessage.failure(of: handle, subject: destination, action: action)
    }
}
