import PosBridgeCore

/// Streams the records of an NDJSON snapshot through a bounded buffer. Lines in the canonical
/// envelope are only located (fields stay undecoded bytes); other valid lines are decoded and
/// re-encoded canonically. With `requireSorted`, keys must increase strictly: a key out of order
/// throws at once, duplicates are collected (first 20 named) and thrown at the end of the file.
package final class SnapshotReader {
    /// The file being read.
    package var path: String { lines.path }
    /// Records returned so far.
    @exclusivity(unchecked) package private(set) var recordCount = 0
    /// Lines that were valid but not canonical (decoded and re-encoded on the way).
    package private(set) var nonCanonicalLines = 0

    private let lines: LineReader
    private let requireSorted: Bool
    private let checkCanonical: Bool
    private let previousKey = ByteBuffer()
    @exclusivity(unchecked) private var previousLine = 0
    private let keyScratch = ByteBuffer()
    private let lineScratch = ByteBuffer()
    /// Re-encodes lines that are valid but not canonical, bytes to bytes.
    private var reencoder = CanonicalReencoder()
    private var reencoded: [UInt8] = []
    /// Scratch buffers keep at most this much after holding a long line.
    private var scratchLimit: Int { 1 << 20 }
    private var duplicates = DuplicateKeyList()
    private let unsortedAdvice: String

    /// What an unsorted-input error advises by default.
    package static let sortAdvice = "sort it first (posbridge snapshot sort)"

    /// Opens a snapshot file. With `checkCanonical`, lines in the envelope shape are also checked
    /// to be canonical inside (and re-encoded when not), so what the reader hands out is canonical;
    /// without it, their bytes are trusted, which is safe for comparing because unequal bytes are
    /// always decoded.
    /// Lines longer than `maxLineLength` are an error followed by `limitAdvice`; a key out of order
    /// is an error followed by `unsortedAdvice` (what the command offers to sort its input).
    package init(path: String, requireSorted: Bool = true, checkCanonical: Bool = false, bufferSize: Int = 1 << 20,
                 maxLineLength: Int = 64 << 20, limitAdvice: String? = nil, unsortedAdvice: String = SnapshotReader.sortAdvice,
                 digest: DigestAlgorithm = .sha256, secondDigest: DigestAlgorithm = .none, progress: ProgressCounter? = nil) throws(SnapshotError) {
        lines = try LineReader(path: path, bufferSize: bufferSize, maxLineLength: maxLineLength, digest: digest,
                               progress: progress, limitAdvice: limitAdvice, secondDigest: secondDigest)
        self.unsortedAdvice = unsortedAdvice
        self.requireSorted = requireSorted
        self.checkCanonical = checkCanonical
    }

    /// The underlying line reader (BOM, CRLF, final newline, bytes, digest).
    package var lineReader: LineReader { lines }

    /// The next record, or nil at the end of the file (after throwing for duplicates, if any).
    package func next() throws(SnapshotError) -> RecordView? {
        while let line = try lines.nextLine() {
            let record = try view(of: line)
            if requireSorted, recordCount > 0 || previousLine > 0 {
                let order = compareBytes(record.key, previousKey.bytes)
                if order < 0 {
                    throw SnapshotError(.unsorted,
                        "\(path):\(record.lineNumber): key \"\(record.keyString)\" sorts before the key on line \(previousLine); \(unsortedAdvice)")
                }
                if order == 0 {
                    duplicates.add(key: record.keyString, location: FileLocation(path: path, line: record.lineNumber), firstLine: previousLine)
                    continue
                }
            }
            if requireSorted {
                previousKey.set(record.key)
                previousLine = record.lineNumber
            }
            recordCount += 1
            return record
        }
        if let error = duplicates.error() { throw error }
        return nil
    }

    private func view(of line: UnsafeBufferPointer<UInt8>) throws(SnapshotError) -> RecordView {
        let number = lines.lineNumber
        if let layout = LineLayout.scan(line), !checkCanonical || layout.isCanonical(in: line) {
            let literal = UnsafeBufferPointer(rebasing: line[layout.key])
            let key = try keyBytes(literal, escaped: layout.keyHasEscapes, line: number)
            return RecordView(line: line, key: key, keyLiteral: literal,
                              ref: UnsafeBufferPointer(rebasing: line[layout.ref]),
                              fields: UnsafeBufferPointer(rebasing: line[layout.fields]), lineNumber: number)
        }
        // Not the canonical envelope, or not canonical inside: re-encode it; a line that cannot be
        // is decoded fully, which explains what is wrong (naming the record when its key is found).
        if lineScratch.reservedCapacity > scratchLimit { lineScratch.removeAll(keepingAtMost: scratchLimit) }
        if SnapshotLine.reencode(line, with: &reencoder, into: &reencoded) {
            nonCanonicalLines += 1
            lineScratch.set(reencoded)
            if reencoded.capacity > scratchLimit { reencoder = CanonicalReencoder(); reencoded = [] }
            return try canonicalView(number: number)
        }
        let record: SnapshotRecord
        do { record = try SnapshotLine.decode(line) } catch {
            var subject = ""
            if let layout = LineLayout.scan(line), !layout.keyHasEscapes,
               let key = String(validating: UnsafeBufferPointer(rebasing: line[layout.key]), as: UTF8.self) {
                subject = "record \"\(key)\": "
            }
            throw SnapshotError.malformed(FileLocation(path: path, line: number), subject + error.description)
        }
        nonCanonicalLines += 1
        lineScratch.set(SnapshotLine.encode(record))
        return try canonicalView(number: number)
    }

    /// The view of the canonical line just written to `lineScratch`.
    private func canonicalView(number: Int) throws(SnapshotError) -> RecordView {
        let canonical = lineScratch.bytes
        guard let layout = LineLayout.scan(canonical) else {
            throw SnapshotError.malformed(FileLocation(path: path, line: number), "record cannot be written canonically")
        }
        let key = try keyBytes(UnsafeBufferPointer(rebasing: canonical[layout.key]), escaped: layout.keyHasEscapes, line: number)
        return RecordView(line: canonical, key: key,
                          keyLiteral: UnsafeBufferPointer(rebasing: canonical[layout.key]),
                          ref: UnsafeBufferPointer(rebasing: canonical[layout.ref]),
                          fields: UnsafeBufferPointer(rebasing: canonical[layout.fields]), lineNumber: number)
    }

    /// The key's own bytes: the literal itself when it has no escapes, else its decoded text.
    private func keyBytes(_ literal: UnsafeBufferPointer<UInt8>, escaped: Bool, line: Int) throws(SnapshotError) -> UnsafeBufferPointer<UInt8> {
        if !escaped {
            if literal.contains(where: { $0 >= 0x80 }), String(validating: literal, as: UTF8.self) == nil {
                throw SnapshotError.malformed(FileLocation(path: path, line: line), "invalid UTF-8 in \"key\"")
            }
            return literal
        }
        var quoted: [UInt8] = [0x22]
        quoted.append(contentsOf: literal)
        quoted.append(0x22)
        do {
            guard case .string(let text) = try JSONParser.parse(bytes: quoted) else { throw JSONSyntaxError(offset: 0, reason: "not a string") }
            keyScratch.set(text.utf8)
        } catch {
            throw SnapshotError.malformed(FileLocation(path: path, line: line), "invalid \"key\": \(error)")
        }
        return keyScratch.bytes
    }
}
