import Foundation
import PosBridgeCore

/// Streams the record elements of a foreign XML file (BC RapidStart packages, XMLport exports)
/// through `LibXML2TextReader`, one element with its children per `next()`, so memory stays flat
/// however large the file.
///
/// The file is opened by libxml2 itself, which un-gzips it transparently and honours a UTF-16 byte
/// order mark or encoding declaration; that is what reads `.rapidstart` packages (gzip around
/// UTF-16 XML) without unpacking them first. Security as for snapshots (`LibXML2TextReader`).
/// Errors are `SnapshotError`s naming the file and line; after an error every call throws it again.
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
    private let reader: LibXML2TextReader
    /// Local names of the open elements, root first.
    private var openElements: [String] = []
    private var finished = false
    private var failed: (any Error)?

    /// Opens the file; nothing is read until `next()`.
    package init(path: String, selection: Selection) throws {
        self.path = path
        self.selection = selection
        reader = try LibXML2TextReader(path: path, source: .libxml2)
    }

    /// The next selected element in document order, or nil at the end of the document.
    package func next() throws -> XMLStreamElement? {
        if let failed { throw failed }
        if finished { return nil }
        do {
            return try reader.errors.capturing { try readNext() }
        } catch {
            failed = error
            throw error
        }
    }

    private static let doctypeReason = "DOCTYPE declarations are not allowed (no DTD and no entities are read)"

    private func readNext() throws -> XMLStreamElement? {
        while let node = try reader.next(refusingDoctype: Self.doctypeReason) {
            if node == .end {
                openElements.removeLast()
                continue
            }
            guard case .start(let isEmpty) = node else { continue }
            let name = reader.localName
            let depth = openElements.count
            if depth == 0 {
                rootName = name
                rootAttributes = try fields()
            }
            if isSelected(name: name, depth: depth) {
                return try readElement(name: name, isEmpty: isEmpty)
            }
            if !isEmpty { openElements.append(name) }
        }
        guard openElements.isEmpty else { throw reader.invalid("the document ends inside <\(openElements.last!)>") }
        guard rootName != nil else { throw reader.invalid("the document has no root element") }
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
        var element = XMLStreamElement(name: name, parentName: openElements.last, line: reader.currentLine, attributes: try fields())
        guard !isEmpty else { return element }
        let depth = openElements.count
        openElements.append(name)
        var childName: String?
        var childText = ""
        while let node = try reader.next(refusingDoctype: Self.doctypeReason) {
            let nodeDepth = reader.depth
            switch node {
            case .start(let isEmptyChild) where nodeDepth == depth + 1:
                childName = reader.localName
                childText = ""
                if isEmptyChild {
                    element.children.append(.init(name: childName!, value: ""))
                    childName = nil
                }
            case .end where nodeDepth == depth:
                openElements.removeLast()
                return element
            case .end where nodeDepth == depth + 1:
                if let name = childName {
                    element.children.append(.init(name: name, value: childText))
                    childName = nil
                }
            case .text, .whitespace:
                if nodeDepth == depth + 1 { element.text += reader.value } else { childText += reader.value }
            default:
                continue
            }
        }
        throw reader.invalid("the document ends inside <\(name)>")
    }

    /// The current element's attributes.
    private func fields() throws -> [XMLStreamElement.Field] {
        try reader.attributes().map { .init(name: $0.name, value: $0.value) }
    }
}
