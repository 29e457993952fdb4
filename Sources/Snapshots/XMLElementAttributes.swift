/// The attributes the XML snapshot form knows, as found on one element.
struct XMLElementAttributes {
    var entity: String?, entityEncoding: String?
    var system: String?, systemEncoding: String?
    var key: String?, keyEncoding: String?
    var name: String?, nameEncoding: String?
    var encoding: String?

    /// Stores an attribute, or returns false when `tag` does not take it.
    mutating func set(_ attribute: String, to value: String, on tag: XMLSnapshotTag) -> Bool {
        switch (tag, attribute) {
        case (.snapshot, "entity"): entity = value
        case (.snapshot, "entity-encoding"): entityEncoding = value
        case (.snapshot, "system"): system = value
        case (.snapshot, "system-encoding"): systemEncoding = value
        case (.record, "key"): key = value
        case (.record, "key-encoding"): keyEncoding = value
        case (.string, "encoding"): encoding = value
        case (_, "name") where tag.holdsValue: name = value
        case (_, "name-encoding") where tag.holdsValue: nameEncoding = value
        default: return false
        }
        return true
    }
}
