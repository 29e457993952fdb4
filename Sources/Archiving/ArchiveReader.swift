import CLibArchive
import Foundation

/// Reads an archive of any format and compression libarchive recognizes (tar, pax, zip; zstd, gzip,
/// xz, …) in one forward pass: `next()` moves to an entry, `read(into:)` streams its data. Owns the
/// `struct archive *` and frees it in `deinit`. No libarchive type leaves this file.
///
/// `ARCHIVE_WARN` is treated as a failure, as in `ArchiveWriter`: when reading it means a header
/// field could not be decoded or was ignored, so the entry we would report is not the one stored.
package final class ArchiveReader {
    private let handle: OpaquePointer
    /// The archive's path, for error messages.
    private let path: String
    /// The name of the entry `next()` moved to, for error messages.
    private var current: String?

    /// Opens an archive file for one forward pass.
    init(path: String) throws(ArchiveError) {
        guard let handle = archive_read_new() else {
            throw ArchiveError(.library, "cannot allocate an archive reader for \(path)")
        }
        self.handle = handle
        self.path = path
        try check(archive_read_support_filter_all(handle), "enable decompression")
        try check(archive_read_support_format_tar(handle), "enable tar")
        try check(archive_read_support_format_zip(handle), "enable zip")
        try check(archive_read_open_filename(handle, path, ChunkBuffer.defaultSize), "open the archive")
    }

    deinit { archive_read_free(handle) }

    /// Moves to the next entry and describes it; nil after the last one. Unread data of the previous
    /// entry is skipped.
    func next() throws(ArchiveError) -> ArchiveEntryInfo? {
        current = nil
        var entryPointer: OpaquePointer?
        let status = archive_read_next_header(handle, &entryPointer)
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK else { throw readFailure(status, "read the next entry header", header: true) }
        guard let entry = entryPointer else { throw failure("read the next entry header (no entry)") }
        let name = try text(utf8: archive_entry_pathname_utf8(entry), raw: archive_entry_pathname(entry))
        guard let name else { throw ArchiveError(.library, "\(path): an entry has no name") }
        current = name
        let hardlink = try text(utf8: archive_entry_hardlink_utf8(entry), raw: archive_entry_hardlink(entry))
        let symlink = try text(utf8: archive_entry_symlink_utf8(entry), raw: archive_entry_symlink(entry))
        let kind: ArchiveEntryInfo.Kind
        switch Int(archive_entry_filetype(entry)) {
        case _ where hardlink != nil: kind = .hardlink
        case FileTypeBits.regular: kind = .file
        case FileTypeBits.directory: kind = .directory
        case FileTypeBits.symlink: kind = .symlink
        default: kind = .special
        }
        return ArchiveEntryInfo(
            path: name, kind: kind,
            size: archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil,
            permissions: Int(archive_entry_perm(entry)) & 0o7777,
            modificationTime: archive_entry_mtime(entry),
            linkTarget: hardlink ?? symlink)
    }

    /// Reads the current entry's next bytes into `buffer`; 0 at the end of the entry's data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = archive_read_data(handle, buffer.baseAddress! + filled, buffer.count - filled)
            if count == 0 { break }
            if count < 0 { throw readFailure(Int32(truncatingIfNeeded: count), "read the data of \(current.map { "entry \($0.debugDescription)" } ?? "an entry")", header: false) }
            filled += count
        }
        return filled
    }

    /// Every entry of an archive, in archive order, without reading file data.
    package static func list(_ path: String) throws(ArchiveError) -> [ArchiveEntryInfo] {
        try UTF8Locale.run { () throws(ArchiveError) in try listEntries(path) }
    }

    private static func listEntries(_ path: String) throws(ArchiveError) -> [ArchiveEntryInfo] {
        let reader = try ArchiveReader(path: path)
        var entries: [ArchiveEntryInfo] = []
        let buffer = ChunkBuffer()
        while let entry = try reader.next() {
            if entry.size == nil, entry.kind == .file {
                // A streamed zip entry declares no size up front: count it.
                var total: Int64 = 0
                while case let count = try reader.read(into: buffer.bytes), count > 0 { total += Int64(count) }
                entries.append(entry.withSize(total))
            } else {
                entries.append(entry)
            }
        }
        return entries
    }

    /// The single place libarchive status codes are interpreted for a reader: OK passes, anything
    /// else (WARN included, see the type's comment) throws with libarchive's message.
    private func check(_ status: Int32, _ action: String) throws(ArchiveError) {
        guard status == ARCHIVE_OK else { throw failure(action) }
    }

    private func failure(_ action: String) -> ArchiveError {
        LibArchiveMessage.failure(of: handle, subject: path, action: action)
    }

    /// A failure while reading what an opened archive holds: when it is about the archive's bytes,
    /// `ArchiveDamage` says whether the file is truncated or corrupt (libarchive's text alone often
    /// calls damage "truncated"), and libarchive's text is kept unless it contradicts that.
    /// A warning on a header is about decoding it (a name in another character set), not damage;
    /// on data it is damage (libarchive's zip reader warns about a wrong CRC).
    private func readFailure(_ status: Int32, _ action: String, header: Bool) -> ArchiveError {
        let text = LibArchiveMessage.text(of: handle)
        let zip = archive_format(handle) & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_ZIP
        guard !(header && status == ARCHIVE_WARN), ArchiveDamage.isAboutTheBytes(text: text, errno: archive_errno(handle)),
              let damage = ArchiveDamage.examine(path: path, zip: zip)
        else { return failure(action) }
        let contradicts: Bool
        let kind: ArchiveErrorKind
        switch damage {
        case .truncated:
            kind = .truncated
            contradicts = false
        case .corrupt:
            kind = .corrupt
            contradicts = text.lowercased().contains("truncated")
        }
        return ArchiveError(kind, "\(path): cannot \(action): \(damage.explanation)" + (contradicts ? "" : "; libarchive: \(text)"),
                            underlying: LibArchiveMessage(text: text))
    }

    /// A name from libarchive: its UTF-8 form, else the stored bytes if they are valid UTF-8.
    private func text(utf8: UnsafePointer<CChar>?, raw: UnsafePointer<CChar>?) throws(ArchiveError) -> String? {
        if let utf8 { return String(cString: utf8) }
        guard let raw else { return nil }
        guard let text = String(validatingCString: raw) else {
            throw ArchiveError(.library, "\(path): an entry name or link target is not valid UTF-8")
        }
        return text
    }
}

extension ArchiveEntryInfo {
    /// The same entry with a counted size.
    func withSize(_ size: Int64) -> ArchiveEntryInfo {
        ArchiveEntryInfo(path: path, kind: kind, size: size, permissions: permissions,
                         modificationTime: modificationTime, linkTarget: linkTarget)
    }
}
