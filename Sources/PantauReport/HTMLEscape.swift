/// Turning data into HTML that cannot become markup.
///
/// Every string that reaches the report from an institution, a crawled page or a rule goes
/// through ``text(_:)`` (element content and quoted attribute values alike), and every link
/// target through ``href(_:)``: crawled pages are written by strangers, and a report that runs
/// their `<script>` would attack the analyst who opens it.
enum HTMLEscape {
    /// Escapes `& < > " '` (the five characters with meaning in content or a quoted attribute),
    /// and drops C0 control characters other than tab, LF and CR, which HTML forbids.
    static func text(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The escaped URL when it is plain `http:` or `https:`, else nil: the caller then shows the
    /// URL as text, so a `javascript:` or `data:` URL from a crawled page never becomes a link.
    static func href(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return text(url)
    }

    /// A link to `url` showing `label` (the URL itself when nil), or just the text when the URL
    /// is not http(s).
    static func link(_ url: String, label: String? = nil) -> String {
        let shown = text(label ?? url)
        guard let target = href(url) else { return "<span class=\"url\">\(shown)</span>" }
        return "<a class=\"url\" href=\"\(target)\" rel=\"noopener noreferrer\">\(shown)</a>"
    }
}
