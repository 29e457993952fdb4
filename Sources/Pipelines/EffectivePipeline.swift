import Diffing
import PosBridgeCore

/// What a run of a pipeline uses: the flow's default mapping, filter, compare rules and tables
/// with the file's overrides laid over them, field by field.
package struct EffectivePipeline: Sendable {
    package let name: String
    package let flow: Flow
    package let schema: EntitySchema
    package let entities: [String]
    /// Which source records take part (nil: all).
    package let filter: RecordFilter?
    /// Stock only: which records Lightspeed manages stock for (`settings.stockManaged`); others are skipped.
    package let stockManaged: RecordFilter?
    /// Stock only: skip (rather than reject) the records of a location the `locations` table lacks.
    package let skipsUnmappedLocations: Bool
    /// Every target field's mapping, complete (source, transforms, policy).
    package let mapping: [FieldPath: FieldMapping]
    package let compare: [FieldPath: CompareRule]
    package let missing: MissingPolicy
    package let settings: PipelineSettings
    package let tables: MappingTables

    init(_ pipeline: Pipeline) {
        name = pipeline.name
        flow = pipeline.flow
        schema = pipeline.flow.schema
        entities = pipeline.entities ?? [pipeline.flow.entities[0]]
        settings = pipeline.settings
        let defaults = DefaultMappings.defaults(for: pipeline.flow, settings: pipeline.settings)
        filter = pipeline.filter ?? defaults.filter
        if case .stock(let stock) = pipeline.settings {
            stockManaged = stock.stockManaged
            skipsUnmappedLocations = stock.unmappedLocations == .skip
        } else {
            stockManaged = nil
            skipsUnmappedLocations = false
        }
        var mapping = defaults.mapping
        for (path, override) in pipeline.mapping where !pipeline.resetFields.contains(path) {
            let base = mapping[path] ?? FieldMapping(source: .constant(.null), transforms: [], policy: .createAndUpdate)
            mapping[path] = base.overlaid(with: override)
        }
        self.mapping = mapping.mapValues { entry in
            FieldMapping(source: entry.source ?? .constant(.null), transforms: entry.transforms ?? [], policy: entry.policy ?? .createAndUpdate)
        }
        var compare = defaults.compare
        for (path, rule) in pipeline.compare { compare[path] = (compare[path] ?? CompareRule()).overlaid(with: rule) }
        self.compare = compare
        missing = pipeline.missing ?? pipeline.flow.defaultMissing
        var tables = defaults.tables
        for (name, entries) in pipeline.tables { tables[name, default: [:]].merge(entries) { $1 } }
        self.tables = tables
    }

    /// The diff's rules for the compare rules in force. Create-only fields are ignored, so an
    /// update lists only what the apply stage writes and a record whose only differences are
    /// create-only counts as unchanged (a create still carries every field).
    package var diffRules: DiffRules {
        var rules = compare
        for path in createOnlyFields { rules[path] = (rules[path] ?? CompareRule()).overlaid(with: CompareRule(ignore: true)) }
        return DiffRules(compare: rules)
    }

    /// The target fields an update must not change (the apply stage drops them from updates).
    package var createOnlyFields: [FieldPath] {
        mapping.filter { $0.value.policy == .createOnly }.keys.sorted()
    }
}
