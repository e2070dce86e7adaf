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
    static func namesChrome(_ value: String?) -> Bool {
        guard var value, !value.isEmpty else { return false }
        return value.withUTF8 { namesChrome($0) }
    }

    static func namesChrome(_ value: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        return namesChrome(value)
    }

    private static func namesChrome(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var tokenStart = 0
        var index = 0
        while index <= value.count {
            if index == value.count || value[index] == 0x20 || value[index] == 0x09 || value[index] == 0x0A {
                if index > tokenStart, tokenNamesChrome(UnsafeBufferPointer(rebasing: value[tokenStart..<index])) { return true }
                tokenStart = index + 1
            }
            index += 1
        }
        return false
    }

    private static func tokenNamesChrome(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        if layoutPrefixes.contains(where: { foldedMatch(token, at: 0, $0) }) { return false }
        return chromeWords.contains { word in
            token.count >= word.count && (0...(token.count - word.count)).contains { foldedMatch(token, at: $0, word) }
        }
    }

    /// True when `token` holds the lowercase `needle` at `offset`, ASCII letters compared without case.
    private static func foldedMatch(_ token: UnsafeBufferPointer<UInt8>, at offset: Int, _ needle: [UInt8]) -> Bool {
        guard offset + needle.count <= token.count else { return false }
        for (index, expected) in needle.enumerated() {
            let byte = token[offset + index]
            if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != expected { return false }
        }
        return true
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
