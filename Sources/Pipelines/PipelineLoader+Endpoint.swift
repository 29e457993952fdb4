import Yams

extension PipelineLoader {
    enum Role: String { case source, target }

    /// `source:` / `target:` — `{connection: NAME}` (or just `NAME`), `{inbox: DIR, format, pattern?, ready?}`,
    /// `{outbox: DIR, format}`.
    func endpoint(_ node: Node?, at path: String, role: Role, root: Node, reader: YAMLReader) -> PipelineEndpoint? {
        guard let node else {
            reader.problem(root, .missingKey, path, "missing (e.g. { connection: \(role == .source ? "bc" : "lightspeed") })")
            return nil
        }
        if node.scalar != nil {
            guard let name = reader.string(node, at: path) else { return nil }
            return checkedConnection(name, node: node, at: path, reader: reader)
        }
        let allowed = role == .source ? ["connection", "inbox", "format", "pattern", "ready"] : ["connection", "outbox", "format"]
        guard let members = reader.members(node, at: path, allowed: allowed) else { return nil }
        let kinds = ["connection", role == .source ? "inbox" : "outbox"].filter { members[$0] != nil }
        guard kinds.count == 1 else {
            reader.problem(node, kinds.isEmpty ? .missingKey : .badValue, path,
                           "give exactly one of connection, \(role == .source ? "inbox" : "outbox")")
            return nil
        }
        if let connection = members["connection"] {
            for extra in ["format", "pattern", "ready"] where members[extra] != nil {
                reader.problem(members[extra]!.keyNode, .unknownKey, "\(path).\(extra)", "only an \(role == .source ? "inbox" : "outbox") takes \(extra)")
            }
            guard let name = reader.string(connection.value, at: "\(path).connection") else { return nil }
            return checkedConnection(name, node: connection.value, at: "\(path).connection", reader: reader)
        }
        if role == .source, let inbox = members["inbox"] {
            let folder = reader.string(inbox.value, at: "\(path).inbox")
            guard let formatNode = members["format"] else {
                reader.problem(inbox.keyNode, .missingKey, "\(path).format", "missing (one of \(PipelineEndpoint.InboxFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                return nil
            }
            let format = reader.choice(PipelineEndpoint.InboxFormat.self, formatNode.value, at: "\(path).format")
            let pattern = members["pattern"].flatMap { reader.string($0.value, at: "\(path).pattern") } ?? "*"
            let ready = members["ready"].map { reader.choice(PipelineEndpoint.ReadyRule.self, $0.value, at: "\(path).ready") } ?? .doneMarker
            guard let folder, let format, let ready else { return nil }
            return .inbox(.init(folder: folder, format: format, pattern: pattern, ready: ready))
        }
        if let outbox = members["outbox"] {
            let folder = reader.string(outbox.value, at: "\(path).outbox")
            guard let formatNode = members["format"] else {
                reader.problem(outbox.keyNode, .missingKey, "\(path).format", "missing (one of \(PipelineEndpoint.OutboxFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                return nil
            }
            let format = reader.choice(PipelineEndpoint.OutboxFormat.self, formatNode.value, at: "\(path).format")
            guard let folder, let format else { return nil }
            return .outbox(.init(folder: folder, format: format))
        }
        return nil
    }

    private func checkedConnection(_ name: String, node: Node, at path: String, reader: YAMLReader) -> PipelineEndpoint {
        if let connections, connections[name] == nil {
            let hint = EntitySchema.closest(to: name, in: connections.keys.sorted()).map { " (did you mean \"\($0)\"?)" } ?? ""
            let known = connections.isEmpty ? "it has none" : "it has \(connections.keys.sorted().joined(separator: ", "))"
            reader.problem(node, .unknownConnection, path, "no connection \"\(name)\" in the configuration (\(known))\(hint)")
        }
        return .connection(name)
    }

    /// The system at an end, when it is known (a connection of a known configuration, or a file format).
    private func system(of endpoint: PipelineEndpoint) -> System? {
        switch endpoint {
        case .connection(let name): connections?[name].flatMap(System.init(rawValue:))
        case .inbox(let inbox): inbox.format.system
        case .outbox(let outbox): outbox.format.system
        }
    }

    /// The source and target must be systems the flow runs between.
    func checkDirection(_ flow: Flow, source: PipelineEndpoint, target: PipelineEndpoint,
                        top: [String: (keyNode: Node, value: Node)], reader: YAMLReader) {
        let directions = flow.directions
        let expected = directions.map { "\($0.source.rawValue) → \($0.target.rawValue)" }.joined(separator: " or ")
        if let from = system(of: source), !directions.contains(where: { $0.source == from }) {
            reader.problem(top["source"]?.value, .badValue, "source", "is a \(from.rawValue) source; flow \(flow.rawValue) runs \(expected)")
        }
        if let to = system(of: target), !directions.contains(where: { $0.target == to }) {
            reader.problem(top["target"]?.value, .badValue, "target", "is a \(to.rawValue) target; flow \(flow.rawValue) runs \(expected)")
        }
        if let from = system(of: source), let to = system(of: target), from == to {
            reader.problem(top["target"]?.value, .badValue, "target", "is the same system as the source (\(from.rawValue))")
        }
    }
}
