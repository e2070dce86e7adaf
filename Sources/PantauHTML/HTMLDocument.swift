import CLibXML2
import Synchronization

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
/// Parsing is one SAX pass (``PageScanner``) that records what the crawl and the built-in rules
/// read: title, links, headings, metadata, text. libxml2's tree is built only when a query needs
/// it: an XPath expression other than a union of `//title`, `//h1`...`//h6`, `//a` (custom rules),
/// or the text of a page without `<body>`.
///
/// Not `Sendable`: create, query and drop it inside one task (or hand it over whole).
public final class HTMLDocument {
    private let scan: PageScan
    private let pageURL: String
    /// Kept for the tree, built on demand.
    private let bytes: [UInt8]
    private let libxmlEncoding: String?
    private var parsedTree: DocPtr?

    /// Parses `bytes` as HTML. `encoding` is the charset from the HTTP header, if any; otherwise
    /// libxml2 detects it from a BOM or `<meta charset>`. Never fails: broken markup is recovered.
    public init(bytes: [UInt8], url: String, encoding: String? = nil) {
        pageURL = url
        self.bytes = bytes
        libxmlEncoding = encoding.flatMap(Charset.libxmlName(for:))
        scan = PageScanner.scan(bytes, url: url, encoding: libxmlEncoding)
    }

    /// Convenience for tests and rule examples.
    public convenience init(html: String, url: String) { self.init(bytes: Array(html.utf8), url: url, encoding: "UTF-8") }

    deinit { if let parsedTree { xmlFreeDoc(parsedTree) } }

    /// libxml2's tree of the page, parsed on first use from the same bytes with the same options.
    private var tree: DocPtr {
        if let parsedTree { return parsedTree }
        prepareLibXML()
        let length = Int32(clamping: bytes.count)
        let parsed: DocPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, length > 0 else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: Int(length)) { chars in
                htmlReadMemory(chars, length, pageURL, libxmlEncoding, PageScanner.parseOptions)
            }
        }
        // An empty body gives no document; an empty one keeps every query well-defined.
        let doc = parsed ?? htmlNewDocNoDtD(nil, nil)!
        parsedTree = doc
        return doc
    }

    /// The document node, seen as a node (libxml2's xmlDoc starts with the same fields as xmlNode,
    /// and root elements point to it as their parent).
    private var documentNode: NodePtr { NodePtr(OpaquePointer(tree)) }

    /// The URL given at parse time.
    public var url: String { pageURL }

    /// The first `<title>`'s text, white space collapsed, or nil.
    public var title: String? { scan.title }

    /// The first `<base href>` value, trimmed, or nil.
    public var baseHref: String? { scan.baseHref }

    /// The `lang` attribute of `<html>`, or nil.
    public var language: String? { scan.language }

    /// Every link in document order (see ``LinkKind`` for which elements count).
    public func links() -> [HTMLLink] { scan.links }

    /// `<h1>` ... `<h6>` in document order.
    public var headings: [HTMLHeading] { scan.headings }

    /// Every `<meta>` in document order.
    public var metas: [HTMLMeta] { scan.metas }

    /// Every `<time datetime>` in document order, with where it stands.
    public var times: [HTMLTime] { scan.times }

    /// Text of the `<script>` elements whose `type` names JSON-LD (`application/ld+json`), white
    /// space collapsed.
    public var jsonLDScripts: [String] { scan.jsonLD }

    /// The names a URL fragment can point at: every `id`, and the `name` of anchors, white space
    /// collapsed, in document order.
    public var fragmentTargets: [String] { scan.fragmentTargets }

    /// For each of ``links()``, in the same order: the link resolved against the page (its
    /// `<base href>`, else its URL) in the crawl's normal form, by ``URLResolver``; nil where that
    /// fast path cannot decide (resolve that link with the full resolver).
    ///
    /// Computed once per document: the crawl and the plugins all need the same resolutions.
    public func absoluteLinks() -> [String?] {
        if let cachedAbsoluteLinks { return cachedAbsoluteLinks }
        var resolver = URLResolver(base: pageURL)
        if let href = baseHref {
            resolver = resolver?.resolve(href).flatMap { URLResolver(base: $0) }
        }
        let absolute = scan.links.map { link in resolver?.resolve(link.href) }
        cachedAbsoluteLinks = absolute
        return absolute
    }

    private var cachedAbsoluteLinks: [String?]?

    /// Elements matching an XPath 1.0 expression (parses the tree).
    /// - Throws: ``XPathError`` when the expression does not compile or does not select nodes.
    public func select(_ xpath: String) throws(XPathError) -> [HTMLElement] {
        try XPathQuery.evaluate(xpath, in: tree) { result throws(XPathError) in
            try XPathQuery.elements(of: result, expression: xpath, mode: .html)
        }
    }

    /// Strings an XPath expression selects: text of elements, values of attributes, or a string
    /// result (`string(//h1)`), in document order.
    ///
    /// Every string is white-space collapsed; element text leaves out `script`/`style`. Number and
    /// boolean results come back as one string (`"3"`, `"true"`). A union of `//title`,
    /// `//h1`...`//h6` and `//a` is answered from the scan; anything else parses the tree.
    public func strings(_ xpath: String) throws(XPathError) -> [String] {
        if let names = FastXPath.elementNames(xpath) {
            return scan.namedTexts.compactMap { names.contains($0.tag) ? $0.text : nil }
        }
        return try XPathQuery.evaluate(xpath, in: tree) { result in
            XPathQuery.strings(of: result, mode: .html)
        }
    }

    /// All visible text of `<body>`: `script`, `style`, `noscript`, `template` removed, white space collapsed.
    public func visibleText() -> String {
        if let cachedVisibleText { return cachedVisibleText }
        let text = String(decoding: visibleTextUTF8(), as: UTF8.self)
        cachedVisibleText = text
        return text
    }

    /// The UTF-8 bytes of ``visibleText()``, without building the string (a pattern pre-filter
    /// reads bytes). Ill-formed UTF-8 in the page is left as it is here; `String(decoding:as:)`
    /// of these bytes is ``visibleText()``.
    public func visibleTextUTF8() -> [UInt8] {
        if let cachedVisibleUTF8 { return cachedVisibleUTF8 }
        let bytes = scan.visiblePieces.map { $0.utf8(in: scan.arena) } ?? treeText(contentOnly: false)
        cachedVisibleUTF8 = bytes
        return bytes
    }

    private var cachedVisibleText: String?
    private var cachedVisibleUTF8: [UInt8]?
    private var cachedContentText: String?
    private var cachedContentUTF8: [UInt8]?

    /// Text from libxml2's tree, for a page without `<body>` (the document node is the root).
    private func treeText(contentOnly: Bool) -> [UInt8] {
        guard contentOnly else {
            var buffer = TextBuffer(capacity: 4096)
            collectText(below: documentNode, mode: .html, into: &buffer)
            return buffer.bytes
        }
        let root = ContentText.root(in: documentNode)
        var buffer = TextBuffer(capacity: 4096)
        collectText(below: root, mode: .html, into: &buffer) { node, tag in
            ContentText.isExcluded(node, tag: tag, below: root)
        }
        return buffer.bytes
    }

    /// The page's main content text: the first of `<main>`, `<article>`, `[role=main]`,
    /// `.entry-content`, `#content` that exists, else `<body>`; always without `nav`, `header`,
    /// `footer`, `aside`, `form`, `script`, `style` and elements whose class or id names a menu,
    /// sidebar, widget or breadcrumb. White space collapsed.
    ///
    /// A `header` or `footer` inside an `article` belongs to that article (its title, author and
    /// date) and is kept; the site's own header and footer never are.
    public func contentText() -> String {
        if let cachedContentText { return cachedContentText }
        let text = String(decoding: contentTextUTF8(), as: UTF8.self)
        cachedContentText = text
        return text
    }

    /// The UTF-8 bytes of ``contentText()``, as ``visibleTextUTF8()`` is to ``visibleText()``.
    public func contentTextUTF8() -> [UInt8] {
        if let cachedContentUTF8 { return cachedContentUTF8 }
        let bytes = scan.contentPieces.map { $0.utf8(in: scan.arena) } ?? treeText(contentOnly: true)
        cachedContentUTF8 = bytes
        return bytes
    }

    /// Checks that an expression compiles (rule files are checked at load time).
    public static func validateXPath(_ xpath: String) throws(XPathError) {
        try XPathQuery.validate(xpath)
    }

    /// The tree-walk answers, for tests that hold the scan to them.
    var treeAnswers: (links: [HTMLLink], visibleText: String, contentText: String, title: String?) {
        let body = firstElement(below: documentNode) { HTMLTag($0) == .body } ?? documentNode
        var visible = TextBuffer(capacity: 4096)
        collectText(below: body, mode: .html, into: &visible)
        let root = ContentText.root(in: documentNode)
        var content = TextBuffer(capacity: 4096)
        collectText(below: root, mode: .html, into: &content) { node, tag in
            ContentText.isExcluded(node, tag: tag, below: root)
        }
        let title = firstElement(below: documentNode) { HTMLTag($0) == .title }.map { nodeText($0, mode: .html) }
        return (LinkExtractor.links(below: documentNode), visible.string, content.string, title)
    }
}

/// XPath expressions the page scan answers without a tree: a union of `//NAME` steps where every
/// NAME is `title`, `h1`...`h6` or `a` (`//title | //h1 | //h2 | //h3 | //a`).
enum FastXPath {
    private static let names: [Substring: HTMLTag] = [
        "title": .title, "a": .a, "h1": .h1, "h2": .h2, "h3": .h3, "h4": .h4, "h5": .h5, "h6": .h6,
    ]

    /// Answers by expression: rules ask the same few expressions of every page. Bounded (rules are
    /// few; past the bound, answers are computed each time).
    private static let answers = Mutex<[String: Set<HTMLTag>?]>([:])
    private static let maxAnswers = 256

    /// The element names of such a union, or nil for any other expression.
    static func elementNames(_ xpath: String) -> Set<HTMLTag>? {
        if let known = answers.withLock({ $0[xpath] }) { return known }
        let parsed = parse(xpath)
        answers.withLock { if $0.count < maxAnswers { $0[xpath] = .some(parsed) } }
        return parsed
    }

    private static func parse(_ xpath: String) -> Set<HTMLTag>? {
        var tags: Set<HTMLTag> = []
        for part in xpath.split(separator: "|", omittingEmptySubsequences: false) {
            let step = part.trimmingASCIISpaces()
            guard step.hasPrefix("//"), let tag = names[step.dropFirst(2)] else { return nil }
            tags.insert(tag)
        }
        return tags
    }
}

extension Substring {
    fileprivate func trimmingASCIISpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
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
