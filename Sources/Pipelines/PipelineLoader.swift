import Foundation
import PosBridgeCore
import Yams

/// Reads pipeline files (`pipelines/*.yaml`, `docs/pipelines.md`) into `Pipeline` values and
/// reports every problem — unknown key, wrong type, a field neither side has, an unknown transform
/// or table, a bad filter, a connection `posbridge.yaml` does not have — with line and column.
package struct PipelineLoader: Sendable {
    /// The top-level keys of a pipeline file.
    package static let topLevelKeys = ["flow", "source", "target", "entities", "filter", "mapping", "compare", "missing", "settings", "tables"]

    /// The connections of `posbridge.yaml` by name, with their system (`bc`, `lightspeed`); nil
    /// when no configuration is known, and then connection names are not checked.
    package var connections: [String: String]?

    package init(connections: [String: String]? = nil) {
        self.connections = connections
    }

    /// Reads a file; throws `PipelineFileError` with every problem.
    package func load(path: String) throws(PipelineFileError) -> Pipeline {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PipelineFileError(problems: [PipelineProblem(file: path, line: 0, column: 0, kind: .badValue, message: "cannot be read as UTF-8 text")])
        }
        return try parse(text, file: path)
    }

    /// Reads pipeline text; `file` names it in problems and gives the pipeline its name.
    package func parse(_ text: String, file: String) throws(PipelineFileError) -> Pipeline {
        let result = check(text, file: file)
        guard let pipeline = result.pipeline, result.problems.isEmpty else { throw PipelineFileError(problems: result.problems) }
        return pipeline
    }

    /// Every problem of the text, and the pipeline when there are none that keep it from being built.
    package func check(_ text: String, file: String) -> (pipeline: Pipeline?, problems: [PipelineProblem]) {
        let reader = YAMLReader(file: file)
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                reader.problem(nil, .missingKey, "flow", "missing (the file is empty; the smallest pipeline names flow, source and target)")
                return (nil, reader.problems)
            }
            root = composed
        } catch {
            return (nil, [Self.syntaxProblem(error, file: file)])
        }
        guard let top = reader.members(root, at: "", allowed: Self.topLevelKeys) else { return (nil, reader.problems) }
        let flow = top["flow"].flatMap { reader.choice(Flow.self, $0.value, at: "flow") }
        if top["flow"] == nil { reader.problem(root, .missingKey, "flow", "missing (one of \(Flow.allCases.map(\.rawValue).joined(separator: ", ")))") }
        let source = endpoint(top["source"]?.value, at: "source", role: .source, root: root, reader: reader)
        let target = endpoint(top["target"]?.value, at: "target", role: .target, root: root, reader: reader)
        if let flow, let source, let target { checkDirection(flow, source: source, target: target, top: top, reader: reader) }

        let tables = top["tables"].map { self.tables($0.value, reader: reader) } ?? [:]
        // Without a known flow the fields and the default tables are unknown: everything else is still checked.
        let context = LoadContext(schema: flow?.schema, tables: flow.map { Set(tables.keys).union(DefaultMappings.tables(for: $0).keys) },
                                  reader: reader)

        var entities: [String]?
        if let node = top["entities"]?.value, let flow {
            entities = reader.list(node).compactMap { item in
                guard let name = reader.string(item, at: "entities") else { return nil }
                guard flow.entities.contains(name) else {
                    reader.problem(item, .badValue, "entities", "\"\(name)\" is not an entity of flow \(flow.rawValue) (expected \(flow.entities.joined(separator: ", ")))")
                    return nil
                }
                return name
            }
        }
        let filter = top["filter"].flatMap { self.filter($0.value, at: "filter", context: context) }
        var mapping: [FieldPath: FieldMapping] = [:]
        var resets: Set<FieldPath> = []
        if let node = top["mapping"]?.value {
            (mapping, resets) = self.mapping(node, context: context)
        }
        let compare = top["compare"].map { self.compare($0.value, context: context) } ?? [:]
        let missing = top["missing"].flatMap { reader.choice(MissingPolicy.self, $0.value, at: "missing") }
        let settings = flow.map { flow in top["settings"].map { self.settings($0.value, flow: flow, context: context) } ?? .defaults(for: flow) }

        guard let flow, let source, let target, let settings else { return (nil, reader.problems) }
        let pipeline = Pipeline(file: file, name: Self.name(of: file), flow: flow, source: source, target: target, entities: entities,
                                filter: filter, mapping: mapping, resetFields: resets, compare: compare, missing: missing,
                                settings: settings, tables: tables)
        return (pipeline, reader.problems)
    }

    /// The pipeline's name: the file name without its extension.
    package static func name(of file: String) -> String {
        ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    static func syntaxProblem(_ error: any Error, file: String) -> PipelineProblem {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return PipelineProblem(file: file, line: mark.line, column: mark.column, kind: .yamlSyntax, message: "not valid YAML: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, _):
                return PipelineProblem(file: file, line: 1, column: 1, kind: .yamlSyntax,
                                       message: "not valid YAML: duplicate keys \(duplicates.joined(separator: ", "))")
            default: break
            }
        }
        return PipelineProblem(file: file, line: 1, column: 1, kind: .yamlSyntax, message: "not valid YAML")
    }

    /// `tables:` — name → { source value: target value }.
    private func tables(_ node: Node, reader: YAMLReader) -> MappingTables {
        var tables: MappingTables = [:]
        for (name, _, value) in reader.pairs(node, at: "tables") ?? [] {
            var entries: [String: String] = [:]
            for (key, keyNode, entry) in reader.pairs(value, at: "tables.\(name)") ?? [] {
                switch reader.value(entry) {
                case .string(let text): entries[key] = text
                case .number(let number): entries[key] = number.text
                default: reader.problem(entry.scalar == nil ? entry : keyNode, .wrongType, "tables.\(name).\(key)", "expected text, found \(reader.describe(entry))")
                }
            }
            tables[name] = entries
        }
        return tables
    }
}

/// What the parts of a file are checked against: the flow's fields and the tables it can use
/// (nil when the flow is not known, and then they are not checked).
struct LoadContext {
    let schema: EntitySchema?
    let tables: Set<String>?
    let reader: YAMLReader

    /// A field path in a record of the flow's entity, or nil (and a problem).
    func fieldPath(_ node: Node, at path: String, kind: PipelineProblem.Kind = .unknownField) -> FieldPath? {
        guard let text = reader.string(node, at: path) else { return nil }
        return fieldPath(text, node: node, at: path, kind: kind)
    }

    func fieldPath(_ text: String, node: Node, at path: String, kind: PipelineProblem.Kind = .unknownField) -> FieldPath? {
        guard let fieldPath = FieldPath(text) else {
            reader.problem(node, .badValue, path, "\"\(text)\" is not a field path (names joined by dots)")
            return nil
        }
        if let problem = schema?.problem(with: fieldPath) {
            reader.problem(node, kind, path, "\(problem); neither side has it")
            return nil
        }
        return fieldPath
    }

    /// A table name the file or the flow defines, or nil (and a problem).
    func table(_ node: Node, at path: String) -> String? {
        guard let name = reader.string(node, at: path) else { return nil }
        guard let tables else { return name }
        guard tables.contains(name) else {
            let hint = EntitySchema.closest(to: name, in: tables.sorted()).map { " (did you mean \"\($0)\"?)" } ?? ""
            reader.problem(node, .unknownTable, path, "no table \"\(name)\" under tables\(hint)")
            return nil
        }
        return name
    }
}
