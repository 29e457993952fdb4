import CLibXML2
import Foundation
import PosBridgeCore

/// Reads a snapshot in its XML form (`docs/snapshot-xml.md`) through libxml2's streaming
/// `xmlTextReader`, one record per `next()`; libxml2 frees the nodes behind the cursor, so memory
/// stays flat however large the file.
///
/// Security: the file is parsed with `XML_PARSE_NONET` and without `XML_PARSE_NOENT` or
/// `XML_PARSE_DTDLOAD`; a document with a DOCTYPE (and so any entity declaration) is refused, and
/// libxml2's external-entity loader refuses everything. With `validateAgainstSchema` every node is
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
    package internal(set) var recordLine = 0

    private var descriptor: Int32 = -1
    private var reader: xmlTextReaderPtr?
    private var schema: XMLCompiledSchema?
    private var validation: xmlSchemaValidCtxtPtr?
    private let errors = LibXML2ErrorCollector()
    private var insideSnapshot = false
    private var finished = false
    private var failed: (any Error)?
    /// The key of the record being read, for error messages.
    var recordKey: String?

    /// Opens the file and reads up to the `<snapshot>` start tag (so `entity` and `system` are set).
    package init(path: String, validateAgainstSchema: Bool) throws {
        self.path = path
        LibXML2.initialize()
        if validateAgainstSchema { schema = try XMLCompiledSchema() }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SnapshotError(.io, "\(path): cannot open the file (\(String(cString: strerror(errno))))")
        }
        try errors.capturing {
            let options = Int32(XML_PARSE_NONET.rawValue)
            guard let reader = xmlReaderForFd(descriptor, path, nil, options) else {
                throw SnapshotError(.io, "\(path): libxml2 cannot read the file", underlying: errors.first)
            }
            self.reader = reader
            xmlTextReaderSetStructuredErrorHandler(reader, errors.handler, errors.context)
            if let schema {
                guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else {
                    throw SnapshotError(.xmlInvalid, "\(path): cannot set up schema validation", underlying: errors.first)
                }
                self.validation = validation
                xmlSchemaSetValidStructuredErrors(validation, errors.handler, errors.context)
                try check(xmlTextReaderSchemaValidateCtxt(reader, validation, 0))
            }
            try readSnapshotStart()
        }
    }

    deinit {
        // The reader uses the validation context, which uses the schema: free in that order.
        if let reader { xmlFreeTextReader(reader) }
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// The next record in file order, or nil after `</snapshot>` (and the end of the document).
    package func next() throws -> SnapshotRecord? {
        if let failed { throw failed }
        if finished { return nil }
        do {
            return try errors.capturing { try readNextRecord() }
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

    private static let elementType = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    private static let endElementType = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
    private static let textTypes = [XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA].map { Int32($0.rawValue) }
    private static let whitespaceTypes = [XML_READER_TYPE_WHITESPACE, XML_READER_TYPE_SIGNIFICANT_WHITESPACE].map { Int32($0.rawValue) }
    private static let skippedTypes = [XML_READER_TYPE_COMMENT, XML_READER_TYPE_PROCESSING_INSTRUCTION].map { Int32($0.rawValue) }
    private static let documentType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
    private static let xmlnsNamespace: [UInt8] = Array("http://www.w3.org/2000/xmlns/".utf8) + [0]

    /// Moves to the next node that matters (comments and processing instructions are skipped), or
    /// returns nil at the end of the document.
    func nextNode() throws -> Node? {
        while true {
            let result = xmlTextReaderRead(reader)
            // A DOCTYPE is refused before anything libxml2 may have said about its declarations.
            if result == 1, xmlTextReaderNodeType(reader) == Self.documentType {
                throw invalid("DOCTYPE declarations are not allowed (snapshots use no DTD and no entities)")
            }
            guard try check(result) == 1 else { return nil }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Self.elementType: return .start(try currentTag(), isEmpty: try check(xmlTextReaderIsEmptyElement(reader)) == 1)
            case Self.endElementType: return .end(try currentTag())
            case _ where Self.textTypes.contains(type): return .text
            case _ where Self.whitespaceTypes.contains(type): return .whitespace
            case _ where Self.skippedTypes.contains(type): continue
            default: throw invalid("entity references and other DTD constructs are not allowed (node type \(type))")
            }
        }
    }

    /// The text of the current text or white-space node.
    func currentValue() -> String {
        xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }

    private func currentTag() throws -> XMLSnapshotTag {
        let localName = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
        let inNamespace = XMLSnapshotFormat.namespaceCString.withUnsafeBufferPointer {
            xmlStrEqual(xmlTextReaderConstNamespaceUri(reader), $0.baseAddress) == 1
        }
        guard inNamespace else { throw invalid("element <\(localName)> is not in namespace \(XMLSnapshotSchema.namespace)") }
        guard let tag = XMLSnapshotTag(rawValue: localName) else { throw invalid("unknown element <\(localName)>") }
        return tag
    }

    /// The attributes of the current element, each checked to be allowed on `tag`; namespace
    /// declarations are skipped.
    func attributes(of tag: XMLSnapshotTag) throws -> XMLElementAttributes {
        var found = XMLElementAttributes()
        guard try check(xmlTextReaderHasAttributes(reader)) == 1 else { return found }
        while try check(xmlTextReaderMoveToNextAttribute(reader)) == 1 {
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            if let namespace = xmlTextReaderConstNamespaceUri(reader) {
                let isDeclaration = Self.xmlnsNamespace.withUnsafeBufferPointer { xmlStrEqual(namespace, $0.baseAddress) == 1 }
                if isDeclaration { continue }
                throw invalid("attribute \(name) in namespace \(String(cString: namespace)) is not allowed on <\(tag.rawValue)>")
            }
            guard found.set(name, to: currentValue(), on: tag) else {
                throw invalid("attribute \"\(name)\" is not allowed on <\(tag.rawValue)>")
            }
        }
        try check(xmlTextReaderMoveToElement(reader))
        return found
    }

    // MARK: - Errors

    /// Every libxml2 reader call returns -1 on failure; an error it reported through the collector
    /// (parser or schema validity) counts as failure too, whatever the call returned.
    @discardableResult
    private func check(_ result: Int32) throws -> Int32 {
        if let diagnostic = errors.first { throw failure(diagnostic) }
        guard result >= 0 else { throw invalid("libxml2 cannot read the document") }
        return result
    }

    /// The line of the current node: the node's own line while libxml2 tracks it (below 65535),
    /// else the parser's line, which may be a little ahead of the node.
    var currentLine: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = xmlGetLineNo(node)
            if line > 0, line < 65535 { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// An `.xmlInvalid` error at the current line, naming the record key and field when known.
    func invalid(_ reason: String, field: String? = nil) -> SnapshotError {
        var context: [String] = []
        if let recordKey { context.append("record \(XMLSnapshotFormat.quoted(recordKey))") }
        if let field { context.append("field \(XMLSnapshotFormat.quoted(field))") }
        let suffix = context.isEmpty ? "" : " (\(context.joined(separator: ", ")))"
        return SnapshotError(.xmlInvalid, "\(path):\(currentLine): \(reason)\(suffix)")
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

    /// An error libxml2 reported, at the line it named. libxml2 parses ahead of the cursor, so the
    /// record being read is not necessarily the one at fault and is not named.
    private func failure(_ diagnostic: LibXML2Diagnostic) -> SnapshotError {
        let line = diagnostic.line > 0 ? diagnostic.line : Int(xmlTextReaderGetParserLineNumber(reader))
        switch diagnostic.source {
        case .schemaValidity:
            return SnapshotError(.xmlInvalid, "\(path):\(line): not valid against snapshot.xsd: \(diagnostic.redactedMessage)", underlying: diagnostic)
        case .io:
            return SnapshotError(.io, "\(path):\(line): cannot read the file: \(diagnostic.message)", underlying: diagnostic)
        case .parser where diagnostic.exceededLimit != nil, .other where diagnostic.exceededLimit != nil:
            return SnapshotError(.xmlInvalid, "\(path):\(line): \(diagnostic.exceededLimit ?? "")", underlying: diagnostic)
        case .parser where diagnostic.concernsEntities:
            return SnapshotError(
                .xmlInvalid, "\(path):\(line): entity declarations and references are not allowed (\(diagnostic))", underlying: diagnostic)
        case .parser, .schemaParser, .other:
            return SnapshotError(.xmlInvalid, "\(path):\(line): not well-formed XML: \(diagnostic.message)", underlying: diagnostic)
        }
    }
}
