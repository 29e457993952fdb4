import PosBridgeCore

/// Checks an XML snapshot file completely: well-formed, no DOCTYPE, valid against the embedded
/// `snapshot.xsd` (while streaming), every record decodable, and records sorted by the UTF-8 bytes
/// of their keys without duplicates. What `posbridge snapshot validate` runs for `.xml` files.
package enum XMLSnapshotValidator {
    /// Validates the file at `path` and returns its number of records; throws the first problem as
    /// a `SnapshotError` (`.xmlInvalid`, `.unsorted`, `.duplicateKeys`, `.io`) naming the line.
    package static func validate(path: String) throws -> Int {
        let reader = try XMLSnapshotReader(path: path, validateAgainstSchema: true)
        var previousKey: String?
        var count = 0
        while let record = try reader.next() {
            if let previousKey {
                let key = XMLSnapshotFormat.quoted(record.key)
                if record.key.utf8.elementsEqual(previousKey.utf8) {
                    throw SnapshotError(.duplicateKeys, "\(path):\(reader.recordLine): duplicate key \(key)")
                }
                if !previousKey.utf8Precedes(record.key) {
                    throw SnapshotError(
                        .unsorted,
                        "\(path):\(reader.recordLine): key \(key) sorts before the previous key \(XMLSnapshotFormat.quoted(previousKey)); records must be sorted by key bytes")
                }
            }
            previousKey = record.key
            count += 1
        }
        return count
    }
}
