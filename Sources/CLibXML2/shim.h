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
