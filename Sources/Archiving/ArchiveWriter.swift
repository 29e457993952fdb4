import CLibArchive
import Foundation

/// Writes a tar.zst or zip archive to an open file descriptor through libarchive, entry by entry,
/// with fixed metadata (owner 0:0, no user or group names, one mtime, mode 0644) so the same
/// entries in the same order give the same bytes. Owns the `struct archive *` and frees it in
/// `deinit`. No libarchive type leaves this file.
///
/// `ARCHIVE_WARN` from any write call is treated as a failure: for a writer it means something was
/// dropped or translated (a name that could not be converted, an attribute the format cannot hold),
/// and an audit archive that does not hold exactly what we gave it is not acceptable.
final class ArchiveWriter {
    private let handle: OpaquePointer
    private let entry: OpaquePointer
    /// The output's path, for error messages.
    private let path: String
    private var closed = false

    /// Opens a writer for `format` on `fileDescriptor` (which the caller keeps and closes).
    init(fileDescriptor: Int32, format: ArchiveFormat, path: String) throws(ArchiveError) {
        guard let handle = archive_write_new() else {
            throw ArchiveError(.library, "cannot allocate an archive writer for \(path)")
        }
        guard let entry = archive_entry_new() else {
            archive_write_free(handle)
            throw ArchiveError(.library, "cannot allocate an archive entry for \(path)")
        }
        self.handle = handle
        self.entry = entry
        self.path = path
        switch format {
        case .tarZstd:
            try check(archive_write_set_format_pax_restricted(handle), "set the pax format")
            try check(archive_write_add_filter_zstd(handle), "add the zstd filter")
            // Pinned so that a different libarchive default cannot change the bytes.
            try check(archive_write_set_filter_option(handle, "zstd", "compression-level", "3"), "set the zstd level")
            // zstd's multi-threaded mode gives the same bytes for any worker count >= 1 (it differs
            // only from the single-threaded mode, which we never use), so the count may follow the
            // machine without breaking reproducibility.
            try check(archive_write_set_filter_option(handle, "zstd", "threads", String(Self.compressionThreads)), "set the zstd threads")
        case .zip:
            try check(archive_write_set_format_zip(handle), "set the zip format")
            try check(archive_write_set_format_option(handle, "zip", "compression", "deflate"), "set zip deflate")
        }
        // Names are written as UTF-8 whatever the process locale is.
        try check(archive_write_set_format_option(handle, nil, "hdrcharset", "UTF-8"), "set the header charset")
        try check(archive_write_open_fd(handle, fileDescriptor), "open the output")
    }

    deinit {
        archive_entry_free(entry)
        archive_write_free(handle)
    }

    /// Worker threads for zstd: the cores we may use, at least 1 and at most 4.
    private static var compressionThreads: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4)
    }

    /// Writes the header of a regular file entry; its `size` bytes must follow through `write`.
    func beginFile(path name: String, size: Int64, modificationTime: Int) throws(ArchiveError) {
        archive_entry_clear(entry)
        archive_entry_set_pathname_utf8(entry, name)
        archive_entry_set_filetype(entry, UInt32(FileTypeBits.regular))
        archive_entry_set_perm(entry, 0o644)
        archive_entry_set_size(entry, size)
        archive_entry_set_mtime(entry, modificationTime, 0)
        archive_entry_set_uid(entry, 0)
        archive_entry_set_gid(entry, 0)
        try check(archive_write_header(handle, entry), "write the header of \(name)")
    }

    /// Appends bytes to the current entry's data.
    func write(_ chunk: UnsafeRawBufferPointer) throws(ArchiveError) {
        var offset = 0
        while offset < chunk.count {
            let written = archive_write_data(handle, chunk.baseAddress! + offset, chunk.count - offset)
            guard written > 0 else {
                try check(Int32(truncatingIfNeeded: written), "write data")
                throw failure("write data (no progress)")
            }
            offset += written
        }
    }

    /// Writes a whole small file held in memory (a tag file).
    func writeFile(path name: String, contents: [UInt8], modificationTime: Int) throws(ArchiveError) {
        try beginFile(path: name, size: Int64(contents.count), modificationTime: modificationTime)
        let result: Result<Void, ArchiveError> = contents.withUnsafeBytes { raw in
            Result { () throws(ArchiveError) in try write(raw) }
        }
        try result.get()
        try finishEntry()
    }

    /// Ends the current entry.
    func finishEntry() throws(ArchiveError) {
        try check(archive_write_finish_entry(handle), "finish an entry")
    }

    /// Flushes the compressor and writes the format's trailer (end blocks, zip central directory).
    func close() throws(ArchiveError) {
        closed = true
        try check(archive_write_close(handle), "finish the archive")
    }

    /// The single place libarchive status codes are interpreted for a writer: OK passes, anything
    /// else (WARN included, see the type's comment) throws with libarchive's message.
    @discardableResult
    private func check(_ status: Int32, _ action: String) throws(ArchiveError) -> Int32 {
        guard status == ARCHIVE_OK else { throw failure(action) }
        return status
    }

    private func failure(_ action: String) -> ArchiveError {
        LibArchiveMessage.failure(of: handle, subject: path, action: action)
    }
}
