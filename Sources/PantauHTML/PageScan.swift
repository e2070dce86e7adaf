/// A heading (`<h1>` ... `<h6>`) as written in a page.
public struct HTMLHeading: Sendable, Hashable {
    /// 1 for `<h1>`, ... 6 for `<h6>`.
    public var level: Int
    /// The heading's text, white space collapsed (as XPath `string()` sees it, scripts left out).
    public var text: String
    /// True inside a `nav`, `aside` or `footer` (menus, widgets, the footer: not the page's own title).
    public var isInChrome: Bool

    public init(level: Int, text: String, isInChrome: Bool) {
        self.level = level
        self.text = text
        self.isInChrome = isInChrome
    }
}

/// A `<meta>` element's attributes.
public struct HTMLMeta: Sendable, Hashable {
    public var name: String?
    public var property: String?
    public var httpEquiv: String?
    /// The `content` value, white space collapsed, or nil when absent.
    public var content: String?
    /// True when the element is inside `<head>`.
    public var isInHead: Bool

    public init(name: String? = nil, property: String? = nil, httpEquiv: String? = nil, content: String?,
                isInHead: Bool = true) {
        self.name = name
        self.property = property
        self.httpEquiv = httpEquiv
        self.content = content
        self.isInHead = isInHead
    }
}

/// A `<time datetime>` element with what surrounds it (where on the page the date stands).
public struct HTMLTime: Sendable, Hashable {
    /// The `datetime` value, white space collapsed.
    public var datetime: String
    /// Inside an `<article>`.
    public var isInArticle: Bool
    /// The `class` values of the element and its ancestors, joined by spaces.
    public var classes: String
    /// Inside a `<nav>`.
    public var isInNav: Bool
    /// Inside a `<header>` that is not itself inside an `<article>` (the site's header).
    public var isInSiteHeader: Bool
    /// Inside a `<footer>` that is not itself inside an `<article>` (the site's footer).
    public var isInSiteFooter: Bool

    public init(datetime: String, isInArticle: Bool, classes: String, isInNav: Bool, isInSiteHeader: Bool,
                isInSiteFooter: Bool) {
        self.datetime = datetime
        self.isInArticle = isInArticle
        self.classes = classes
        self.isInNav = isInNav
        self.isInSiteHeader = isInSiteHeader
        self.isInSiteFooter = isInSiteFooter
    }
}

/// Everything one pass over a page records: what the crawl and the built-in rules read.
///
/// Filled by ``PageScanner`` from libxml2's SAX events, so it describes exactly the tree
/// libxml2 would build (the same implied and auto-closed elements), without building it.
struct PageScan: Sendable {
    var title: String?
    var baseHref: String?
    var language: String?
    var links: [HTMLLink] = []
    /// Every text chunk the page-sized texts below refer to.
    var arena: [UInt8] = []
    /// Body text without `script`/`style`/`noscript`/`template`; nil when the page has no `<body>`.
    var visiblePieces: TextPieces?
    /// ``HTMLDocument/contentText()``; nil when the page has no `<body>`.
    var contentPieces: TextPieces?
    var headings: [HTMLHeading] = []
    /// `id` values of every element and `name` values of anchors, in document order.
    var fragmentTargets: [String] = []
    var metas: [HTMLMeta] = []
    /// Text of `<script>` elements whose `type` names JSON-LD.
    var jsonLD: [String] = []
    var times: [HTMLTime] = []
    /// Text of every `title`, `h1`...`h6` and `a` element in document order: answers the XPath
    /// unions of those names (``FastXPath``) without a tree.
    var namedTexts: [(tag: HTMLTag, text: String)] = []
}
