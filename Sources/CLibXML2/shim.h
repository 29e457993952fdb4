#include <libxml/xmlversion.h>
/* Swift 6.3.0/6.3.1 on Linux: the system ICU headers that libxml2's encoding.h pulls in clash with
   Foundation's bundled _FoundationICU ("'U_MF_…' is not present in definition of 'enum UErrorCode'",
   swiftlang/swift-foundation-icu#93, fixed in Swift 6.3.2). posbridge uses no ICU API; the only
   thing this drops is two pointer fields at the end of xmlCharEncodingHandler, which Swift only
   ever sees behind a pointer. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/* libxml2 prints a few messages through the unstructured, variadic "generic" error handler (for
   example "Unimplemented block at xmlschemas.c" when a schema-validated document holds entity
   references), which Swift can neither implement nor call. These helpers let Swift discard them on
   the calling thread for the duration of a call and put the previous handler back afterwards. */
static void posbridge_xml_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

typedef struct {
    xmlGenericErrorFunc handler;
    void *context;
} posbridge_xml_generic_error_handler;

static inline posbridge_xml_generic_error_handler posbridge_xml_discard_generic_errors(void) {
    posbridge_xml_generic_error_handler previous = { xmlGenericError, xmlGenericErrorContext };
    xmlSetGenericErrorFunc(NULL, posbridge_xml_discard_generic_error);
    return previous;
}

static inline void posbridge_xml_restore_generic_errors(posbridge_xml_generic_error_handler previous) {
    xmlSetGenericErrorFunc(previous.context, previous.handler);
}
