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

    private static let chromeWords: [[UInt8]] = ["menu", "sidebar", "widget", "breadcrumb"].map { Array($0.utf8) }
    private static let layoutPrefixes: [[UInt8]] = ["has-", "no-", "with-"].map { Array($0.utf8) }

    /// Class or id tokens naming chrome (`main-menu`, `widget_recent_entries`, `breadcrumbs`).
    /// State modifiers (`has-sidebar`, `no-sidebar`) describe a layout, not chrome, and are ignored.
    /// Works on ASCII-lowercased bytes: it runs for every element of every page.
    private static func namesChrome(_ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        let bytes = value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for token in bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
            if layoutPrefixes.contains(where: { token.starts(with: $0) }) { continue }
            if chromeWords.contains(where: { contains(token, $0) }) { return true }
        }
        return false
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var start = haystack.startIndex
        while start + needle.count <= haystack.endIndex {
            if haystack[start] == needle[0], haystack[start..<start + needle.count].elementsEqual(needle) { return true }
            start += 1
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
