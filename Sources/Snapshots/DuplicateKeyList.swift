import PosBridgeCore

/// Collects duplicate keys as they are met, keeping the first 20 with where they are, and becomes
/// one error that lists them.
package struct DuplicateKeyList: Sendable {
    /// How many duplicates are named in the error; the rest are counted.
    package static let limit = 20
    private var named: [(key: String, location: FileLocation, firstLine: Int)] = []
    private(set) var total = 0

    package init() {}

    /// Records one duplicate: the key, where the repeat is, and the line of its first occurrence.
    package mutating func add(key: String, location: FileLocation, firstLine: Int) {
        total += 1
        if named.count < Self.limit { named.append((key, location, firstLine)) }
    }

    /// The error listing the duplicates, or nil when there were none.
    package func error() -> SnapshotError? {
        guard total > 0 else { return nil }
        let list = named.map { "\"\($0.key)\" at \($0.location) (first on line \($0.firstLine))" }.joined(separator: "; ")
        let more = total > named.count ? "; and \(total - named.count) more" : ""
        return SnapshotError(.duplicateKeys, "\(total) duplicate key\(total == 1 ? "" : "s"): \(list)\(more)")
    }
}
