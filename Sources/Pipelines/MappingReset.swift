import Foundation
import Snapshots
import Yams

/// `pipeline reset-mapping`: the pipeline text without its mapping overrides (or without one
/// field's), everything else — comments, order, spacing — kept as written. Lines are cut by the
/// places YAML reports; a flow-style `mapping: {…}` is written anew in block style.
package enum MappingReset {
    /// What a reset did.
    package struct Result: Sendable, Equatable {
        package var text: String
        /// The target fields whose overrides were removed, as written.
        package var removed: [String]
    }

    /// The text without the mapping (`field` nil) or without one field's override.
    package static func reset(_ text: String, file: String, field: String? = nil) throws -> Result {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw PipelineFileError(problems: [PipelineLoader.syntaxProblem(error, file: file)])
        }
        guard let top = root?.mapping, top.style != .flow else {
            throw PipelineError(.invalid, "\(file): the top level must be a block mapping to be edited")
        }
        let pairs = Array(top)
        guard let index = pairs.firstIndex(where: { $0.key.string == "mapping" }) else {
            if let field { throw PipelineError(.invalid, "\(file): mapping has no override for \(field) (the file has no mapping)") }
            return Result(text: text, removed: [])
        }
        var lines = text.components(separatedBy: "\n")
        let start = (pairs[index].key.mark?.line ?? 1) - 1
        var end = index + 1 < pairs.count ? (pairs[index + 1].key.mark?.line ?? lines.count + 1) - 1 : lines.count
        // Blank lines and top-level comments right before the next key belong to it.
        while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[end - 1].hasPrefix("#") { end -= 1 }
        let value = pairs[index].value
        let entries = value.mapping.map(Array.init) ?? []
        let names = entries.compactMap { $0.key.string }

        guard let field else {
            lines.removeSubrange(start..<end)
            return Result(text: lines.joined(separator: "\n"), removed: names)
        }
        let wanted = FieldPath(field)
        guard let position = entries.firstIndex(where: { entry in entry.key.string.flatMap(FieldPath.init) == wanted && wanted != nil }) else {
            throw PipelineError(.invalid, "\(file): mapping has no override for \(field) (it has \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
        }
        let removedName = names[position]
        if entries.count == 1 {
            lines.removeSubrange(start..<end)
            return Result(text: lines.joined(separator: "\n"), removed: [removedName])
        }
        guard value.mapping?.style != .flow, let keyLine = entries[position].key.mark?.line, keyLine - 1 > start else {
            var kept = entries
            kept.remove(at: position)
            let block = Node.mapping(Node.Mapping([(Node("mapping"), .mapping(Node.Mapping(kept.map { ($0.key, $0.value) }, .implicit, .block)))], .implicit, .block))
            let rendered = try Yams.serialize(node: block, width: -1, allowUnicode: true)
            lines.replaceSubrange(start..<end, with: rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast())
            return Result(text: lines.joined(separator: "\n"), removed: [removedName])
        }
        var entryStart = keyLine - 1
        // Comment lines right before an entry are its own.
        while entryStart - 1 > start, lines[entryStart - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#") { entryStart -= 1 }
        var entryEnd = position + 1 < entries.count ? (entries[position + 1].key.mark?.line ?? end + 1) - 1 : end
        // Comment lines right before the next entry are that entry's.
        if position + 1 < entries.count {
            while entryEnd > entryStart + 1, lines[entryEnd - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#") { entryEnd -= 1 }
        }
        lines.removeSubrange(entryStart..<entryEnd)
        return Result(text: lines.joined(separator: "\n"), removed: [removedName])
    }

    /// Resets the file in place, atomically (a temporary file renamed over it).
    @discardableResult
    package static func resetFile(_ path: String, field: String? = nil) throws -> Result {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PipelineError(.io, "\(path): cannot be read", underlying: error)
        }
        let result = try reset(text, file: path, field: field)
        guard result.text != text else { return result }
        let writer = try FileWriter(path: path)
        try writer.write(Array(result.text.utf8))
        try writer.commit()
        return result
    }
}
