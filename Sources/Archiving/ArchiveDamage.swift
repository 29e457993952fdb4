import CLibArchive
import Foundation

/// Why an archive that opened could not be read to its end: **truncated** (the file stops before the
/// archive does, as after an interrupted copy) or **corrupt** (the file is whole, but bytes inside
/// it are damaged). libarchive's own words do not tell these apart: a damaged zstd block or tar
/// header often surfaces as "Truncated input file", and a cut-off zip as "ZIP decompression failed".
/// So after a read failure the file is looked at once more, for the evidence each format leaves at
/// its end:
///
/// - zip: the end-of-central-directory record (`PK\5\6`) in the last 64 KiB. Present: corrupt.
/// - tar, compressed or not: the bytes are decompressed alone (libarchive's raw format, no tar
///   parsing). A compression error is "truncated" when the decompressor says its input ended early,
///   "corrupt" otherwise. When the stream decompresses, a tar that ends with its end-of-archive
///   marker (two zero blocks) is corrupt; one without it is truncated if it was not compressed, and
///   corrupt if it was (the compressed stream is complete, so the file was not cut short).
enum ArchiveDamage: Equatable {
    /// The file ends before the archive does; the text says how that was seen.
    case truncated(String)
    /// The file is complete but its contents are damaged; the text says how that was seen.
    case corrupt(String)

    /// Looks at `path` again after libarchive failed to read it. `zip` when libarchive had
    /// recognized the zip format. Nil when the file cannot be read again (the original error stands).
    static func examine(path: String, zip: Bool) -> ArchiveDamage? {
        zip ? examineZip(path) : examineTar(path)
    }

    /// Whether a libarchive failure is about the archive's bytes (so worth examining), rather than
    /// a feature libarchive lacks (an unsupported compression method, encryption) or a system error.
    static func isAboutTheBytes(text: String, errno code: Int32) -> Bool {
        let lower = text.lowercased()
        if ["unsupported", "not supported", "encrypt", "passphrase"].contains(where: lower.contains) { return false }
        // libarchive reports damage with its own codes: ARCHIVE_ERRNO_FILE_FORMAT (EILSEQ),
        // ARCHIVE_ERRNO_PROGRAMMER (EINVAL, also used for "Damaged tar archive") or ARCHIVE_ERRNO_MISC (-1).
        return code == EILSEQ || code == EINVAL || code == -1 || code == 0
    }

    /// The one-line explanation, for an error message.
    var explanation: String {
        switch self {
        case .truncated(let evidence): "the archive is truncated (\(evidence))"
        case .corrupt(let evidence): "the archive is corrupt (\(evidence))"
        }
    }

    private static let endOfCentralDirectory: [UInt8] = [0x50, 0x4B, 0x05, 0x06]

    private static func examineZip(_ path: String) -> ArchiveDamage? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        // The record is 22 bytes plus a comment of at most 65,535.
        let tailLength = min(size, 65_557)
        guard (try? handle.seek(toOffset: size - tailLength)) != nil,
              let tail = try? handle.readToEnd().map(Array.init) ?? [] else { return nil }
        let found = tail.count >= 4 && (0...(tail.count - 4)).contains { tail[$0..<$0 + 4].elementsEqual(endOfCentralDirectory) }
        return found
            ? .corrupt("its end-of-central-directory record is intact, so an entry inside it is damaged")
            : .truncated("its end-of-central-directory record is missing")
    }

    private static func examineTar(_ path: String) -> ArchiveDamage? {
        guard let handle = archive_read_new() else { return nil }
        defer { archive_read_free(handle) }
        guard archive_read_support_filter_all(handle) == ARCHIVE_OK,
              archive_read_support_format_raw(handle) == ARCHIVE_OK,
              archive_read_open_filename(handle, path, ChunkBuffer.defaultSize) == ARCHIVE_OK
        else { return nil }
        var entry: OpaquePointer?
        guard archive_read_next_header(handle, &entry) == ARCHIVE_OK else { return nil }
        let compressed = archive_filter_count(handle) > 1
        let filter = archive_filter_name(handle, 0).map { String(cString: $0) } ?? "compressed"
        let buffer = ChunkBuffer()
        var tail: [UInt8] = []
        while true {
            let count = archive_read_data(handle, buffer.bytes.baseAddress!, buffer.bytes.count)
            if count == 0 { break }
            if count < 0 {
                let text = archive_error_string(handle).map { String(cString: $0) } ?? "unknown error"
                return text.lowercased().contains("truncated")
                    ? .truncated("the \(filter) data stops before its end")
                    : .corrupt("the \(filter) data is damaged: \(text)")
            }
            tail.append(contentsOf: buffer.prefix(count).suffix(1024))
            if tail.count > 1024 { tail.removeFirst(tail.count - 1024) }
        }
        if tail.count == 1024, tail.allSatisfy({ $0 == 0 }) {
            return .corrupt("it ends with its end-of-archive marker, so an entry inside it is damaged")
        }
        return compressed
            ? .corrupt("the \(filter) data is complete, but the tar inside it ends without its end-of-archive marker")
            : .truncated("it ends without the tar end-of-archive marker")
    }
}
