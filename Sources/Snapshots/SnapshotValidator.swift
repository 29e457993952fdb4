import PosBridgeCore

/// `snapshot validate` for NDJSON: every line must be the canonical encoding of a valid record,
/// keys strictly increasing, the file UTF-8 with LF endings, no byte order mark, a final LF, and
/// the manifest (when present) must match the count, size and SHA-256. Problems are collected, not
/// thrown, so one run names all of them (the first 100, then a count).
package enum SnapshotValidator {
    /// What validation found.
    package struct Report: Sendable {
        package var records = 0

        package init() {}
        package var problems: [String] = []
        package var problemCount = 0
        package var manifestChecked = false

        package var isValid: Bool { problemCount == 0 }

        package mutating func add(_ problem: String) {
            problemCount += 1
            if problems.count < 100 { problems.append(problem) }
        }
    }

    /// Validates an NDJSON snapshot and its manifest.
    package static func validate(path: String) throws(SnapshotError) -> Report {
        var report = Report()
        let lines = try LineReader(path: path)
        let previous = ByteBuffer()
        var previousLine = 0
        var duplicates = DuplicateKeyList()
        while let line = try lines.nextLine() {
            let location = FileLocation(path: path, line: lines.lineNumber)
            let key: [UInt8]
            if let layout = LineLayout.scan(line), layout.isCanonical(in: line), !layout.keyHasEscapes {
                // Canonical (and so valid) without building the record.
                key = Array(line[layout.key])
            } else {
                let record: SnapshotRecord
                do { record = try SnapshotLine.decode(line) } catch {
                    report.add("\(location): \(error)")
                    continue
                }
                let canonical = SnapshotLine.encode(record)
                if !canonical.withUnsafeBufferPointer({ bytesEqual($0, line) }) {
                    report.add("\(location): record \"\(record.key)\" is valid but not in canonical form (posbridge snapshot canonicalize or sort rewrites it)")
                }
                key = Array(record.key.utf8)
            }
            report.records += 1
            let order = key.withUnsafeBufferPointer { compareBytes($0, previous.bytes) }
            if previousLine > 0, order < 0 {
                report.add("\(location): key \"\(String(decoding: key, as: UTF8.self))\" sorts before the key on line \(previousLine)")
            } else if previousLine > 0, order == 0 {
                duplicates.add(key: String(decoding: key, as: UTF8.self), location: location, firstLine: previousLine)
            }
            previous.set(key)
            previousLine = lines.lineNumber
        }
        if let error = duplicates.error() { report.add(error.message) }
        if lines.hadByteOrderMark { report.add("\(path): starts with a byte order mark (canonical files have none)") }
        if lines.sawCarriageReturn { report.add("\(path): has CRLF line endings (canonical files use LF)") }
        if lines.lastLineUnterminated { report.add("\(path): the last line has no line feed (the file may be truncated)") }
        if let manifest = try SnapshotManifest.read(besides: path) {
            report.manifestChecked = true
            let digest = lines.digest()
            if manifest.sha256 != digest { report.add("\(SnapshotManifest.path(for: path)): SHA-256 \(manifest.sha256) does not match the file's \(digest)") }
            if manifest.bytes != lines.bytesRead { report.add("\(SnapshotManifest.path(for: path)): says \(manifest.bytes) bytes, the file has \(lines.bytesRead)") }
            if manifest.recordCount != report.records { report.add("\(SnapshotManifest.path(for: path)): says \(manifest.recordCount) records, the file has \(report.records)") }
        }
        return report
    }
}
