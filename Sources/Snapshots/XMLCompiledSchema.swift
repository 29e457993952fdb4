import CLibXML2
import PosBridgeCore

/// `XMLSnapshotSchema.text` parsed by libxml2 (from memory, nothing loaded from disk or network),
/// owned here and freed on release. Each validating reader compiles its own: it takes about a
/// millisecond and keeps the C pointer within one owner.
final class XMLCompiledSchema {
    let pointer: xmlSchemaPtr

    init() throws {
        LibXML2.initialize()
        let errors = LibXML2ErrorCollector()
        let bytes = Array(XMLSnapshotSchema.text.utf8)
        let parsed: xmlSchemaPtr? = bytes.withUnsafeBytes { raw in
            // The parser context reads the buffer during `xmlSchemaParse`, so both happen in here.
            guard let parser = xmlSchemaNewMemParserCtxt(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count))
            else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, errors.handler, errors.context)
            return errors.capturing { xmlSchemaParse(parser) }
        }
        guard let parsed else {
            throw SnapshotError(
                .xmlInvalid, "the embedded snapshot.xsd does not compile: \(errors.first?.message ?? "unknown reason")",
                underlying: errors.first)
        }
        pointer = parsed
    }

    deinit { xmlSchemaFree(pointer) }
}
