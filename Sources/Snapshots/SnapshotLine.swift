import Foundation
import PosBridgeCore

/// One snapshot line as bytes: `{"key":…,"ref":{…},"fields":{…}}` with the envelope's members in
/// that fixed order (key first, so readers find it without scanning the fields) and canonical JSON
/// inside. No trailing newline.
package enum SnapshotLine {
    /// The canonical line of a record.
    package static func encode(_ record: SnapshotRecord) -> [UInt8] {
        var out: [UInt8] = []
        encode(record, into: &out)
        return out
    }

    /// Appends the canonical line of a record (without newline).
    package static func encode(_ record: SnapshotRecord, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"key":"#.utf8)
        CanonicalJSON.writeString(record.key, into: &out)
        out.append(contentsOf: #","ref":"#.utf8)
        CanonicalJSON.writeObject(record.ref, into: &out)
        out.append(contentsOf: #","fields":"#.utf8)
        CanonicalJSON.writeObject(record.fields, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Decodes a line (any member order and spacing) into a record, or says what is wrong.
    package static func decode<Bytes: ContiguousBytes>(_ bytes: Bytes) throws(SnapshotLineError) -> SnapshotRecord {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes: bytes) } catch { throw .syntax(error) }
        guard case .object(let members) = value else { throw .shape("a line must be a JSON object, found \(value.typeName)") }
        guard let keyValue = members["key"] else { throw .shape("missing \"key\"") }
        guard case .string(let key) = keyValue else { throw .shape("\"key\" must be a string, found \(keyValue.typeName)") }
        guard let fieldsValue = members["fields"] else { throw .shape("missing \"fields\"") }
        guard case .object(let fields) = fieldsValue else { throw .shape("\"fields\" must be an object, found \(fieldsValue.typeName)") }
        var ref: [String: JSONValue] = [:]
        if let refValue = members["ref"] {
            guard case .object(let members) = refValue else { throw .shape("\"ref\" must be an object, found \(refValue.typeName)") }
            ref = members
        }
        if let extra = members.keys.first(where: { !["key", "ref", "fields"].contains($0) }) {
            throw .shape("unexpected member \"\(extra)\" (a line holds only key, ref and fields)")
        }
        return SnapshotRecord(key: key, ref: ref, fields: fields)
    }
}

/// What is wrong with one snapshot line.
package enum SnapshotLineError: Error, Sendable, CustomStringConvertible {
    case syntax(JSONSyntaxError)
    case shape(String)

    package var description: String {
        switch self {
        case .syntax(let error): "invalid JSON: \(error)"
        case .shape(let reason): reason
        }
    }
}
