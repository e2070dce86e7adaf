/// A link a generated page carries: the demo host and the path (with query) it points to.
struct LinkTarget: Hashable, Comparable, Sendable {
    var host: String
    var path: String

    static func < (a: LinkTarget, b: LinkTarget) -> Bool { (a.host, a.path) < (b.host, b.path) }
}

/// HTML being written for one page, recording every `href`/`src` it emits so that the ground
/// truth's referrer lists come from the very links that were rendered.
struct Markup {
    /// The site the page belongs to.
    let host: String
    /// WordPress and OpenSID print absolute URLs; home-grown CMSes print root-relative ones.
    let absoluteLinks: Bool
    private(set) var html = ""
    private(set) var links: [LinkTarget] = []

    init(host: String, absoluteLinks: Bool) {
        self.host = host
        self.absoluteLinks = absoluteLinks
    }

    mutating func add(_ text: String) { html += text }

    /// The attribute value for a link to `path` on this site, recorded as a link.
    mutating func url(_ path: String) -> String {
        links.append(LinkTarget(host: host, path: path))
        return absoluteLinks ? markedOrigin(host) + path : path
    }

    /// The attribute value for a link to another demo site (always absolute).
    mutating func url(host other: String, path: String) -> String {
        links.append(LinkTarget(host: other, path: path))
        return markedOrigin(other) + path
    }

    mutating func anchor(_ path: String, _ label: String, cls: String? = nil) {
        let attr = cls.map { " class=\"\($0)\"" } ?? ""
        add("<a\(attr) href=\"\(url(path))\">\(escapeHTML(label))</a>")
    }

    mutating func paragraph(_ text: String) { add("<p>\(escapeHTML(text))</p>\n") }
}

func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(ch)
        }
    }
    return out
}
