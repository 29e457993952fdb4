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
    private let stage: String
    private var writer: FileWriter?

    /// Prepares a rejects file for one stage (`canonicalize`, `map`, …).
    package init(path: String, stage: String) {
        self.path = path
        self.stage = stage
    }

    /// Adds one rejected record.
    package func reject(file: String, line: Int, key: String?, reason: String, raw: UnsafeBufferPointer<UInt8>) throws(SnapshotError) {
        if writer == nil { writer = try FileWriter(path: path) }
        var entry: [String: JSONValue] = [
            "stage": .string(stage), "file": .string(file), "line": .number(CanonicalNumber(line)),
            "key": key.map(JSONValue.string) ?? .null, "reason": .string(reason),
        ]
        if let text = String(validating: raw, as: UTF8.self) {
            entry["raw"] = .string(text)
        } else {
            entry["rawBase64"] = .string(Data(raw).base64EncodedString())
        }
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
