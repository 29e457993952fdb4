/// What a translation produced: the canonical records (in input order, not sorted; the snapshot
/// writer sorts) and the records it could not translate. Translators never throw for a bad record.
package struct TranslationResult: Sendable, Hashable {
    /// The translated records.
    package var records: [SnapshotRecord]
    /// The records that could not be translated, each with its reason.
    package var rejects: [TranslationReject]
    /// Source records that are neither a record nor a reject because a documented rule leaves them
    /// out or folds them into another record, counted per rule (e.g. `items: Service or
    /// Non-Inventory, no stock record`), so that records read = records + rejects + omitted.
    package var omitted: [String: Int]

    package init(records: [SnapshotRecord] = [], rejects: [TranslationReject] = [], omitted: [String: Int] = [:]) {
        self.records = records
        self.rejects = rejects
        self.omitted = omitted
    }

    /// How many source records `omitted` accounts for.
    package var omittedCount: Int { omitted.values.reduce(0, +) }

    /// Appends another result's records, rejects and omitted counts.
    package mutating func append(_ other: TranslationResult) {
        records += other.records
        rejects += other.rejects
        omitted.merge(other.omitted, uniquingKeysWith: +)
    }
}

/// One record a translator could not turn into a canonical record (or one field of it that it had
/// to drop). Written to `rejects.ndjson`; the description names no customer data beyond the key.
package struct TranslationReject: Error, Sendable, Hashable, CustomStringConvertible {
    /// The source entity and its id, e.g. `items(5b1c…)` or `RapidStart Customer line 42`.
    package var source: String
    /// The canonical key, when it was known.
    package var key: String?
    /// The source field at fault, when one is.
    package var field: String?
    /// Why, in a few words, e.g. `is empty`.
    package var reason: String

    package init(source: String, key: String? = nil, field: String? = nil, reason: String) {
        self.source = source
        self.key = key
        self.field = field
        self.reason = reason
    }

    /// `items(5b1c…): number is empty`, the key in brackets when known.
    package var description: String {
        let keyPart = key.map { " [\($0)]" } ?? ""
        let fieldPart = field.map { "\($0) " } ?? ""
        return "\(source)\(keyPart): \(fieldPart)\(reason)"
    }
}
