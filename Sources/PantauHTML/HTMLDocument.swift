import CLibXML2

// API CONTRACT (stub): the libxml2-backed implementation replaces the bodies, keeping these
// signatures. Other modules code against exactly this surface.

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
    /// Parses `bytes` as HTML. `encoding` is the charset from the HTTP header, if any; otherwise
    /// libxml2 detects it from a BOM or `<meta charset>`. Never fails: broken markup is recovered.
    public init(bytes: [UInt8], url: String, encoding: String? = nil) { fatalError("stub") }

    /// Convenience for tests and rule examples.
    public convenience init(html: String, url: String) { self.init(bytes: Array(html.utf8), url: url, encoding: "UTF-8") }

    /// The URL given at parse time.
    public var url: String { fatalError("stub") }
    /// `<title>` text, white space collapsed, or nil.
    public var title: String? { fatalError("stub") }
    /// The first `<base href>` value, or nil.
    public var baseHref: String? { fatalError("stub") }
    /// The `lang` attribute of `<html>`, or nil.
    public var language: String? { fatalError("stub") }

    /// Every link in document order (see ``LinkKind`` for which elements count).
    public func links() -> [HTMLLink] { fatalError("stub") }

    /// Elements matching an XPath 1.0 expression.
    /// - Throws: ``XPathError`` when the expression does not compile or does not select nodes.
    public func select(_ xpath: String) throws(XPathError) -> [HTMLElement] { fatalError("stub") }

    /// Strings an XPath expression selects: text of elements, values of attributes, or a string
    /// result (`string(//h1)`), in document order.
    public func strings(_ xpath: String) throws(XPathError) -> [String] { fatalError("stub") }

    /// All visible text of `<body>`: `script`, `style`, `noscript`, `template` removed, white space collapsed.
    public func visibleText() -> String { fatalError("stub") }

    /// The page's main content text: the first of `<main>`, `<article>`, `[role=main]`,
    /// `.entry-content`, `#content` that exists, else `<body>`; always without `nav`, `header`,
    /// `footer`, `aside`, `form`, `script`, `style` and elements whose class or id names a menu,
    /// sidebar, widget or breadcrumb. White space collapsed.
    public func contentText() -> String { fatalError("stub") }

    /// Checks that an expression compiles (rule files are checked at load time).
    public static func validateXPath(_ xpath: String) throws(XPathError) { fatalError("stub") }
}

/// A parsed XML document (feeds, sitemaps): libxml2's XML parser, NONET, recovering.
public final class XMLDocument {
    /// Returns nil when the bytes are not XML at all.
    public init?(bytes: [UInt8]) { fatalError("stub") }

    /// Strings selected by an XPath expression; `namespaces` maps prefixes to URIs
    /// (`["atom": "http://www.w3.org/2005/Atom"]`). Use `local-name()` to ignore namespaces.
    public func strings(_ xpath: String, namespaces: [String: String] = [:]) throws(XPathError) -> [String] {
        fatalError("stub")
    }

    /// Elements selected by an XPath expression, copied out.
    public func select(_ xpath: String, namespaces: [String: String] = [:]) throws(XPathError) -> [HTMLElement] {
        fatalError("stub")
    }

    /// Lowercased local name of the root element (`rss`, `feed`, `urlset`, `sitemapindex`).
    public var rootName: String? { fatalError("stub") }
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
