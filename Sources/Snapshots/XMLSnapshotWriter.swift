import CLibXML2
import Foundation
import PosBridgeCore

/// Writes a snapshot in its XML form (`docs/snapshot-xml.md`) through libxml2's streaming
/// `xmlTextWriter`, one record at a time: nothing but the current record is held in memory.
///
/// Output is deterministic: two-space indentation, members sorted by the UTF-8 bytes of their NFC
/// names, strings in NFC, numbers in their canonical text, an empty `ref` left out. Text XML 1.0
/// cannot carry is written as base64 with an `encoding`/`…-encoding="base64"` attribute. Call
/// `finish()`; a writer released without it leaves a file without its end tag, which readers refuse.
package final class XMLSnapshotWriter {
    /// The file being written.
    package let path: String
    /// How many records were written so far.
    package private(set) var recordCount = 0

    private var descriptor: Int32 = -1
    private var writer: xmlTextWriterPtr?
    private let errors = LibXML2ErrorCollector()
    private var recordKey: String?

    /// Creates (or truncates) the file at `path` and writes the XML declaration and the
    /// `<snapshot entity="…" system="…">` start tag.
    package init(path: String, entity: String, system: String) throws {
        self.path = path
        LibXML2.initialize()
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SnapshotError(.io, "\(path): cannot create the file (\(String(cString: strerror(errno))))")
        }
        try errors.capturing {
            // The output buffer writes to our descriptor and leaves closing it to us.
            guard let output = xmlOutputBufferCreateFd(descriptor, nil) else { throw failure("create the output buffer") }
            guard let writer = xmlNewTextWriter(output) else {
                xmlOutputBufferClose(output)
                throw failure("create the XML writer")
            }
            self.writer = writer
            try check(xmlTextWriterSetIndent(writer, 1), "set indentation")
            try check(xmlTextWriterSetIndentString(writer, "  "), "set indentation")
            try check(xmlTextWriterStartDocument(writer, nil, "UTF-8", nil), "the XML declaration")
            try check(xmlTextWriterStartElement(writer, "snapshot"), "<snapshot>")
            try check(xmlTextWriterWriteAttribute(writer, "xmlns", XMLSnapshotSchema.namespace), "<snapshot>")
            try writeAttribute("entity", entity)
            try writeAttribute("system", system)
        }
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends one `<record>`. Throws `.invalidArgument` for a value nested more than
    /// `maxNesting` containers deep (libxml2 could not read it back), `.io` when writing fails.
    package func write(_ record: SnapshotRecord) throws {
        guard let writer else { throw SnapshotError(.invalidArgument, "\(path): the writer is already finished") }
        recordKey = record.key
        defer { recordKey = nil }
        try errors.capturing {
            try check(xmlTextWriterStartElement(writer, "record"), "<record>")
            try writeAttribute("key", record.key)
            if !record.ref.isEmpty { try writeMembers(of: .ref, record.ref, path: "ref") }
            try writeMembers(of: .fields, record.fields, path: "fields")
            try check(xmlTextWriterEndElement(writer), "</record>")
        }
        recordCount += 1
    }

    /// Closes `<snapshot>`, flushes and closes the file. The writer cannot be used afterwards.
    package func finish() throws {
        guard let writer else { throw SnapshotError(.invalidArgument, "\(path): the writer is already finished") }
        try errors.capturing {
            try check(xmlTextWriterEndDocument(writer), "</snapshot>")
            try check(xmlTextWriterFlush(writer), "the end of the file")
        }
        xmlFreeTextWriter(writer)
        self.writer = nil
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            throw SnapshotError(.io, "\(path): cannot close the file (\(String(cString: strerror(errno))))")
        }
    }

    // MARK: - Elements

    private func writeMembers(of tag: XMLSnapshotTag, _ members: [String: JSONValue], path: String) throws {
        try startElement(tag)
        for (name, value) in sortedMembers(members) {
            try writeValue(value, name: name, path: path + "." + name, depth: 0)
        }
        try endElement(tag)
    }

    private func writeValue(_ value: JSONValue, name: String?, path: String, depth: Int) throws {
        let tag = XMLSnapshotTag(value)
        try startElement(tag)
        if let name { try writeAttribute("name", name) }
        switch value {
        case .null:
            break
        case .bool(let flag):
            try writeText(flag ? "true" : "false")
        case .number(let number):
            try writeText(number.text)
        case .string(let text):
            let text = CanonicalJSON.nfc(text)
            if XMLSnapshotFormat.isCarriable(text) {
                try writeText(text)
            } else {
                try check(xmlTextWriterWriteAttribute(writer, "encoding", XMLSnapshotFormat.base64), "an encoding attribute")
                try writeText(XMLSnapshotFormat.encodeBase64(text))
            }
        case .array(let items):
            try checkNesting(depth + 1, path: path)
            for (index, item) in items.enumerated() {
                try writeValue(item, name: nil, path: "\(path)[\(index)]", depth: depth + 1)
            }
        case .object(let members):
            try checkNesting(depth + 1, path: path)
            for (memberName, member) in sortedMembers(members) {
                try writeValue(member, name: memberName, path: path + "." + memberName, depth: depth + 1)
            }
        }
        try endElement(tag)
    }

    /// Members by the UTF-8 bytes of their NFC names, as the canonical JSON writer orders them.
    private func sortedMembers(_ members: [String: JSONValue]) -> [(String, JSONValue)] {
        members.map { (CanonicalJSON.nfc($0.key), $0.value) }.sorted { $0.0.utf8Precedes($1.0) }
    }

    private func checkNesting(_ depth: Int, path: String) throws {
        guard depth > XMLSnapshotFormat.maxNesting else { return }
        throw SnapshotError(
            .invalidArgument,
            "\(self.path): field \(XMLSnapshotFormat.quoted(path)) nests more than \(XMLSnapshotFormat.maxNesting) objects or arrays\(recordContext)")
    }

    /// Writes `name="text"`, or `name="base64" name-encoding="base64"` when XML cannot carry the
    /// text. libxml2 writes TAB, LF and CR in attributes as character references, which attribute
    /// value normalization leaves alone.
    private func writeAttribute(_ name: String, _ text: String) throws {
        let text = CanonicalJSON.nfc(text)
        if XMLSnapshotFormat.isCarriable(text) {
            try check(xmlTextWriterWriteAttribute(writer, name, text), "attribute \(name)")
        } else {
            try check(xmlTextWriterWriteAttribute(writer, name, XMLSnapshotFormat.encodeBase64(text)), "attribute \(name)")
            try check(xmlTextWriterWriteAttribute(writer, name + "-encoding", XMLSnapshotFormat.base64), "attribute \(name)-encoding")
        }
    }

    /// Writes element text; libxml2 escapes `<`, `>`, `&`, `"` and writes CR as `&#13;` so that
    /// end-of-line handling keeps it.
    private func writeText(_ text: String) throws {
        guard !text.isEmpty else { return }
        try check(xmlTextWriterWriteString(writer, text), "text")
    }

    private func startElement(_ tag: XMLSnapshotTag) throws {
        try check(xmlTextWriterStartElement(writer, tag.rawValue), "<\(tag.rawValue)>")
    }

    private func endElement(_ tag: XMLSnapshotTag) throws {
        try check(xmlTextWriterEndElement(writer), "</\(tag.rawValue)>")
    }

    /// Every libxml2 writer call returns the bytes written or -1.
    private func check(_ result: Int32, _ what: @autoclosure () -> String) throws {
        guard result < 0 else { return }
        throw failure(what())
    }

    private func failure(_ what: String) -> SnapshotError {
        let cause = errors.first.map { ": \($0.message)" } ?? ""
        return SnapshotError(.io, "\(path): cannot write \(what)\(recordContext)\(cause)", underlying: errors.first)
    }

    private var recordContext: String {
        recordKey.map { " (record \(XMLSnapshotFormat.quoted($0)))" } ?? ""
    }
}
