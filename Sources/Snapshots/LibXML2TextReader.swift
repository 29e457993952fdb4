import CLibXML2
import Foundation

/// libxml2's streaming `xmlTextReader` over one file, as both XML readers use it (`XMLSnapshotReader`
/// for the snapshot form, `XMLElementStream` for foreign exports): one node at a time, libxml2
/// freeing the nodes behind the cursor, so memory stays flat however large the file.
///
/// Security for every document: `XML_PARSE_NONET`, no `XML_PARSE_NOENT` (entities are never
/// expanded), no DTD loading, a DOCTYPE is refused before anything libxml2 may have said about its
/// declarations, entity references are errors, and the process-wide external-entity loader refuses
/// everything (`LibXML2`). Errors are `SnapshotError`s naming the file and line.
final class LibXML2TextReader {
    /// What the cursor is on, as far as the readers care; comments, processing instructions and the
    /// XML declaration are skipped.
    enum Node: Equatable {
        case start(isEmpty: Bool)
        case end
        case text
        case whitespace
    }

    /// How the file is handed to libxml2.
    enum Source {
        /// posbridge's own files: opened by us, read from the descriptor.
        case descriptor
        /// Foreign exports: opened by libxml2 itself, which un-gzips transparently and honours a
        /// UTF-16 byte order mark or encoding declaration (`.rapidstart` packages).
        case libxml2
    }

    /// The file being read.
    let path: String
    let errors = LibXML2ErrorCollector()
    private var reader: xmlTextReaderPtr?
    private var validation: xmlSchemaValidCtxtPtr?
    /// Kept alive while the validation context uses it; released after `deinit` freed the context.
    private var schema: XMLCompiledSchema?
    private var descriptor: Int32 = -1

    private static let elementType = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    private static let endElementType = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
    private static let textTypes = [XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA].map { Int32($0.rawValue) }
    private static let whitespaceTypes = [XML_READER_TYPE_WHITESPACE, XML_READER_TYPE_SIGNIFICANT_WHITESPACE].map { Int32($0.rawValue) }
    private static let skippedTypes = [XML_READER_TYPE_COMMENT, XML_READER_TYPE_PROCESSING_INSTRUCTION,
                                       XML_READER_TYPE_XML_DECLARATION].map { Int32($0.rawValue) }
    private static let documentType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
    private static let xmlnsNamespace: [UInt8] = Array("http://www.w3.org/2000/xmlns/".utf8) + [0]

    /// Opens the file; nothing is read until `next(refusingDoctype:)`.
    init(path: String, source: Source) throws {
        self.path = path
        LibXML2.initialize()
        let options = Int32(XML_PARSE_NONET.rawValue)
        switch source {
        case .descriptor:
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw SnapshotError(.io, "\(path): cannot open the file (\(String(cString: strerror(errno))))")
            }
        case .libxml2:
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw SnapshotError(.io, "\(path): cannot open the file")
            }
        }
        try errors.capturing {
            let opened = source == .descriptor ? xmlReaderForFd(descriptor, path, nil, options) : xmlReaderForFile(path, nil, options)
            guard let opened else { throw SnapshotError(.io, "\(path): libxml2 cannot read the file", underlying: errors.first) }
            reader = opened
            xmlTextReaderSetStructuredErrorHandler(opened, errors.handler, errors.context)
        }
    }

    deinit {
        // The reader uses the validation context, which uses the schema: free in that order.
        if let reader { xmlFreeTextReader(reader) }
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Checks every node against `schema` while streaming; call before the first node.
    func validate(against schema: XMLCompiledSchema) throws {
        guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else {
            throw SnapshotError(.xmlInvalid, "\(path): cannot set up schema validation", underlying: errors.first)
        }
        self.validation = validation
        self.schema = schema
        xmlSchemaSetValidStructuredErrors(validation, errors.handler, errors.context)
        try check(xmlTextReaderSchemaValidateCtxt(reader, validation, 0))
    }

    /// Moves to the next node that matters, or returns nil at the end of the document. A DOCTYPE
    /// is refused with `doctypeReason`; entity references and other DTD constructs are refused too.
    func next(refusingDoctype doctypeReason: String) throws -> Node? {
        while true {
            let result = xmlTextReaderRead(reader)
            if result == 1, xmlTextReaderNodeType(reader) == Self.documentType { throw invalid(doctypeReason) }
            guard try check(result) == 1 else { return nil }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Self.elementType: return .start(isEmpty: try check(xmlTextReaderIsEmptyElement(reader)) == 1)
            case Self.endElementType: return .end
            case _ where Self.textTypes.contains(type): return .text
            case _ where Self.whitespaceTypes.contains(type): return .whitespace
            case _ where Self.skippedTypes.contains(type): continue
            default: throw invalid("entity references and other DTD constructs are not allowed (node type \(type))")
            }
        }
    }

    /// The local name of the current element or attribute.
    var localName: String { xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? "" }

    /// The text of the current text, white-space or attribute node.
    var value: String { xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "" }

    /// The depth of the current node (the root is 0).
    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// Whether the current node is in the namespace `uri` (a NUL-terminated UTF-8 string).
    func isInNamespace(_ uri: [UInt8]) -> Bool {
        uri.withUnsafeBufferPointer { xmlStrEqual(xmlTextReaderConstNamespaceUri(reader), $0.baseAddress) == 1 }
    }

    /// One attribute of the current element.
    struct Attribute {
        let name: String
        /// Its namespace URI, if it has one.
        let namespace: String?
        let value: String
    }

    /// The attributes of the current element in document order, namespace declarations left out.
    func attributes() throws -> [Attribute] {
        var found: [Attribute] = []
        guard try check(xmlTextReaderHasAttributes(reader)) == 1 else { return found }
        while try check(xmlTextReaderMoveToNextAttribute(reader)) == 1 {
            let namespace = xmlTextReaderConstNamespaceUri(reader)
            let isDeclaration = namespace.map { uri in
                Self.xmlnsNamespace.withUnsafeBufferPointer { xmlStrEqual(uri, $0.baseAddress) == 1 }
            } ?? false
            if isDeclaration { continue }
            found.append(Attribute(name: localName, namespace: namespace.map { String(cString: $0) }, value: value))
        }
        try check(xmlTextReaderMoveToElement(reader))
        return found
    }

    /// libxml2 keeps a node's line in 16 bits; from this value on the node's line is not its own.
    private static let largestNodeLine = 65535

    /// The line of the current node: the node's own line while libxml2 tracks it (below
    /// `largestNodeLine`), else the parser's line, which may be a little ahead of the node.
    var currentLine: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = xmlGetLineNo(node)
            if line > 0, line < Self.largestNodeLine { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// An `.xmlInvalid` error at the current line; `context` (` (record "A", field "b")`) follows the reason.
    func invalid(_ reason: String, context: String = "") -> SnapshotError {
        SnapshotError(.xmlInvalid, "\(path):\(currentLine): \(reason)\(context)")
    }

    /// Every libxml2 reader call returns -1 on failure; an error it reported through the collector
    /// (parser or schema validity) counts as failure too, whatever the call returned.
    @discardableResult
    func check(_ result: Int32) throws -> Int32 {
        if let diagnostic = errors.first { throw failure(diagnostic) }
        guard result >= 0 else { throw invalid("libxml2 cannot read the document") }
        return result
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
