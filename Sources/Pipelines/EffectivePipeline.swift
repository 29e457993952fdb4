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
        if case .stock(let stock) = pipeline.settings { stockManaged = stock.stockManaged } else { stockManaged = nil }
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

    /// The diff's rules for the compare rules in force.
    package var diffRules: DiffRules { DiffRules(compare: compare) }

    /// The target fields an update must not change (the apply stage drops them from updates).
    package var createOnlyFields: [FieldPath] {
        mapping.filter { $0.value.policy == .createOnly }.keys.sorted()
    }
}
