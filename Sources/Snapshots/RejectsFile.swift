import Foundation
import PosBridgeCore

/// `rejects.ndjson`: one line per record that could not be taken, with where it came from, its key
/// when known, the reason and the record as it was read, so nothing is lost. The file is only left
/// behind when something was rejected.
package final class RejectsFile {
    /// Where the rejects go.
    package let path: String
    /// Records rejected so far.
    package private(set) var count = 0
    let stage: String
    private var writer: FileWriter?

    /// Prepares a rejects file for one stage (`canonicalize`, `map`, …).
    package init(path: String, stage: String) {
        self.path = path
        self.stage = stage
    }

    /// Adds one rejected record.
    package func reject(file: String, line: Int, key: String?, reason: String, raw: UnsafeBufferPointer<UInt8>) throws(SnapshotError) {
        var entry: [String: JSONValue] = [
            "stage": .string(stage), "file": .string(file), "line": .number(CanonicalNumber(line)),
            "key": key.map(JSONValue.string) ?? .null, "reason": .string(reason),
        ]
        if let text = String(validating: raw, as: UTF8.self) {
            entry["raw"] = .string(text)
        } else {
            entry["rawBase64"] = .string(Data(raw).base64EncodedString())
        }
        try append(entry)
    }

    private func append(_ entry: [String: JSONValue]) throws(SnapshotError) {
        if writer == nil { writer = try FileWriter(path: path) }
        try writer?.writeLine(CanonicalJSON.encode(.object(entry)))
        count += 1
    }

    /// Puts the file in place when anything was rejected, and removes a stale one otherwise.
    package func commit() throws(SnapshotError) {
        if let writer {
            try writer.commit()
        } else {
            unlink(path)
        }
    }
}

extension RejectsFile {
    /// Adds one rejected record that came from an API rather than a file: where it came from (an
    /// entity and its id, e.g. `items(5b1c…)`), its key when known, the field and the reason. The raw
    /// page it was read from stays in the run folder's `extract/`.
    package func reject(source: String, key: String?, field: String?, reason: String) throws(SnapshotError) {
        try append([
            "stage": .string(stage), "source": .string(source), "key": key.map(JSONValue.string) ?? .null,
            "field": field.map(JSONValue.string) ?? .null, "reason": .string(reason),
        ])
    }
}
