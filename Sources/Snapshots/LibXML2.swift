import CLibXML2

/// Process-wide libxml2 set-up, done once and thread-safely (a Swift global `let` is initialized
/// exactly once): `xmlInitParser()`, and an external-entity loader that refuses everything, so no
/// document or schema can make libxml2 open a file or a URL behind our back. posbridge's own files
/// are opened by us and handed to libxml2 as descriptors; the schema is parsed from memory.
enum LibXML2 {
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
    }()

    /// Makes sure libxml2 is set up; cheap after the first call.
    static func initialize() { _ = setUp }
}

/// The external-entity loader: never loads anything (DTDs, entities, XSD imports, XIncludes).
private func refuseExternalEntity(
    _ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    nil
}
