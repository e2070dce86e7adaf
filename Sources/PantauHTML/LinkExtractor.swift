import CLibXML2

/// Collects a page's links in one walk of libxml2's tree. Pages are read by ``PageScanner``;
/// this walk states the same rules over the tree, and the tests hold the scan to it.
struct LinkExtractor {
    private var links: [HTMLLink] = []

    static func links(below root: NodePtr) -> [HTMLLink] {
        var extractor = LinkExtractor()
        extractor.links.reserveCapacity(64)
        var hiddenScope: NodePtr?
        walk(below: root, enter: { node in
            guard node.isElement else { return .skipChildren }
            let hidden = hiddenScope != nil || isHiddenElement(node)
            extractor.visit(node, tag: HTMLTag(node), hidden: hidden)
            if hidden && hiddenScope == nil && node.pointee.children != nil { hiddenScope = node }
            return .descend
        }, leave: { node in
            if node == hiddenScope { hiddenScope = nil }
        })
        return extractor.links
    }

    private mutating func visit(_ node: NodePtr, tag: HTMLTag, hidden: Bool) {
        switch tag {
        case .a:
            add(.anchor, node.attribute("href"), text: { anchorText(node) }, rel: node, hidden: hidden)
        case .area:
            add(.area, node.attribute("href"), rel: node, hidden: hidden)
        case .img:
            add(.image, node.attribute("src"), hidden: hidden)
            addSourceSet(node, hidden: hidden)
        case .script:
            add(.script, node.attribute("src"), hidden: hidden)
        case .link:
            let rel = node.attribute("rel")?.lowercased()
            add(linkKind(rel: rel, type: node.attribute("type")), node.attribute("href"), rel: node, hidden: hidden)
        case .iframe, .frame:
            add(.frame, node.attribute("src"), hidden: hidden)
        case .embed, .video, .audio, .track:
            add(.embed, node.attribute("src"), hidden: hidden)
        case .source:
            add(.embed, node.attribute("src"), hidden: hidden)
            addSourceSet(node, hidden: hidden)
        case .object:
            add(.embed, node.attribute("data"), hidden: hidden)
        default:
            break
        }
    }

    private mutating func add(_ kind: LinkKind, _ rawHref: String?, text: () -> String = { "" }, rel node: NodePtr? = nil,
                              hidden: Bool) {
        guard let rawHref else { return }
        let href = trimHTMLSpace(rawHref)
        guard !href.isEmpty else { return }
        links.append(HTMLLink(kind: kind, href: href, text: text(), rel: node?.attribute("rel")?.lowercased(),
                              isHidden: hidden))
    }

    private mutating func addSourceSet(_ node: NodePtr, hidden: Bool) {
        guard let srcset = node.attribute("srcset") else { return }
        for candidate in sourceSetURLs(srcset) {
            links.append(HTMLLink(kind: .image, href: candidate, isHidden: hidden))
        }
    }

    private func linkKind(rel: String?, type: String?) -> LinkKind {
        let tokens = (rel ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        if tokens.contains("stylesheet") { return .stylesheet }
        if tokens.contains("alternate"), let type = type?.lowercased(), type.contains("rss") || type.contains("atom") {
            return .feed
        }
        return .otherLink
    }
}

/// Anchor text: the collapsed text, or the `alt` (then `title`) of the first image inside.
private func anchorText(_ anchor: NodePtr) -> String {
    var buffer = TextBuffer()
    collectText(below: anchor, mode: .html, into: &buffer)
    if !buffer.isEmpty { return buffer.string }
    var fallback = ""
    walk(below: anchor) { node in
        guard node.isElement else { return .skipChildren }
        guard HTMLTag(node) == .img else { return .descend }
        for name in ["alt", "title"] {
            let value = collapseWhiteSpace(node.attribute(name) ?? "")
            if !value.isEmpty {
                fallback = value
                return .stop
            }
        }
        return .skipChildren
    }
    return fallback
}

/// Hidden by the element's own markup (see ``ScanAttributes/hidesElement``).
private func isHiddenElement(_ node: NodePtr) -> Bool {
    guard node.pointee.properties != nil else { return false }
    if node.hasAttribute("hidden") { return true }
    guard let style = node.attribute("style"), !style.isEmpty else { return false }
    return HiddenStyle.hides(style)
}

/// The URLs of a `srcset` attribute (HTML Living Standard, "parse a srcset attribute"):
/// candidates are separated by commas, each a URL followed by optional descriptors; URLs may
/// themselves contain commas (image CDN parameters), so a comma only ends a URL at its end.
func sourceSetURLs(_ srcset: String) -> [String] {
    let chars = Array(srcset.unicodeScalars)
    var urls: [String] = []
    var i = 0
    func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }
    while i < chars.count {
        while i < chars.count, isSpace(chars[i]) || chars[i] == "," { i += 1 }
        guard i < chars.count else { break }
        let start = i
        while i < chars.count, !isSpace(chars[i]) { i += 1 }
        var url = String(String.UnicodeScalarView(chars[start..<i]))
        if url.hasSuffix(",") {
            while url.hasSuffix(",") { url.removeLast() }
        } else {
            var depth = 0
            while i < chars.count {
                let c = chars[i]
                if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if c == "," && depth == 0 { break }
                i += 1
            }
        }
        if !url.isEmpty { urls.append(url) }
    }
    return urls
}

/// Trims ASCII white space (HTML's definition) from both ends.
func trimHTMLSpace(_ s: String) -> String {
    let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    return String(scalars[first...last])
}

/// Collapses white space runs to one space and trims.
func collapseWhiteSpace(_ s: String) -> String {
    var buffer = TextBuffer()
    buffer.append(s)
    return buffer.string
}
