import Foundation
import PosBridgeCore

/// One line of `diff.<entity>.ndjson` as the apply stage reads it: the key, what the diff found,
/// the target's ids (`ref` of an update or missing record) and which top-level fields changed.
package struct DiffEntry: Sendable, Equatable {
    /// What the diff found for a key.
    package enum Operation: String, Sendable {
        case create, update, missing
    }

    package var key: String
    package var operation: Operation
    package var ref: [String: JSONValue]
    /// Create and missing: the record's fields.
    package var fields: [String: JSONValue]
    /// Update: the top-level fields with a changed leaf (`image.digest` → `image`).
    package var changedFields: Set<String>

    package init(key: String, operation: Operation, ref: [String: JSONValue] = [:], fields: [String: JSONValue] = [:],
                 changedFields: Set<String> = []) {
        self.key = key
        self.operation = operation
        self.ref = ref
        self.fields = fields
        self.changedFields = changedFields
    }

    /// Parses one line; nil when it is not a diff line.
    package init?(line: some Collection<UInt8>) {
        guard let object = try? JSONParser.parse(bytes: Array(line)).objectValue,
              let key = object["key"]?.stringValue, let op = object["op"]?.stringValue.flatMap(Operation.init(rawValue:)) else { return nil }
        self.key = key
        operation = op
        ref = object["ref"]?.objectValue ?? [:]
        fields = object["fields"]?.objectValue ?? [:]
        changedFields = Set((object["changes"]?.objectValue ?? [:]).keys.map(Self.topLevel))
    }

    /// The first name of a dotted change path, unescaped (`a\.b.c` → `a.b`).
    static func topLevel(_ path: String) -> String {
        var name = ""
        var escaped = false
        for character in path {
            if escaped { name.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "." { break }
            name.append(character)
        }
        return name
    }

    /// Every line of a diff file.
    static func read(path: String) throws(PipelineError) -> [DiffEntry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(.io, "\(path): cannot read the diff")
        }
        var entries: [DiffEntry] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let entry = DiffEntry(line: line) else { throw PipelineError(.apply, "\(path):\(index + 1): not a diff line") }
            entries.append(entry)
        }
        return entries
    }
}
