import CLibXML2

/// Where a page's main content is, and what inside it is chrome rather than content.
enum ContentText {
    /// The first of `<main>`, `<article>`, `[role=main]`, `.entry-content`, `#content` (in that
    /// order of preference) that exists, else `<body>`, else the document.
    static func root(in document: NodePtr) -> NodePtr {
        var candidates = [NodePtr?](repeating: nil, count: 5)
        var body: NodePtr?
        walk(below: document) { node in
            guard node.isElement else { return .skipChildren }
            let tag = HTMLTag(node)
            if tag.isNonText { return .skipChildren }
            if tag == .body, body == nil { body = node }
            if tag == .main, candidates[0] == nil { candidates[0] = node }
            if tag == .article, candidates[1] == nil { candidates[1] = node }
            if node.pointee.properties != nil {
                if candidates[2] == nil, node.attribute("role")?.lowercased() == "main" { candidates[2] = node }
                if candidates[3] == nil, let classes = node.attribute("class"),
                   classes.split(separator: " ").contains("entry-content") { candidates[3] = node }
                if candidates[4] == nil, node.attribute("id") == "content" { candidates[4] = node }
            }
            return candidates[0] != nil ? .stop : .descend
        }
        return candidates.lazy.compactMap { $0 }.first ?? body ?? document
    }

    /// True for page chrome below the content root: navigation, site header and footer, asides,
    /// forms, scripts, and elements whose class or id names a menu, sidebar, widget or breadcrumb.
    static func isExcluded(_ node: NodePtr, tag: HTMLTag, below root: NodePtr) -> Bool {
        switch tag {
        case .nav, .aside, .form, .script, .style, .noscript, .template:
            return true
        case .header, .footer:
            return !isInsideArticle(node, below: root)
        default:
            break
        }
        guard node.pointee.properties != nil else { return false }
        return namesChrome(node.attribute("class")) || namesChrome(node.attribute("id"))
    }

    private static let chromeWords = ["menu", "sidebar", "widget", "breadcrumb"]

    /// Class or id tokens naming chrome (`main-menu`, `widget_recent_entries`, `breadcrumbs`).
    /// State modifiers (`has-sidebar`, `no-sidebar`) describe a layout, not chrome, and are ignored.
    private static func namesChrome(_ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        for token in value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if token.hasPrefix("has-") || token.hasPrefix("no-") || token.hasPrefix("with-") { continue }
            if chromeWords.contains(where: { token.contains($0) }) { return true }
        }
        return false
    }

    private static func isInsideArticle(_ node: NodePtr, below root: NodePtr) -> Bool {
        var cursor = node.pointee.parent
        while let current = cursor {
            if current.isElement, HTMLTag(current) == .article { return true }
            if current == root { return false }
            cursor = current.pointee.parent
        }
        return false
    }
}
