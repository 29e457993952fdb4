/// One record of a canonical snapshot: its key, the system-native references the diff ignores (ids,
/// etags) and the compared fields.
package struct SnapshotRecord: Sendable, Hashable {
    package var key: String
    package var ref: [String: JSONValue]
    package var fields: [String: JSONValue]

    package init(key: String, ref: [String: JSONValue] = [:], fields: [String: JSONValue]) {
        self.key = key
        self.ref = ref
        self.fields = fields
    }
}
