/// Checks a bag archive in one streaming pass: every entry is read once, payload files are hashed
/// as they stream by (full mode) or only sized (fast mode), tag files are kept in memory, and the
/// checks run at the end, so entry order does not matter and every problem is reported, not just
/// the first.
package struct BagVerifier {
    /// One regular file seen in the archive, by its path relative to the bag root.
    struct FileRecord {
        var size: Int64
        var digests: BagDigests?
    }

    /// The largest tag file kept in memory; a bigger one is reported instead of read.
    static let tagFileLimit = 256 << 20

    let mode: BagVerification.Mode
    /// The bag's top folder: nil before the first entry, "" when entries sit at the archive root.
    var top: String?
    /// Every regular file under the bag root.
    var files: [String: FileRecord] = [:]
    /// The bytes of the tag files the checks parse.
    var tagContents: [String: [UInt8]] = [:]
    /// Problems found while scanning (entries outside the bag, links, duplicates).
    var problems: [BagProblem] = []
    /// Hashes payload files in full mode.
    let hasher = ParallelHasher()

    init(mode: BagVerification.Mode) {
        self.mode = mode
    }

    /// Verifies an archive file.
    package static func verify(archive path: String, mode: BagVerification.Mode) throws(ArchiveError) -> BagVerification {
        try UTF8Locale.run { () throws(ArchiveError) in try verifyArchive(path, mode: mode) }
    }

    private static func verifyArchive(_ path: String, mode: BagVerification.Mode) throws(ArchiveError) -> BagVerification {
        var verifier = BagVerifier(mode: mode)
        let reader = try ArchiveReader(path: path)
        let buffer = ChunkBuffer()
        while let entry = try reader.next() {
            try verifier.add(entry, reader: reader, buffer: buffer)
        }
        return verifier.evaluate(archivePath: path)
    }

    /// Records one entry, reading its data as the mode requires.
    mutating func add(_ entry: ArchiveEntryInfo, reader: ArchiveReader, buffer: ChunkBuffer) throws(ArchiveError) {
        var name = Substring(entry.path)
        while name.hasPrefix("./") { name = name.dropFirst(2) }
        while name.hasSuffix("/") { name = name.dropLast() }
        if name.isEmpty || name == "." { return }
        let slash = name.firstIndex(of: "/")
        if top == nil { top = slash.map { String(name[..<$0]) } ?? (entry.kind == .directory ? String(name) : "") }
        let relative: String
        if top == "" {
            relative = String(name)
        } else if name == top! {
            guard entry.kind == .directory else { problems.append(BagProblem(.extra, String(name))); return }
            return
        } else if name.hasPrefix(top! + "/") {
            relative = String(name.dropFirst(top!.utf8.count + 1))
        } else {
            problems.append(BagProblem(.extra, String(name), detail: "outside the bag folder \(top!)"))
            return
        }
        switch entry.kind {
        case .directory: return
        case .file: break
        case .symlink, .hardlink, .special:
            problems.append(BagProblem(.invalid, relative, detail: "a \(entry.kind.rawValue) cannot be part of a bag"))
            return
        }
        if files[relative] != nil {
            problems.append(BagProblem(.invalid, relative, detail: "stored twice"))
            return
        }
        if Self.isParsedTagFile(relative) {
            let contents = try readAll(reader: reader, buffer: buffer, path: relative)
            guard let contents else { return }
            tagContents[relative] = contents
            files[relative] = FileRecord(size: Int64(contents.count), digests: mode == .full ? BagDigests(of: contents) : nil)
        } else if mode == .full {
            var total: Int64 = 0
            while case let count = try hasher.consume({ chunk throws(ArchiveError) in try reader.read(into: chunk) }), count > 0 {
                total += Int64(count)
            }
            files[relative] = FileRecord(size: total, digests: hasher.finalize())
        } else if let size = entry.size {
            files[relative] = FileRecord(size: size, digests: nil)  // data skipped by the next `next()`
        } else {
            var total: Int64 = 0
            while case let count = try reader.read(into: buffer.bytes), count > 0 { total += Int64(count) }
            files[relative] = FileRecord(size: total, digests: nil)
        }
    }

    /// The tag files whose contents the checks parse: bagit.txt, bag-info.txt and every manifest
    /// and tag manifest at the bag root.
    static func isParsedTagFile(_ relative: String) -> Bool {
        if relative == "bagit.txt" || relative == "bag-info.txt" { return true }
        guard !relative.contains("/"), relative.hasSuffix(".txt") else { return false }
        return relative.hasPrefix("manifest-") || relative.hasPrefix("tagmanifest-")
    }

    private mutating func readAll(reader: ArchiveReader, buffer: ChunkBuffer, path: String) throws(ArchiveError) -> [UInt8]? {
        var contents: [UInt8] = []
        while case let count = try reader.read(into: buffer.bytes), count > 0 {
            guard contents.count + count <= Self.tagFileLimit else {
                problems.append(BagProblem(.invalid, path, detail: "tag file larger than \(Self.tagFileLimit >> 20) MiB"))
                return nil
            }
            contents.append(contentsOf: buffer.prefix(count))
        }
        return contents
    }
}
