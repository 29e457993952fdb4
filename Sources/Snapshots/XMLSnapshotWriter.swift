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
    /// The file being written, as messages name it (the final name when writing to a temporary one).
    package let path: String
    /// How many records were written so far.
    package private(set) var recordCount = 0

    private var descriptor: Int32 = -1
    private var writer: xmlTextWriterPtr?
    private let errors = LibXML2ErrorCollector()
    private var recordKey: String?
    private var failure: (any Error)?

    /// Creates (or truncates) the file at `path` and writes the XML declaration and the
    /// `<snapshot entity="…" system="…">` start tag. Messages name `reportedPath` when given (the
    /// final name of a file written under a temporary one).
    package init(path: String, entity: String, system: String, reportedPath: String? = nil) throws {
        self.path = reportedPath ?? path
        LibXML2.initialize()
        for (name, value) in [("entity", entity), ("system", system)] {
            if let problem = XMLSnapshotLimits.attributeProblem(value, what: "the \(name)") {
                throw SnapshotError(.invalidArgument, "\(self.path): \(problem)")
            }
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SnapshotError(.io, "\(self.path): cannot create the file (\(String(cString: strerror(errno))))")
        }
        try errors.capturing {
            // The output buffer writes to our descriptor and leaves closing it to us.
            guard let output = xmlOutputBufferCreateFd(descriptor, nil) else { throw writeError("create the output buffer") }
            guard let writer = xmlNewTextWriter(output) else {
                xmlOutputBufferClose(output)
                throw writeError("create the XML writer")
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

    /// Appends one `<record>`. Throws `.invalidArgument`, having written nothing, for a record
    /// libxml2 could not read back (a value nested more than 253 objects or arrays deep, a string
    /// over 10,000,000 bytes or a key or member name over 1,000,000 bytes, as carried); throws
    /// `.io` when writing fails, after which the writer refuses further work.
    package func write(_ record: SnapshotRecord) throws {
        let writer = try usableWriter()
        if let problem = XMLSnapshotLimits.problem(in: record) {
            throw SnapshotError(.invalidArgument, "\(path): \(problem) (record \(XMLSnapshotFormat.quoted(record.key)))")
        }
        recordKey = record.key
        defer { recordKey = nil }
        try failingForGood {
            try check(xmlTextWriterStartElement(writer, "record"), "<record>")
            try writeAttribute("key", record.key)
            if !record.ref.isEmpty { try writeMembers(of: .ref, record.ref) }
            try writeMembers(of: .fields, record.fields)
            try check(xmlTextWriterEndElement(writer), "</record>")
        }
        recordCount += 1
    }

    /// Closes `<snapshot>`, flushes and closes the file. The writer cannot be used afterwards.
    package func finish() throws {
        let writer = try usableWriter()
        try failingForGood {
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

    private func usableWriter() throws -> xmlTextWriterPtr {
        if let failure { throw failure }
        guard let writer else { throw SnapshotError(.invalidArgument, "\(path): the writer is already finished") }
        return writer
    }

    /// Runs libxml2 calls; an error leaves a half-written element, so it is kept and thrown again
    /// by every later call.
    private func failingForGood(_ body: () throws -> Void) throws {
        do {
            try errors.capturing(body)
        } catch {
            failure = error
            throw error
        }
    }

    // MARK: - Elements

    private func writeMembers(of tag: XMLSnapshotTag, _ members: [String: JSONValue]) throws {
        try startElement(tag)
        for (name, value) in sortedMembers(members) {
            try writeValue(value, name: name)
        }
        try endElement(tag)
    }

    private func writeValue(_ value: JSONValue, name: String?) throws {
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
            let carriable = XMLSnapshotFormat.isCarriable(text)
            let carried = carriable ? text : XMLSnapshotFormat.encodeBase64(text)
            if !carriable {
                try check(xmlTextWriterWriteAttribute(writer, "encoding", XMLSnapshotFormat.base64), "an encoding attribute")
            }
            try writeText(carried)
        case .array(let items):
            for item in items {
                try writeValue(item, name: nil)
            }
        case .object(let members):
            for (memberName, member) in sortedMembers(members) {
                try writeValue(member, name: memberName)
            }
        }
        try endElement(tag)
    }

    /// Members by the UTF-8 bytes of their NFC names, as the canonical JSON writer orders them.
    private func sortedMembers(_ members: [String: JSONValue]) -> [(String, JSONValue)] {
        members.map { (CanonicalJSON.nfc($0.key), $0.value) }.sorted { $0.0.utf8Precedes($1.0) }
    }

    /// Writes `name="text"`, or `name="base64" name-encoding="base64"` when XML cannot carry the
    /// text. libxml2 writes TAB, LF and CR in attributes as character references, which attribute
    /// value normalization leaves alone.
    private func writeAttribute(_ name: String, _ text: String) throws {
        let text = CanonicalJSON.nfc(text)
        let carriable = XMLSnapshotFormat.isCarriable(text)
        let carried = carriable ? text : XMLSnapshotFormat.encodeBase64(text)
        try check(xmlTextWriterWriteAttribute(writer, name, carried), "attribute \(name)")
        if !carriable {
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
        throw writeError(what())
    }

    private func writeError(_ what: String) -> SnapshotError {
        let cause = errors.first.map { ": \($0.message)" } ?? ""
        return SnapshotError(.io, "\(path): cannot write \(what)\(recordContext)\(cause)", underlying: errors.first)
    }

    private var recordContext: String {
        recordKey.map { " (record \(XMLSnapshotFormat.quoted($0)))" } ?? ""
    }
}
