import CLibXML2
import Foundation
import PosBridgeCore

/// Streams the record elements of a foreign XML file (BC RapidStart packages, XMLport exports)
/// through libxml2's `xmlTextReader`, one element with its children per `next()`, so memory stays
/// flat however large the file.
///
/// The file is opened by libxml2 itself (`xmlReaderForFile`), which un-gzips it transparently and
/// honours a UTF-16 byte order mark or encoding declaration; that is what reads `.rapidstart`
/// packages (gzip around UTF-16 XML) without unpacking them first.
///
/// Security as for snapshots: `XML_PARSE_NONET`, no `XML_PARSE_NOENT` (entities are never
/// expanded), no DTD loading, a DOCTYPE is refused, entity references are errors, and the
/// process-wide external-entity loader refuses everything. Errors are `SnapshotError`s naming the
/// file and line; after an error every call throws it again.
package final class XMLElementStream {
    /// Which elements are records.
    package enum Selection: Sendable, Hashable {
        /// Elements with this local name, optionally only inside an element named `parent`.
        case named(String, parent: String? = nil)
        /// Every element at this depth (the root is depth 0), e.g. 2 for the records and table
        /// metadata of a RapidStart package.
        case depth(Int)
    }

    /// The file being read.
    package let path: String
    /// The root element's local name, known after the first `next()`.
    package private(set) var rootName: String?
    /// The root element's attributes, known after the first `next()`.
    package private(set) var rootAttributes: [XMLStreamElement.Field] = []

    private let selection: Selection
    private var reader: xmlTextReaderPtr?
    private let errors = LibXML2ErrorCollector()
    /// Local names of the open elements, root first.
    private var openElements: [String] = []
    private var finished = false
    private var failed: (any Error)?

    /// Opens the file; nothing is read until `next()`.
    package init(path: String, selection: Selection) throws {
        self.path = path
        self.selection = selection
        LibXML2.initialize()
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SnapshotError(.io, "\(path): cannot open the file")
        }
        try errors.capturing {
            let options = Int32(XML_PARSE_NONET.rawValue)
            guard let reader = xmlReaderForFile(path, nil, options) else {
                throw SnapshotError(.io, "\(path): libxml2 cannot read the file", underlying: errors.first)
            }
            self.reader = reader
            xmlTextReaderSetStructuredErrorHandler(reader, errors.handler, errors.context)
        }
    }

    deinit {
        if let reader { xmlFreeTextReader(reader) }
    }

    /// The next selected element in document order, or nil at the end of the document.
    package func next() throws -> XMLStreamElement? {
        if let failed { throw failed }
        if finished { return nil }
        do {
            return try errors.capturing { try readNext() }
        } catch {
            failed = error
            throw error
        }
    }

    private static let elementType = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    private static let endElementType = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
    private static let textTypes = [XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA, XML_READER_TYPE_WHITESPACE,
                                    XML_READER_TYPE_SIGNIFICANT_WHITESPACE].map { Int32($0.rawValue) }
    private static let skippedTypes = [XML_READER_TYPE_COMMENT, XML_READER_TYPE_PROCESSING_INSTRUCTION,
                                       XML_READER_TYPE_XML_DECLARATION].map { Int32($0.rawValue) }
    private static let documentType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)

    private func readNext() throws -> XMLStreamElement? {
        while try advance() {
            let type = xmlTextReaderNodeType(reader)
            if type == Self.endElementType {
                openElements.removeLast()
                continue
            }
            guard type == Self.elementType else { continue }
            let name = localName()
            let depth = openElements.count
            let isEmpty = try check(xmlTextReaderIsEmptyElement(reader)) == 1
            if depth == 0 {
                rootName = name
                rootAttributes = try attributes()
            }
            if isSelected(name: name, depth: depth) {
                return try readElement(name: name, isEmpty: isEmpty)
            }
            if !isEmpty { openElements.append(name) }
        }
        guard openElements.isEmpty else { throw invalid("the document ends inside <\(openElements.last!)>") }
        guard rootName != nil else { throw invalid("the document has no root element") }
        finished = true
        return nil
    }

    private func isSelected(name: String, depth: Int) -> Bool {
        switch selection {
        case .depth(let wanted): return depth == wanted
        case .named(let wanted, let parent): return name == wanted && (parent == nil || openElements.last == parent)
        }
    }

    /// Reads the current element up to its end tag: attributes, children with their text, own text.
    private func readElement(name: String, isEmpty: Bool) throws -> XMLStreamElement {
        var element = XMLStreamElement(name: name, parentName: openElements.last, line: currentLine, attributes: try attributes())
        guard !isEmpty else { return element }
        let depth = openElements.count
        openElements.append(name)
        var childName: String?
        var childText = ""
        while try advance() {
            let type = xmlTextReaderNodeType(reader)
            let nodeDepth = Int(xmlTextReaderDepth(reader))
            if type == Self.elementType {
                let isEmptyChild = try check(xmlTextReaderIsEmptyElement(reader)) == 1
                if nodeDepth == depth + 1 {
                    childName = localName()
                    childText = ""
                    if isEmptyChild {
                        element.children.append(.init(name: childName!, value: ""))
                        childName = nil
                    }
                }
            } else if type == Self.endElementType {
                if nodeDepth == depth {
                    openElements.removeLast()
                    return element
                }
                if nodeDepth == depth + 1, let name = childName {
                    element.children.append(.init(name: name, value: childText))
                    childName = nil
                }
            } else if Self.textTypes.contains(type) {
                if nodeDepth == depth + 1 { element.text += currentValue() } else { childText += currentValue() }
            }
        }
        throw invalid("the document ends inside <\(name)>")
    }

    /// Moves to the next node, refusing DOCTYPEs and entity references; false at the end.
    private func advance() throws -> Bool {
        while true {
            let result = xmlTextReaderRead(reader)
            if result == 1, xmlTextReaderNodeType(reader) == Self.documentType {
                throw invalid("DOCTYPE declarations are not allowed (no DTD and no entities are read)")
            }
            guard try check(result) == 1 else { return false }
            let type = xmlTextReaderNodeType(reader)
            if type == Self.elementType || type == Self.endElementType || Self.textTypes.contains(type) { return true }
            if Self.skippedTypes.contains(type) { continue }
            throw invalid("entity references and other DTD constructs are not allowed (node type \(type))")
        }
    }

    private func localName() -> String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    private func currentValue() -> String {
        xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }

    private func attributes() throws -> [XMLStreamElement.Field] {
        var found: [XMLStreamElement.Field] = []
        guard try check(xmlTextReaderHasAttributes(reader)) == 1 else { return found }
        while try check(xmlTextReaderMoveToNextAttribute(reader)) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            found.append(.init(name: localName(), value: currentValue()))
        }
        try check(xmlTextReaderMoveToElement(reader))
        return found
    }

    @discardableResult
    private func check(_ result: Int32) throws -> Int32 {
        if let diagnostic = errors.first { throw failure(diagnostic) }
        guard result >= 0 else { throw invalid("libxml2 cannot read the document") }
        return result
    }

    private var currentLine: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = xmlGetLineNo(node)
            if line > 0, line < 65535 { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    private func invalid(_ reason: String) -> SnapshotError {
        SnapshotError(.xmlInvalid, "\(path):\(currentLine): \(reason)")
    }

    private func failure(_ diagnostic: LibXML2Diagnostic) -> SnapshotError {
        let line = diagnostic.line > 0 ? diagnostic.line : Int(xmlTextReaderGetParserLineNumber(reader))
        switch diagnostic.source {
        case .io:
            return SnapshotError(.io, "\(path):\(line): cannot read the file: \(diagnostic.message)", underlying: diagnostic)
        case .parser where diagnostic.concernsEntities:
            return SnapshotError(.xmlInvalid, "\(path):\(line): entity declarations and references are not allowed (\(diagnostic))", underlying: diagnostic)
        default:
            return SnapshotError(.xmlInvalid, "\(path):\(line): not well-formed XML: \(diagnostic.message)", underlying: diagnostic)
        }
    }
}
