import PosBridgeCore

/// Maps one canonical source record to the desired record: the record as the target should hold
/// it, in the target's terms, with exactly the entity's field set. Pure: no I/O, no clock.
package struct MappingEngine: Sendable {
    /// What became of one source record.
    package enum Outcome: Sendable, Equatable {
        /// The desired record (its `ref` is the source's ids, which the diff ignores).
        case mapped(SnapshotRecord)
        /// Left out by the filter (or as not stock-managed); not an error.
        case skipped(reason: String)
        /// Could not be mapped: the key, the target field and the reason.
        case rejected(TranslationReject)
    }

    package let pipeline: EffectivePipeline
    private let entries: [(path: FieldPath, mapping: FieldMapping)]

    package init(pipeline: EffectivePipeline) {
        self.pipeline = pipeline
        entries = pipeline.mapping.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Maps one record; `source` names it in rejects (`file:line`).
    package func map(_ record: SnapshotRecord, source: String) -> Outcome {
        if let filter = pipeline.filter, !filter.accepts(record.fields) { return .skipped(reason: Self.filteredOut) }
        if let managed = pipeline.stockManaged, !managed.accepts(record.fields) { return .skipped(reason: Self.notStockManaged) }
        if pipeline.skipsUnmappedLocations, case .string(let location)? = record.fields[CanonicalModel.Stock.location],
           pipeline.tables[Self.locationsTable]?[location] == nil {
            return .skipped(reason: Self.unmappedLocationReason(location))
        }
        var desired: [String: JSONValue] = [:]
        for name in pipeline.schema.fieldNames { desired[name] = .null }
        for (path, mapping) in entries {
            switch value(of: mapping, in: record.fields) {
            case .success(let value): path.set(value, in: &desired)
            case .failure(let failure):
                return .rejected(TranslationReject(source: source, key: record.key, field: path.description, reason: failure.reason))
            }
        }
        let key: String
        if pipeline.schema.keyFields.isEmpty {
            key = record.key
        } else {
            var parts: [String] = []
            for field in pipeline.schema.keyFields {
                guard case .string(let part)? = desired[field] else {
                    return .rejected(TranslationReject(source: source, key: record.key, field: field, reason: "is empty; it is part of the key"))
                }
                parts.append(part)
            }
            // The first part may itself be a composite product key (`1000␟RED-M` in a stock key
            // `1000␟RED-M␟MAIN`); the parts after it must not hold the separator.
            guard parts.allSatisfy({ !$0.isEmpty }), !parts.dropFirst().contains(where: { $0.contains(CanonicalModel.keySeparator) }) else {
                return .rejected(TranslationReject(source: source, key: record.key, field: pipeline.schema.keyFields.joined(separator: ", "),
                                                   reason: "cannot form a key (a part is empty or contains U+001F)"))
            }
            let joined = parts.joined(separator: CanonicalModel.keySeparator)
            key = joined
        }
        return .mapped(SnapshotRecord(key: key, ref: record.ref, fields: desired))
    }

    static let locationsTable = "locations"
    /// Skips that are the pipeline working as set up (its filter, its stock-managed setting), not
    /// news for the user.
    static let quietSkipReasons: Set<String> = [filteredOut, notStockManaged]
    static let filteredOut = "filter"
    static let notStockManaged = "not stock-managed"

    /// The warning for the stock of a location without a shop (one per location and run).
    static func unmappedLocationReason(_ location: String) -> String {
        "location \"\(location)\" has no shop in table \(locationsTable): its stock is not written"
    }

    /// One field's value: its source, then its transforms in order.
    func value(of mapping: FieldMapping, in fields: [String: JSONValue]) -> Result<JSONValue, MappingFailure> {
        var value: JSONValue
        switch mapping.source ?? .constant(.null) {
        case .path(let path): value = path.value(in: fields) ?? .null
        case .constant(let constant): value = constant
        case .lookup(let lookup):
            switch self.lookup(lookup, in: fields) {
            case .success(let found): value = found
            case .failure(let failure): return .failure(failure)
            }
        }
        for transform in mapping.transforms ?? [] {
            switch transform.apply(value, fields: fields, tables: pipeline.tables) {
            case .success(let next): value = next
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(value)
    }

    private func lookup(_ lookup: FieldMapping.Lookup, in fields: [String: JSONValue]) -> Result<JSONValue, MappingFailure> {
        let key: String
        switch lookup.from.value(in: fields) {
        case .null?, nil: return .success(.null)
        case .string(let text)?: key = text
        case .number(let number)?: key = number.text
        case .bool(let flag)?: key = flag ? "true" : "false"
        case let other?: return .failure(.wrongType(other, expected: "text to look up in table \(lookup.table)"))
        }
        if let found = pipeline.tables[lookup.table]?[key] { return .success(.string(found)) }
        if let otherwise = lookup.otherwise { return .success(otherwise.value(in: fields) ?? .null) }
        if let fallback = lookup.defaultValue { return .success(fallback) }
        return .failure(MappingFailure("\"\(key)\" has no entry in table \(lookup.table)"))
    }
}
