import CLibXML2

/// Receives libxml2's structured errors for one reader, writer or schema instead of letting libxml2
/// print them on stderr. Keeps the first error (warnings are ignored); the owner turns it into a
/// `SnapshotError` after each call into libxml2.
final class LibXML2ErrorCollector {
    /// The first error libxml2 reported, if any.
    private(set) var first: LibXML2Diagnostic?

    /// The pointer libxml2 hands back to `collectLibXML2Error`; valid while `self` is alive, which
    /// its owner guarantees by freeing the libxml2 object before releasing the collector.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The C callback to register together with `context`.
    let handler: xmlStructuredErrorFunc = collectLibXML2Error

    func record(_ error: xmlError) {
        guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        first = LibXML2Diagnostic(error)
    }

    /// Runs `body` with this collector as the calling thread's libxml2 error handler, for the
    /// errors libxml2 raises outside any parser context (I/O, writer, buffer), and with libxml2's
    /// unstructured messages discarded; then restores the previous handlers. libxml2 keeps both
    /// per thread, and `body` does not suspend.
    func capturing<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(context, handler)
        let previousGeneric = posbridge_xml_discard_generic_errors()
        defer {
            posbridge_xml_restore_generic_errors(previousGeneric)
            xmlSetStructuredErrorFunc(previousContext, previousHandler)
        }
        return try body()
    }
}

private func collectLibXML2Error(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    Unmanaged<LibXML2ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
}
