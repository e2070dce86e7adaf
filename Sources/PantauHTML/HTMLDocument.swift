import CLibXML2

// The HTML/XML API other modules code against, backed by libxml2 (through the CLibXML2 shim).

/// What kind of element a link came from.
public enum LinkKind: String, Sendable, Hashable, CaseIterable {
    /// `<a href>`
    case anchor
    /// `<area href>`
    case area
    /// `<img src>` (and `srcset` candidates)
    case image
    /// `<script src>`
    case script
    /// `<link rel=stylesheet href>`
    case stylesheet
    /// `<link rel=alternate type=application/rss+xml|atom+xml href>`
    case feed
    /// any other `<link href>` (icon, canonical, shortlink, ...)
    case otherLink
    /// `<iframe src>`, `<frame src>`
    case frame
    /// `<embed src>`, `<object data>`, `<source src>`, `<video src>`, `<audio src>`, `<track src>`
    case embed
}

/// One link as written in a page (not yet resolved against the page URL).
public struct HTMLLink: Sendable, Hashable {
    public var kind: LinkKind
    /// The attribute value, entities decoded, surrounding white space trimmed.
    public var href: String
    /// For anchors: the visible text (white space collapsed), or the `alt`/`title` of an image
    /// inside it when there is no text. Empty for other kinds.
    public var text: String
    /// The `rel` attribute, lowercased, when present.
    public var rel: String?
    /// True when the element or an ancestor has an inline style `display:none` or
    /// `visibility:hidden`, or the `hidden` attribute (hidden-link spam).
    public var isHidden: Bool

    public init(kind: LinkKind, href: String, text: String = "", rel: String? = nil, isHidden: Bool = false) {
        self.kind = kind
        self.href = href
        self.text = text
        self.rel = rel
        self.isHidden = isHidden
    }
}

/// An element copied out of a document (safe to keep after the document is gone).
public struct HTMLElement: Sendable, Hashable {
    /// Lowercased tag name.
    public var name: String
    /// Attributes, names lowercased.
    public var attributes: [String: String]
    /// The element's text content, white space collapsed.
    public var text: String

    public init(name: String, attributes: [String: String], text: String) {
        self.name = name
        self.attributes = attributes
        self.text = text
    }
}

/// An XPath expression libxml2 could not compile or evaluate.
public struct XPathError: Error, Sendable, CustomStringConvertible {
    public var expression: String
    public var message: String
    public init(expression: String, message: String) {
        self.expression = expression
        self.message = message
    }
    public var description: String { "invalid XPath '\(expression)': \(message)" }
}

/// A parsed HTML page (libxml2's HTML parser, error-recovering, never touches the network).
///
/// Not `Sendable`: create, query and drop it inside one task.
public final class HTMLDocument {
    /// Options for `htmlReadMemory`: recover from broken markup, never fetch anything, stay quiet.
    /// Not HTML_PARSE_NOBLANKS: it drops the blank text node in "<b>Dinas</b> <i>Kesehatan</i>"
    /// and glues the words together.
    private static let parseOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)

    private let doc: DocPtr
    private let pageURL: String

    /// The document node, seen as a node (libxml2's xmlDoc starts with the same fields as xmlNode,
    /// and root elements point to it as their parent).
    private var documentNode: NodePtr { NodePtr(OpaquePointer(doc)) }

    /// Parses `bytes` as HTML. `encoding` is the charset from the HTTP header, if any; otherwise
    /// libxml2 detects it from a BOM or `<meta charset>`. Never fails: broken markup is recovered.
    public init(bytes: [UInt8], url: String, encoding: String? = nil) {
        prepareLibXML()
        pageURL = url
        let libxmlEncoding = encoding.flatMap(Charset.libxmlName(for:))
        let length = Int32(clamping: bytes.count)
        let parsed: DocPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, length > 0 else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: Int(length)) { chars in
                htmlReadMemory(chars, length, url, libxmlEncoding, HTMLDocument.parseOptions)
            }
        }
        // An empty body gives no document; an empty one keeps every query well-defined.
        doc = parsed ?? htmlNewDocNoDtD(nil, nil)
    }

    /// Convenience for tests and rule examples.
    public convenience init(html: String, url: String) { self.init(bytes: Array(html.utf8), url: url, encoding: "UTF-8") }

    deinit { xmlFreeDoc(doc) }

    /// The URL given at parse time.
    public var url: String { pageURL }

    /// `<title>` text, white space collapsed, or nil.
    public var title: String? {
        firstElement(below: documentNode) { HTMLTag($0) == .title }.map { nodeText($0, mode: .html) }
    }

    /// The first `<base href>` value, or nil.
    public var baseHref: String? {
        if let cachedBaseHref { return cachedBaseHref }
        let value = firstElement(below: documentNode) { HTMLTag($0) == .base && $0.hasAttribute("href") }
            .flatMap { $0.attribute("href") }.map(trimHTMLSpace)
        cachedBaseHref = .some(value)
        return value
    }

    /// Looked up once: the crawl and the plugins each resolve links against it (a walk of the
    /// whole tree when the page has none).
    private var cachedBaseHref: String??

    /// The `lang` attribute of `<html>`, or nil.
    public var language: String? {
        guard let root = xmlDocGetRootElement(doc), HTMLTag(root) == .html else { return nil }
        return root.attribute("lang").map(trimHTMLSpace)
    }

    /// Every link in document order (see ``LinkKind`` for which elements count).
    ///
    /// Walked once and kept: the crawl and several plugins each read a page's links.
    public func links() -> [HTMLLink] {
        if let cachedLinks { return cachedLinks }
        let links = LinkExtractor.links(below: documentNode)
        cachedLinks = links
        return links
    }

    private var cachedLinks: [HTMLLink]?

    /// For each of ``links()``, in the same order: the link resolved against the page (its
    /// `<base href>`, else its URL) in the crawl's normal form, by ``URLResolver``; nil where that
    /// fast path cannot decide (resolve that link with the full resolver).
    ///
    /// Computed once per document: the crawl and the plugins all need the same resolutions.
    public func absoluteLinks() -> [String?] {
        if let cachedAbsoluteLinks { return cachedAbsoluteLinks }
        let links = links()
        var resolver = URLResolver(base: pageURL)
        if let href = baseHref {
            resolver = resolver?.resolve(href).flatMap { URLResolver(base: $0) }
        }
        let absolute = links.map { link in resolver?.resolve(link.href) }
        cachedAbsoluteLinks = absolute
        return absolute
    }

    private var cachedAbsoluteLinks: [String?]?

    /// Elements matching an XPath 1.0 expression.
    /// - Throws: ``XPathError`` when the expression does not compile or does not select nodes.
    public func select(_ xpath: String) throws(XPathError) -> [HTMLElement] {
        try XPathQuery.evaluate(xpath, in: doc) { result throws(XPathError) in
            try XPathQuery.elements(of: result, expression: xpath, mode: .html)
        }
    }

    /// Strings an XPath expression selects: text of elements, values of attributes, or a string
    /// result (`string(//h1)`), in document order.
    ///
    /// Every string is white-space collapsed; element text leaves out `script`/`style`. Number and
    /// boolean results come back as one string (`"3"`, `"true"`).
    public func strings(_ xpath: String) throws(XPathError) -> [String] {
        try XPathQuery.evaluate(xpath, in: doc) { result in
            XPathQuery.strings(of: result, mode: .html)
        }
    }

    /// All visible text of `<body>`: `script`, `style`, `noscript`, `template` removed, white space collapsed.
    public func visibleText() -> String {
        let body = firstElement(below: documentNode) { HTMLTag($0) == .body } ?? documentNode
        var buffer = TextBuffer(capacity: 4096)
        collectText(below: body, mode: .html, into: &buffer)
        return buffer.string
    }

    /// The page's main content text: the first of `<main>`, `<article>`, `[role=main]`,
    /// `.entry-content`, `#content` that exists, else `<body>`; always without `nav`, `header`,
    /// `footer`, `aside`, `form`, `script`, `style` and elements whose class or id names a menu,
    /// sidebar, widget or breadcrumb. White space collapsed.
    ///
    /// A `header` or `footer` inside an `article` belongs to that article (its title, author and
    /// date) and is kept; the site's own header and footer never are.
    ///
    /// Computed once per document: the soft-404 check, freshness, openness and content rules each
    /// read it.
    public func contentText() -> String {
        if let cachedContentText { return cachedContentText }
        let root = ContentText.root(in: documentNode)
        var buffer = TextBuffer(capacity: 4096)
        collectText(below: root, mode: .html, into: &buffer) { node, tag in
            ContentText.isExcluded(node, tag: tag, below: root)
        }
        let text = buffer.string
        cachedContentText = text
        return text
    }

    private var cachedContentText: String?

    /// Checks that an expression compiles (rule files are checked at load time).
    public static func validateXPath(_ xpath: String) throws(XPathError) {
        try XPathQuery.validate(xpath)
    }
}

/// A parsed XML document (feeds, sitemaps): libxml2's XML parser, NONET, recovering.
public final class XMLDocument {
    private static let parseOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)

    private let doc: DocPtr

    /// Returns nil when the bytes are not XML at all.
    public init?(bytes: [UInt8]) {
        prepareLibXML()
        let length = Int32(clamping: bytes.count)
        let parsed: DocPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, length > 0 else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: Int(length)) { chars in
                xmlReadMemory(chars, length, nil, nil, XMLDocument.parseOptions)
            }
        }
        guard let parsed else { return nil }
        guard xmlDocGetRootElement(parsed) != nil else {
            xmlFreeDoc(parsed)
            return nil
        }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    /// Strings selected by an XPath expression; `namespaces` maps prefixes to URIs
    /// (`["atom": "http://www.w3.org/2005/Atom"]`). Use `local-name()` to ignore namespaces.
    public func strings(_ xpath: String, namespaces: [String: String] = [:]) throws(XPathError) -> [String] {
        try XPathQuery.evaluate(xpath, in: doc, namespaces: namespaces) { result in
            XPathQuery.strings(of: result, mode: .xml)
        }
    }

    /// Elements selected by an XPath expression, copied out.
    public func select(_ xpath: String, namespaces: [String: String] = [:]) throws(XPathError) -> [HTMLElement] {
        try XPathQuery.evaluate(xpath, in: doc, namespaces: namespaces) { result throws(XPathError) in
            try XPathQuery.elements(of: result, expression: xpath, mode: .xml)
        }
    }

    /// Lowercased local name of the root element (`rss`, `feed`, `urlset`, `sitemapindex`).
    public var rootName: String? {
        xmlDocGetRootElement(doc).map(\.lowercasedName)
    }
}

/// Helpers for word counting, shared by plugins.
public enum TextMetrics {
    /// Number of words (runs of letters or digits) in `text`.
    public static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordChar = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            if isWordChar && !inWord { count += 1 }
            inWord = isWordChar
        }
        return count
    }
}
