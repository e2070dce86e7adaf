#ifndef PANTAU_CLIBXML2_SHIM_H
#define PANTAU_CLIBXML2_SHIM_H
// libxml2 on Debian is built with ICU; its encoding.h would pull ICU headers that clash with
// Foundation's own ICU ("'UErrorCode' has different definitions"). Drop ICU before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state.
static inline void pantau_xmlFree(void *p) { xmlFree(p); }

#endif
