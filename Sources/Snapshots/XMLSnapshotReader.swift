import Foundation
import PosBridgeCore

/// Reads a snapshot in its XML form (`docs/snapshot-xml.md`) through `LibXML2TextReader`, one
/// record per `next()`, so memory stays flat however large the file.
///
/// Security as `LibXML2TextReader` gives it: no network, no DTD, no entities (a document with a
/// DOCTYPE, and so any entity declaration, is refused). With `validateAgainstSchema` every node is
/// checked against the embedded `snapshot.xsd` while streaming. Either way the reader itself
/// checks the structure, the escapes, numbers and duplicate member names. Errors are
/// `SnapshotError`s (`.xmlInvalid`, `.io`) naming the file, the line and, where known, the record
/// key and field; after an error every call throws it again.
package final class XMLSnapshotReader {
    /// The file being read.
    package let path: String
    /// The `entity` attribute of `<snapshot>`.
    package private(set) var entity = ""
    /// The `system` attribute of `<snapshot>`.
    package private(set) var system = ""
    /// The line of the `<record>` start tag of the record `next()` returned last.
    var recordLine = 0

    private let reader: LibXML2TextReader
    private var insideSnapshot = false
    private var finished = false
    private var failed: (any Error)?
    /// The key of the record being read, for error messages.
    var recordKey: String?

    /// Opens the file and reads up to the `<snapshot>` start tag (so `entity` and `system` are set).
    package init(path: String, validateAgainstSchema: Bool) throws {
        self.path = path
        let schema = validateAgainstSchema ? try XMLCompiledSchema() : nil
        reader = try LibXML2TextReader(path: path, source: .descriptor)
        try reader.errors.capturing {
            if let schema { try reader.validate(against: schema) }
            try readSnapshotStart()
        }
    }

    /// The next record in file order, or nil after `</snapshot>` (and the end of the document).
    package func next() throws -> SnapshotRecord? {
        if let failed { throw failed }
        if finished { return nil }
        do {
            return try reader.errors.capturing { try readNextRecord() }
        } catch {
            failed = error
            throw error
        }
    }

    private func readSnapshotStart() throws {
        while let node = try nextNode() {
            switch node {
            case .whitespace:
                continue
            case .start(.snapshot, let isEmpty):
                let found = try attributes(of: .snapshot)
                entity = try decodedText(found.entity, encoding: found.entityEncoding, attribute: "entity")
                system = try decodedText(found.system, encoding: found.systemEncoding, attribute: "system")
                insideSnapshot = !isEmpty
                return
            default:
                throw unexpected(node, in: nil)
            }
        }
        throw invalid("the document has no <snapshot> element")
    }

    private func readNextRecord() throws -> SnapshotRecord? {
        recordKey = nil
        while insideSnapshot, let node = try nextNode() {
            switch node {
            case .whitespace: continue
            case .start(.record, let isEmpty): return try readRecord(isEmpty: isEmpty)
            case .end(.snapshot): insideSnapshot = false
            default: throw unexpected(node, in: .snapshot)
            }
        }
        guard !insideSnapshot else { throw invalid("the document ends inside <snapshot>") }
        // After the root only comments and processing instructions may follow.
        while let node = try nextNode() {
            if case .whitespace = node { continue }
            throw unexpected(node, in: nil)
        }
        finished = true
        return nil
    }

    // MARK: - Nodes

    /// What the cursor is on, as far as the snapshot form cares.
    enum Node {
        case start(XMLSnapshotTag, isEmpty: Bool)
        case end(XMLSnapshotTag)
        case text
        case whitespace
    }

    /// Moves to the next node that matters (comments and processing instructions are skipped), or
    /// returns nil at the end of the document.
    func nextNode() throws -> Node? {
        switch try reader.next(refusingDoctype: "DOCTYPE declarations are not allowed (snapshots use no DTD and no entities)") {
        case .start(let isEmpty)?: .start(try currentTag(), isEmpty: isEmpty)
        case .end?: .end(try currentTag())
        case .text?: .text
        case .whitespace?: .whitespace
        case nil: nil
        }
    }

    /// The text of the current text or white-space node.
    func currentValue() -> String { reader.value }

    private func currentTag() throws -> XMLSnapshotTag {
        let localName = reader.localName
        guard reader.isInNamespace(XMLSnapshotFormat.namespaceCString) else {
            throw invalid("element <\(localName)> is not in namespace \(XMLSnapshotSchema.namespace)")
        }
        guard let tag = XMLSnapshotTag(rawValue: localName) else { throw invalid("unknown element <\(localName)>") }
        return tag
    }

    /// The attributes of the current element, each checked to be allowed on `tag`; namespace
    /// declarations are skipped.
    func attributes(of tag: XMLSnapshotTag) throws -> XMLElementAttributes {
        var found = XMLElementAttributes()
        for attribute in try reader.attributes() {
            if let namespace = attribute.namespace {
                throw invalid("attribute \(attribute.name) in namespace \(namespace) is not allowed on <\(tag.rawValue)>")
            }
            guard found.set(attribute.name, to: attribute.value, on: tag) else {
                throw invalid("attribute \"\(attribute.name)\" is not allowed on <\(tag.rawValue)>")
            }
        }
        return found
    }

    // MARK: - Errors

    /// The line of the current node.
    var currentLine: Int { reader.currentLine }

    /// An `.xmlInvalid` error at the current line, naming the record key and field when known.
    func invalid(_ reason: String, field: String? = nil) -> SnapshotError {
        var context: [String] = []
        if let recordKey { context.append("record \(XMLSnapshotFormat.quoted(recordKey))") }
        if let field { context.append("field \(XMLSnapshotFormat.quoted(field))") }
        return reader.invalid(reason, context: context.isEmpty ? "" : " (\(context.joined(separator: ", ")))")
    }

    /// A node that does not belong where it is.
    func unexpected(_ node: Node, in parent: XMLSnapshotTag?, field: String? = nil) -> SnapshotError {
        let place = parent.map { "in <\($0.rawValue)>" } ?? "outside <snapshot>"
        switch node {
        case .start(let tag, _): return invalid("<\(tag.rawValue)> is not allowed \(place)", field: field)
        case .end(let tag): return invalid("unexpected </\(tag.rawValue)> \(place)", field: field)
        case .text, .whitespace: return invalid("text is not allowed \(place)", field: field)
        }
    }
}
