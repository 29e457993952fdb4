import CLibXML2
import Foundation

/// One error reported by libxml2 (parser, schema validator or I/O), kept as the underlying cause of
/// a `SnapshotError`. `message` is libxml2's text as it is; `redactedMessage` leaves out the element
/// and attribute values libxml2 quotes in schema-validity messages, so customer data stays out of
/// the one-line error.
package struct LibXML2Diagnostic: Error, Sendable, CustomStringConvertible {
    /// Where the error was raised, in libxml2's terms.
    package enum Source: Sendable {
        case parser, schemaValidity, schemaParser, io, other
    }

    /// Which part of libxml2 reported it.
    package let source: Source
    /// libxml2's error code (`xmlParserErrors`).
    package let code: Int
    /// The 1-based line libxml2 reported, or 0 when it did not know.
    package let line: Int
    /// libxml2's message without the trailing newline.
    package let message: String

    init(_ error: xmlError) {
        switch Int(error.domain) {
        case Int(XML_FROM_PARSER.rawValue), Int(XML_FROM_NAMESPACE.rawValue): source = .parser
        case Int(XML_FROM_SCHEMASV.rawValue): source = .schemaValidity
        case Int(XML_FROM_SCHEMASP.rawValue): source = .schemaParser
        case Int(XML_FROM_IO.rawValue), Int(XML_FROM_OUTPUT.rawValue), Int(XML_FROM_BUFFER.rawValue): source = .io
        default: source = .other
        }
        code = Int(error.code)
        line = Int(error.line)
        var text = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        while text.last?.isWhitespace == true { text.removeLast() }  // libxml2 ends messages with "\n"
        message = text
    }

    /// `libxml2: ` and the message, as `--verbose` shows the cause.
    package var description: String { "libxml2: \(message)" }

    /// True for the parser errors entity declarations and references cause (undeclared entity,
    /// entity loop or amplification, entity in the wrong place): what a DOCTYPE attack runs into.
    var concernsEntities: Bool {
        source == .parser && Self.entityCodes.contains(code)
    }

    /// The limit a parser error says was hit, in the terms of the snapshot format, or nil. libxml2
    /// names an option here (`use XML_PARSE_HUGE option`) that posbridge never sets on purpose
    /// (it would also lift the protections against hostile documents) and a user cannot set.
    var exceededLimit: String? {
        guard source == .parser || source == .other else { return nil }
        if message.contains("Excessive depth") {
            return "elements nest deeper than the XML reader allows (256 levels: a field value may nest at most \(XMLSnapshotLimits.maxNesting) objects or arrays)"
        }
        let lengthHints = ["huge text node", "Huge input lookup", "too long", "too big", "XML_PARSE_HUGE"]
        if lengthHints.contains(where: { message.contains($0) }) {
            return "a value is longer than the XML reader allows (\(XMLSnapshotLimits.maxTextBytes) bytes for one text, \(XMLSnapshotLimits.maxAttributeBytes) for a key or name)"
        }
        return nil
    }

    private static let entityCodes = Set([
        XML_ERR_CHARREF_IN_DTD, XML_ERR_ENTITYREF_AT_EOF, XML_ERR_ENTITYREF_IN_PROLOG, XML_ERR_ENTITYREF_IN_EPILOG,
        XML_ERR_ENTITYREF_IN_DTD, XML_ERR_ENTITYREF_NO_NAME, XML_ERR_ENTITYREF_SEMICOL_MISSING,
        XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY, XML_ERR_UNPARSED_ENTITY, XML_ERR_ENTITY_IS_EXTERNAL,
        XML_ERR_ENTITY_IS_PARAMETER, XML_ERR_ENTITY_NOT_STARTED, XML_ERR_ENTITY_NOT_FINISHED,
        XML_ERR_EXT_ENTITY_STANDALONE, XML_ERR_ENTITY_CHAR_ERROR, XML_ERR_ENTITY_PE_INTERNAL, XML_ERR_ENTITY_LOOP,
        XML_ERR_ENTITY_BOUNDARY, XML_ERR_ENTITY_PROCESSING,
    ].map { Int($0.rawValue) })

    /// The message with quoted values replaced by `…` where libxml2 puts a document value between
    /// quotes (`The value '…' is …`, `Element 'number': '…' is not a valid value …`), and without
    /// the `{urn:posbridge:snapshot:1}` before every element name.
    var redactedMessage: String {
        guard source == .schemaValidity else { return message }
        var text = message.replacingOccurrences(of: "{\(XMLSnapshotSchema.namespace)}", with: "")
        for (opening, closings) in [("The value '", ["' is ", "' does "]), ("': '", ["' is not a valid value"])] {
            guard let start = text.range(of: opening),
                  let end = closings.compactMap({ text.range(of: $0, range: start.upperBound..<text.endIndex) })
                      .min(by: { $0.lowerBound < $1.lowerBound })
            else { continue }
            text.replaceSubrange(start.upperBound..<end.lowerBound, with: "…")
        }
        return text
    }
}
