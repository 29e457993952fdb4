import Foundation
import PosBridgeCore

/// One CSV record: its fields and the physical line (1-based) it starts on.
struct LSCSVRow: Sendable, Hashable {
    var line: Int
    var fields: [String]
}

/// A streaming reader of Lightspeed CSV exports (RFC 4180): reads the input in chunks of
/// `bufferSize` bytes and never holds more than one chunk and one record; skips a UTF-8 BOM;
/// quoted fields may hold the delimiter, line breaks and doubled quotes; CRLF or LF line ends;
/// blank lines are skipped. The delimiter is `;` or `,`, given or detected from the header line
/// (whichever occurs more often outside quotes; `,` on a tie). A quote still open at the end of
/// the file, or a field longer than `maxFieldBytes`, is an `LSCSVError` naming file and line.
final class LSCSVReader {
    /// The name errors and rejects use (the file's name).
    let name: String
    /// The header line's column names (trimmed).
    private(set) var header: [String] = []
    /// The delimiter in use.
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")

    private let source: () throws -> [UInt8]
    private let maxFieldBytes: Int
    private var buffer: [UInt8] = []
    private var index = 0
    private var atEnd = false
    private var line = 1

    /// Reads the file at `path`.
    convenience init(path: String, delimiter: UInt8? = nil, bufferSize: Int = 64 * 1024, maxFieldBytes: Int = 1 << 20) throws {
        let name = (path as NSString).lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LSCSVError(.unreadable, file: name, line: 0, reason: "cannot be opened")
        }
        try self.init(name: name, delimiter: delimiter, maxFieldBytes: maxFieldBytes) {
            do { return try handle.read(upToCount: max(bufferSize, 16)) .map { Array($0) } ?? [] } catch {
                throw LSCSVError(.unreadable, file: name, line: 0, reason: "cannot be read")
            }
        }
    }

    /// Reads bytes in memory (tests, small inputs); `chunkSize` cuts them as a file read would.
    convenience init(bytes: [UInt8], name: String, delimiter: UInt8? = nil, chunkSize: Int = 64 * 1024, maxFieldBytes: Int = 1 << 20) throws {
        var offset = 0
        try self.init(name: name, delimiter: delimiter, maxFieldBytes: maxFieldBytes) {
            let end = min(offset + max(chunkSize, 1), bytes.count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
    }

    /// Reads chunks from `source` (an empty chunk ends the input) and the header line.
    init(name: String, delimiter: UInt8?, maxFieldBytes: Int, source: @escaping () throws -> [UInt8]) throws {
        self.name = name
        self.source = source
        self.maxFieldBytes = maxFieldBytes
        try refill()
        // The BOM may straddle tiny chunks: gather three bytes first.
        while buffer.count < 3, !atEnd {
            let chunk = try source()
            if chunk.isEmpty { atEnd = true }
            buffer += chunk
        }
        if buffer.starts(with: ByteOrderMark.utf8) { index = ByteOrderMark.utf8.count }
        self.delimiter = try delimiter ?? detectDelimiter()
        guard let headerRow = try nextRow() else {
            throw LSCSVError(.badHeader, file: name, line: 1, reason: "has no header line")
        }
        header = headerRow.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if let bad = header.firstIndex(where: \.isEmpty) ?? duplicateIndex(header) {
            throw LSCSVError(.badHeader, file: name, line: headerRow.line, reason: "header column \(bad + 1) is empty or repeated")
        }
    }

    /// The next record, nil at the end of the input.
    func nextRow() throws -> LSCSVRow? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false        // inside a quoted field
        var wasQuoted = false     // the current field started with a quote
        var startLine = line
        var started = false
        while true {
            guard let byte = try nextByte() else {
                if quoted { throw LSCSVError(.unterminatedQuote, file: name, line: startLine, reason: "a quoted field is not closed") }
                guard started else { return nil }
                fields.append(try text(field, line: startLine))
                return LSCSVRow(line: startLine, fields: fields)
            }
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") { _ = try nextByte(); field.append(byte) } else { quoted = false }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else if byte == delimiter {
                started = true
                fields.append(try text(field, line: startLine))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), try peekByte() == UInt8(ascii: "\n") { _ = try nextByte() }
                line += 1
                guard started || !field.isEmpty || wasQuoted else { startLine = line; continue }  // blank line
                fields.append(try text(field, line: startLine))
                return LSCSVRow(line: startLine, fields: fields)
            } else if byte == UInt8(ascii: "\"") && field.isEmpty && !wasQuoted {
                quoted = true
                wasQuoted = true
                started = true
            } else {
                // A quote inside an unquoted field is kept as it is (lenient, as spreadsheet tools write).
                started = true
                field.append(byte)
            }
            if field.count > maxFieldBytes {
                throw LSCSVError(.fieldTooLong, file: name, line: startLine, reason: "a field is longer than \(maxFieldBytes) bytes")
            }
        }
    }

    private func text(_ bytes: [UInt8], line: Int) throws -> String {
        // Invalid UTF-8 is replaced (U+FFFD) rather than failing the file; exports are UTF-8.
        String(decoding: bytes, as: UTF8.self)
    }

    private func refill() throws {
        guard !atEnd else { return }
        let chunk = try source()
        if chunk.isEmpty { atEnd = true }
        buffer = chunk
        index = 0
    }

    private func nextByte() throws -> UInt8? {
        if index >= buffer.count { try refill() }
        guard index < buffer.count else { return nil }
        defer { index += 1 }
        return buffer[index]
    }

    private func peekByte() throws -> UInt8? {
        if index >= buffer.count { try refill() }
        return index < buffer.count ? buffer[index] : nil
    }

    /// Counts `;` and `,` outside quotes on the header line, reading more chunks when the line is
    /// longer than the first (bounded by `maxFieldBytes`).
    private func detectDelimiter() throws -> UInt8 {
        var lookahead = Array(buffer[index...])
        while true {
            var quoted = false
            var semicolons = 0, commas = 0
            for byte in lookahead {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                else if !quoted && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) {
                    return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
                }
                else if !quoted && byte == UInt8(ascii: ";") { semicolons += 1 }
                else if !quoted && byte == UInt8(ascii: ",") { commas += 1 }
            }
            if atEnd { return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",") }
            guard lookahead.count <= maxFieldBytes else {
                throw LSCSVError(.fieldTooLong, file: name, line: 1, reason: "the header line is longer than \(maxFieldBytes) bytes")
            }
            let chunk = try source()
            if chunk.isEmpty { atEnd = true }
            lookahead += chunk
            // The reader goes on from the joined bytes.
            buffer = lookahead
            index = 0
        }
    }

    private func duplicateIndex(_ names: [String]) -> Int? {
        var seen = Set<String>()
        return names.firstIndex { !seen.insert($0).inserted }
    }
}
