import PosBridgeCore

/// A pipeline file as written: the flow, where it reads and writes, and what it overrides of the
/// flow's defaults. `EffectivePipeline` is what a run uses: the defaults with these laid over them.
package struct Pipeline: Sendable {
    /// The file it was read from.
    package var file: String
    /// The pipeline's name: the file name without `.yaml` (`products`), used for its lock,
    /// its ledger entries and its watermarks.
    package var name: String
    package var flow: Flow
    package var source: PipelineEndpoint
    package var target: PipelineEndpoint
    /// `entities`, when the file names them.
    package var entities: [String]?
    /// `filter`, when given (it replaces the flow's default filter).
    package var filter: RecordFilter?
    /// `mapping`: overrides by target field.
    package var mapping: [FieldPath: FieldMapping]
    /// Target fields marked `reset: true`: their default stands whatever else the entry says.
    package var resetFields: Set<FieldPath>
    /// `compare`: rules by field, laid over the flow's defaults.
    package var compare: [FieldPath: CompareRule]
    /// `missing`, when given.
    package var missing: MissingPolicy?
    /// `settings`, defaults filled in.
    package var settings: PipelineSettings
    /// `tables`: entries laid over the flow's default tables.
    package var tables: MappingTables

    package init(file: String, name: String, flow: Flow, source: PipelineEndpoint, target: PipelineEndpoint,
                 entities: [String]? = nil, filter: RecordFilter? = nil, mapping: [FieldPath: FieldMapping] = [:],
                 resetFields: Set<FieldPath> = [], compare: [FieldPath: CompareRule] = [:], missing: MissingPolicy? = nil,
                 settings: PipelineSettings? = nil, tables: MappingTables = [:]) {
        self.file = file
        self.name = name
        self.flow = flow
        self.source = source
        self.target = target
        self.entities = entities
        self.filter = filter
        self.mapping = mapping
        self.resetFields = resetFields
        self.compare = compare
        self.missing = missing
        self.settings = settings ?? .defaults(for: flow)
        self.tables = tables
    }

    /// The pipeline a run uses.
    package var effective: EffectivePipeline { EffectivePipeline(self) }
}
