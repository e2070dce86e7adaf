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
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <string.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state.
static inline void pantau_xmlFree(void *p) { xmlFree(p); }

// Error sinks. libxml2 prints parser and XPath errors to stderr unless a handler is installed;
// the handlers are per thread, so Swift code installs them before each call (two TLS writes).
static void pantau_noop_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void pantau_noop_structured_error(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

static inline void pantau_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, pantau_noop_generic_error);
    xmlSetStructuredErrorFunc(NULL, pantau_noop_structured_error);
}

// XPath errors land in ctx->lastError when ctx->error is set (and are not printed).
static inline void pantau_xpath_capture_errors(xmlXPathContextPtr ctx) {
    ctx->error = pantau_noop_structured_error;
    ctx->userData = NULL;
}

// True when an encoding name is known to libxml2 (built-in, iconv or ICU).
static inline int pantau_encoding_supported(const char *name) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name);
    if (handler == NULL) return 0;
    xmlCharEncCloseFunc(handler);
    return 1;
}

// The value of an attribute when it is stored as one text node (the usual case after HTML
// parsing): no allocation. NULL when absent or stored otherwise (see pantau_attr_has).
static inline const xmlChar *pantau_attr_fast(xmlNodePtr node, const char *name, int *present) {
    *present = 0;
    for (xmlAttrPtr a = node->properties; a != NULL; a = a->next) {
        if (a->name != NULL && strcmp((const char *)a->name, name) == 0) {
            *present = 1;
            xmlNodePtr c = a->children;
            if (c == NULL) return (const xmlChar *)"";
            if (c->next == NULL && c->type == XML_TEXT_NODE) return c->content ? c->content : (const xmlChar *)"";
            return NULL;
        }
    }
    return NULL;
}

// Tag codes for the HTML elements Pantau treats specially (mirrored by `HTMLTag` in Swift).
// HTML tag names arrive lowercased from libxml2's HTML parser.
#define PANTAU_TAG_OTHER 0
#define PANTAU_TAG_INLINE 1
#define PANTAU_TAG_A 2
#define PANTAU_TAG_AREA 3
#define PANTAU_TAG_IMG 4
#define PANTAU_TAG_SCRIPT 5
#define PANTAU_TAG_LINK 6
#define PANTAU_TAG_IFRAME 7
#define PANTAU_TAG_FRAME 8
#define PANTAU_TAG_EMBED 9
#define PANTAU_TAG_OBJECT 10
#define PANTAU_TAG_SOURCE 11
#define PANTAU_TAG_VIDEO 12
#define PANTAU_TAG_AUDIO 13
#define PANTAU_TAG_TRACK 14
#define PANTAU_TAG_STYLE 15
#define PANTAU_TAG_NOSCRIPT 16
#define PANTAU_TAG_TEMPLATE 17
#define PANTAU_TAG_BR 18
#define PANTAU_TAG_BASE 19
#define PANTAU_TAG_TITLE 20
#define PANTAU_TAG_HTML 21
#define PANTAU_TAG_BODY 22
#define PANTAU_TAG_HEAD 23
#define PANTAU_TAG_MAIN 24
#define PANTAU_TAG_ARTICLE 25
#define PANTAU_TAG_NAV 26
#define PANTAU_TAG_HEADER 27
#define PANTAU_TAG_FOOTER 28
#define PANTAU_TAG_ASIDE 29
#define PANTAU_TAG_FORM 30
#define PANTAU_TAG_H1 31
#define PANTAU_TAG_H2 32
#define PANTAU_TAG_H3 33
#define PANTAU_TAG_H4 34
#define PANTAU_TAG_H5 35
#define PANTAU_TAG_H6 36
#define PANTAU_TAG_META 37
#define PANTAU_TAG_TIME 38

#define PANTAU_TAG_IS(lit) (strcmp(n, lit) == 0)
static inline int pantau_html_tag(const xmlChar *name) {
    if (name == NULL) return PANTAU_TAG_OTHER;
    const char *n = (const char *)name;
    switch (n[0]) {
    case 'a':
        if (n[1] == 0) return PANTAU_TAG_A;
        if (PANTAU_TAG_IS("area")) return PANTAU_TAG_AREA;
        if (PANTAU_TAG_IS("audio")) return PANTAU_TAG_AUDIO;
        if (PANTAU_TAG_IS("article")) return PANTAU_TAG_ARTICLE;
        if (PANTAU_TAG_IS("aside")) return PANTAU_TAG_ASIDE;
        if (PANTAU_TAG_IS("abbr") || PANTAU_TAG_IS("acronym")) return PANTAU_TAG_INLINE;
        break;
    case 'b':
        if (n[1] == 0) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("br")) return PANTAU_TAG_BR;
        if (PANTAU_TAG_IS("body")) return PANTAU_TAG_BODY;
        if (PANTAU_TAG_IS("base")) return PANTAU_TAG_BASE;
        if (PANTAU_TAG_IS("bdi") || PANTAU_TAG_IS("bdo") || PANTAU_TAG_IS("big") || PANTAU_TAG_IS("button"))
            return PANTAU_TAG_INLINE;
        break;
    case 'c':
        if (PANTAU_TAG_IS("cite") || PANTAU_TAG_IS("code")) return PANTAU_TAG_INLINE;
        break;
    case 'd':
        if (PANTAU_TAG_IS("data") || PANTAU_TAG_IS("dfn") || PANTAU_TAG_IS("del")) return PANTAU_TAG_INLINE;
        break;
    case 'e':
        if (PANTAU_TAG_IS("em")) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("embed")) return PANTAU_TAG_EMBED;
        break;
    case 'f':
        if (PANTAU_TAG_IS("font")) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("frame")) return PANTAU_TAG_FRAME;
        if (PANTAU_TAG_IS("footer")) return PANTAU_TAG_FOOTER;
        if (PANTAU_TAG_IS("form")) return PANTAU_TAG_FORM;
        break;
    case 'h':
        if (n[1] >= '1' && n[1] <= '6' && n[2] == 0) return PANTAU_TAG_H1 + (n[1] - '1');
        if (PANTAU_TAG_IS("html")) return PANTAU_TAG_HTML;
        if (PANTAU_TAG_IS("head")) return PANTAU_TAG_HEAD;
        if (PANTAU_TAG_IS("header")) return PANTAU_TAG_HEADER;
        break;
    case 'i':
        if (n[1] == 0) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("img")) return PANTAU_TAG_IMG;
        if (PANTAU_TAG_IS("iframe")) return PANTAU_TAG_IFRAME;
        if (PANTAU_TAG_IS("ins") || PANTAU_TAG_IS("input")) return PANTAU_TAG_INLINE;
        break;
    case 'k':
        if (PANTAU_TAG_IS("kbd")) return PANTAU_TAG_INLINE;
        break;
    case 'l':
        if (PANTAU_TAG_IS("link")) return PANTAU_TAG_LINK;
        if (PANTAU_TAG_IS("label")) return PANTAU_TAG_INLINE;
        break;
    case 'm':
        if (PANTAU_TAG_IS("main")) return PANTAU_TAG_MAIN;
        if (PANTAU_TAG_IS("meta")) return PANTAU_TAG_META;
        if (PANTAU_TAG_IS("mark")) return PANTAU_TAG_INLINE;
        break;
    case 'n':
        if (PANTAU_TAG_IS("nav")) return PANTAU_TAG_NAV;
        if (PANTAU_TAG_IS("noscript")) return PANTAU_TAG_NOSCRIPT;
        break;
    case 'o':
        if (PANTAU_TAG_IS("object")) return PANTAU_TAG_OBJECT;
        break;
    case 'q':
        if (n[1] == 0) return PANTAU_TAG_INLINE;
        break;
    case 's':
        if (n[1] == 0) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("span") || PANTAU_TAG_IS("strong") || PANTAU_TAG_IS("small") || PANTAU_TAG_IS("sub") ||
            PANTAU_TAG_IS("sup") || PANTAU_TAG_IS("samp") || PANTAU_TAG_IS("strike")) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("script")) return PANTAU_TAG_SCRIPT;
        if (PANTAU_TAG_IS("style")) return PANTAU_TAG_STYLE;
        if (PANTAU_TAG_IS("source")) return PANTAU_TAG_SOURCE;
        break;
    case 't':
        if (PANTAU_TAG_IS("time")) return PANTAU_TAG_TIME;
        if (PANTAU_TAG_IS("tt")) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("title")) return PANTAU_TAG_TITLE;
        if (PANTAU_TAG_IS("track")) return PANTAU_TAG_TRACK;
        if (PANTAU_TAG_IS("template")) return PANTAU_TAG_TEMPLATE;
        break;
    case 'u':
        if (n[1] == 0) return PANTAU_TAG_INLINE;
        break;
    case 'v':
        if (PANTAU_TAG_IS("var")) return PANTAU_TAG_INLINE;
        if (PANTAU_TAG_IS("video")) return PANTAU_TAG_VIDEO;
        break;
    case 'w':
        if (PANTAU_TAG_IS("wbr")) return PANTAU_TAG_INLINE;
        break;
    default:
        break;
    }
    return PANTAU_TAG_OTHER;
}

// Codes for the attributes the page scan reads (mirrored by `ScanAttribute` in Swift); names
// arrive lowercased from libxml2's HTML parser.
#define PANTAU_ATTR_OTHER 0
#define PANTAU_ATTR_HREF 1
#define PANTAU_ATTR_SRC 2
#define PANTAU_ATTR_SRCSET 3
#define PANTAU_ATTR_DATA 4
#define PANTAU_ATTR_REL 5
#define PANTAU_ATTR_TYPE 6
#define PANTAU_ATTR_STYLE 7
#define PANTAU_ATTR_HIDDEN 8
#define PANTAU_ATTR_CLASS 9
#define PANTAU_ATTR_ID 10
#define PANTAU_ATTR_ROLE 11
#define PANTAU_ATTR_NAME 12
#define PANTAU_ATTR_CONTENT 13
#define PANTAU_ATTR_HTTP_EQUIV 14
#define PANTAU_ATTR_PROPERTY 15
#define PANTAU_ATTR_DATETIME 16
#define PANTAU_ATTR_LANG 17
#define PANTAU_ATTR_ALT 18
#define PANTAU_ATTR_TITLE 19
static inline int pantau_attr_code(const xmlChar *name) {
    if (name == NULL) return PANTAU_ATTR_OTHER;
    const char *n = (const char *)name;
    switch (n[0]) {
    case 'a': if (PANTAU_TAG_IS("alt")) return PANTAU_ATTR_ALT; break;
    case 'c':
        if (PANTAU_TAG_IS("class")) return PANTAU_ATTR_CLASS;
        if (PANTAU_TAG_IS("content")) return PANTAU_ATTR_CONTENT;
        break;
    case 'd':
        if (PANTAU_TAG_IS("data")) return PANTAU_ATTR_DATA;
        if (PANTAU_TAG_IS("datetime")) return PANTAU_ATTR_DATETIME;
        break;
    case 'h':
        if (PANTAU_TAG_IS("href")) return PANTAU_ATTR_HREF;
        if (PANTAU_TAG_IS("hidden")) return PANTAU_ATTR_HIDDEN;
        if (PANTAU_TAG_IS("http-equiv")) return PANTAU_ATTR_HTTP_EQUIV;
        break;
    case 'i': if (n[1] == 'd' && n[2] == 0) return PANTAU_ATTR_ID; break;
    case 'l': if (PANTAU_TAG_IS("lang")) return PANTAU_ATTR_LANG; break;
    case 'n': if (PANTAU_TAG_IS("name")) return PANTAU_ATTR_NAME; break;
    case 'p': if (PANTAU_TAG_IS("property")) return PANTAU_ATTR_PROPERTY; break;
    case 'r':
        if (PANTAU_TAG_IS("rel")) return PANTAU_ATTR_REL;
        if (PANTAU_TAG_IS("role")) return PANTAU_ATTR_ROLE;
        break;
    case 's':
        if (PANTAU_TAG_IS("src")) return PANTAU_ATTR_SRC;
        if (PANTAU_TAG_IS("srcset")) return PANTAU_ATTR_SRCSET;
        if (PANTAU_TAG_IS("style")) return PANTAU_ATTR_STYLE;
        break;
    case 't':
        if (PANTAU_TAG_IS("type")) return PANTAU_ATTR_TYPE;
        if (PANTAU_TAG_IS("title")) return PANTAU_ATTR_TITLE;
        break;
    default: break;
    }
    return PANTAU_ATTR_OTHER;
}
#undef PANTAU_TAG_IS

// One pass of libxml2's HTML parser with only the given SAX callbacks: no tree is built, which
// halves the parse (no node allocation, no tree to free). Each callback receives the parser
// context; `state` is in its `_private`. Set up step by step as htmlReadMemory does it
// (libxml2 2.9 HTMLparser.c: xmlCreateMemoryParserCtxt, then htmlDoRead), so the input, the
// default encoding (UTF-8 until a non-UTF-8 byte says otherwise), `<meta charset>` and error
// recovery behave exactly as for the tree. Not htmlCtxtReadMemory: its reset forgets the
// UTF-8 default and reads undeclared UTF-8 as Latin-1.
static inline int pantau_html_scan(const char *buffer, int size, const char *url, const char *encoding,
                                   int options, startElementSAXFunc start, endElementSAXFunc end,
                                   charactersSAXFunc characters, void *state) {
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return -1;
    memset(ctxt->sax, 0, sizeof(*ctxt->sax));
    ctxt->sax->startElement = start;
    ctxt->sax->endElement = end;
    ctxt->sax->characters = characters;
    // With blanks kept (no HTML_PARSE_NOBLANKS) the parser sends white space to `characters`;
    // script and style bodies arrive as CDATA blocks.
    ctxt->sax->ignorableWhitespace = characters;
    ctxt->sax->cdataBlock = characters;
    ctxt->_private = state;
    ctxt->userData = ctxt;
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) {
            xmlSwitchToEncoding(ctxt, handler);
            if (ctxt->input->encoding != NULL) xmlFree((xmlChar *)ctxt->input->encoding);
            ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    if (url != NULL && ctxt->input != NULL && ctxt->input->filename == NULL)
        ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)url);
    htmlParseDocument(ctxt);
    if (ctxt->myDoc != NULL) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return 0;
}

// One pass of libxml2's XML parser with SAX2 callbacks and no tree (feeds and sitemaps: a
// 50,000-URL sitemap would otherwise become a tree of ~40 MB). `state` is in the context's
// `_private`, as for pantau_html_scan.
static inline int pantau_xml_scan(const char *buffer, int size, int options,
                                  startElementNsSAX2Func start, endElementNsSAX2Func end,
                                  charactersSAXFunc characters, void *state) {
    // The push parser, fed 64 KiB at a time: xmlCreateMemoryParserCtxt copies the whole input
    // into a buffer rounded up to a power of two (8 MiB for a 5 MiB sitemap), which was the
    // audit's largest allocation on a 50,000-page site.
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.endElementNs = end;
    sax.characters = characters;
    sax.cdataBlock = characters;
    int first = size < 4 ? size : 4;  // enough for libxml2 to detect the encoding
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, buffer, first, NULL);
    if (ctxt == NULL) return -1;
    ctxt->_private = state;
    xmlCtxtUseOptions(ctxt, options);
    const int chunk = 64 * 1024;
    for (int offset = first; offset < size; offset += chunk) {
        int length = size - offset < chunk ? size - offset : chunk;
        if (xmlParseChunk(ctxt, buffer + offset, length, 0) != 0 && !(options & XML_PARSE_RECOVER)) break;
    }
    xmlParseChunk(ctxt, NULL, 0, 1);
    if (ctxt->myDoc != NULL) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return 0;
}

static inline void *pantau_sax_state(void *ctx) {
    return ctx == NULL ? NULL : ((xmlParserCtxtPtr)ctx)->_private;
}

#endif
