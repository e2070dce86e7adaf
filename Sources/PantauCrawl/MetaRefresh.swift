/// `<meta http-equiv="refresh" content="0; url=/portal/">`: a redirect written in the page.
///
/// Parsed as the HTML Living Standard's "shared declarative refresh steps" (§4.2.5.3): a delay
/// (digits and dots), then `;` or `,`, then an optional `url=` and the URL, quotes removed.
public enum MetaRefresh {
    /// The target URL (as written, not resolved) of a refresh `content` value, or nil when it
    /// only reloads the page itself.
    public static func target(_ content: String) -> String? {
        var rest = Substring(content).drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        rest = rest.drop { $0.isASCII && ($0.isNumber || $0 == ".") }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard let separator = rest.first, separator == ";" || separator == "," else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        if rest.lowercased().hasPrefix("url") {
            let afterURL = rest.dropFirst(3).drop { $0 == " " || $0 == "\t" }
            if afterURL.first == "=" { rest = afterURL.dropFirst().drop { $0 == " " || $0 == "\t" } }
        }
        if let quote = rest.first, quote == "'" || quote == "\"" {
            rest = rest.dropFirst()
            if let end = rest.firstIndex(of: quote) { rest = rest[..<end] }
        }
        let url = rest.trimmingCharacters(in: " \t\r\n")
        return url.isEmpty ? nil : url
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let trimmed = drop { set.contains($0) }
        var end = trimmed.endIndex
        while end > trimmed.startIndex, set.contains(trimmed[trimmed.index(before: end)]) { end = trimmed.index(before: end) }
        return String(trimmed[..<end])
    }
}
