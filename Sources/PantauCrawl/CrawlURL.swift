import Foundation

/// URL resolution and the normal form used to de-duplicate the crawl frontier.
///
/// Resolution follows RFC 3986 §5 as browsers apply it to real markup (the WHATWG URL Standard's
/// clean-up first, see ``prepare(_:relativeIsSpecial:)``): white space around an attribute is
/// trimmed, tabs and newlines inside it removed, `\` read as `/` in http(s) URLs, Unicode hosts
/// converted to IDNA ASCII (`xn--`), spaces and non-ASCII characters percent-encoded (existing
/// escapes are kept as written), dot segments removed, fragments dropped. The normal form lowercases
/// the scheme and host and drops the default port; it never changes the path or query (order, case
/// and escapes kept), which servers may treat case-sensitively.
public enum CrawlURL {
    /// Schemes that are links but not fetchable (domain note §3: verdict SKIPPED).
    public static let skippedSchemes: Set<String> = ["mailto", "tel", "javascript", "data", "sms", "whatsapp", "ftp", "file"]

    /// Resolves `href` against `base` (an absolute URL) and returns the normal form, or nil when
    /// the result is not a URL at all.
    public static func resolve(_ href: String, against base: URL) -> String? {
        let baseIsSpecial = base.scheme.map { isSpecial($0.lowercased()) } ?? false
        guard let prepared = prepare(href, relativeIsSpecial: baseIsSpecial) else { return nil }
        guard let url = URL(string: prepared, relativeTo: base)?.absoluteURL else { return nil }
        return normalize(url)
    }

    /// Parses an absolute URL string and returns its normal form.
    public static func normalize(_ string: String) -> String? {
        guard let prepared = prepare(string, relativeIsSpecial: false),
              let url = URL(string: prepared), url.scheme != nil else { return nil }
        return normalize(url)
    }

    /// http and https: the WHATWG "special" schemes a crawler fetches, where `\` is a path
    /// separator and the host is a domain name.
    static func isSpecial(_ scheme: String) -> Bool { scheme == "http" || scheme == "https" }

    /// The WHATWG URL parser's clean-up of an attribute value, before RFC 3986 resolution:
    /// leading and trailing C0 controls and spaces trimmed, every tab and newline removed (even
    /// inside the URL), backslashes read as slashes before the query in http(s) URLs, a Unicode
    /// host converted to its IDNA ASCII form, then spaces and non-ASCII percent-encoded.
    /// - Parameter relativeIsSpecial: whether a URL without a scheme resolves against an http(s) base.
    /// - Returns: nil for an empty value.
    static func prepare(_ raw: String, relativeIsSpecial: Bool) -> String? {
        var text = raw.trimmingCharacters(in: controlOrSpace)
        if text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            text.unicodeScalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        }
        guard !text.isEmpty else { return nil }
        let special = scheme(of: text).map(isSpecial) ?? relativeIsSpecial
        if special, text.contains("\\") {
            let end = text.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? text.endIndex
            text = text[..<end].replacingOccurrences(of: "\\", with: "/") + text[end...]
        }
        if special, text.unicodeScalars.contains(where: { !$0.isASCII || $0 == "%" }) {
            text = asciiHost(text)
        }
        return percentEncodeLoosely(text)
    }

    /// C0 controls and space (WHATWG: stripped from both ends of an input).
    private static let controlOrSpace = CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(0x20))

    /// `text` with the host of its authority (after `scheme://` or a leading `//`) in IDNA ASCII
    /// form; unchanged when it has no authority or the host is ASCII already.
    static func asciiHost(_ text: String) -> String {
        var authorityStart: String.Index
        if text.hasPrefix("//") {
            authorityStart = text.index(text.startIndex, offsetBy: 2)
        } else if let range = text.range(of: "://"), scheme(of: text) != nil, text[..<range.lowerBound].firstIndex(of: "/") == nil {
            authorityStart = range.upperBound
        } else {
            return text
        }
        let authorityEnd = text[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? text.endIndex
        if let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") { authorityStart = text.index(after: at) }
        var hostEnd = authorityEnd
        if let colon = text[authorityStart..<authorityEnd].lastIndex(of: ":"),
           text[text.index(after: colon)..<authorityEnd].allSatisfy(\.isASCII), text[authorityStart] != "[" {
            hostEnd = colon
        }
        let host = String(text[authorityStart..<hostEnd])
        let decoded = host.contains("%") ? (host.removingPercentEncoding ?? host) : host
        guard decoded.unicodeScalars.contains(where: { !$0.isASCII }), let ascii = IDNA.toASCII(decoded) else { return text }
        return String(text[..<authorityStart]) + ascii + String(text[hostEnd...])
    }

    /// The normal form of an absolute URL: lowercase scheme and host, no default port, no
    /// fragment, `/` for an empty path, dot segments removed.
    public static func normalize(_ url: URL) -> String? {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true),
              let scheme = components.scheme?.lowercased() else { return nil }
        components.scheme = scheme
        components.fragment = nil
        if scheme == "http" || scheme == "https" {
            guard let host = components.host, !host.isEmpty else { return nil }
            components.host = host.lowercased()
            if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
                components.port = nil
            }
            let path = components.percentEncodedPath
            components.percentEncodedPath = path.isEmpty ? "/" : removeDotSegments(path)
        }
        return components.string
    }

    /// The lowercase scheme of a URL string, or nil when it has none.
    public static func scheme(of string: String) -> String? {
        guard let colon = string.firstIndex(of: ":") else { return nil }
        let candidate = string[..<colon]
        guard let first = candidate.first, first.isLetter,
              candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        return candidate.lowercased()
    }

    /// The host of an absolute URL, lowercased, without a leading `www.`.
    public static func siteHost(of string: String) -> String? {
        guard let host = URLComponents(string: string)?.host?.lowercased() else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if output.count > 1 { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        let joined = output.joined(separator: "/")
        return joined.hasPrefix("/") ? joined : "/" + joined
    }

    /// Percent-encodes what markup leaves raw but a URL may not hold: spaces, controls,
    /// non-ASCII bytes (as UTF-8) and `"<>\^`{|}`. Existing `%XX` escapes are kept as written.
    public static func percentEncodeLoosely(_ string: String) -> String {
        let needsWork = string.utf8.contains { $0 <= 0x20 || $0 >= 0x7F || unsafeBytes.contains($0) }
        guard needsWork else { return string }
        var out = [UInt8]()
        out.reserveCapacity(string.utf8.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in string.utf8 {
            if byte <= 0x20 || byte >= 0x7F || unsafeBytes.contains(byte) {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let unsafeBytes: Set<UInt8> = Set("\"<>\\^`{|}".utf8)

    /// File extensions whose targets are documents or media: checked as links, never crawled as pages.
    public static let binaryExtensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "zip", "rar", "7z", "gz",
        "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff",
        "mp3", "mp4", "avi", "mov", "wmv", "webm", "ogg", "wav", "css", "js", "woff", "woff2", "ttf", "eot", "apk", "exe",
    ]

    /// True when the URL's path ends in one of ``binaryExtensions``.
    public static func looksBinary(_ string: String) -> Bool {
        var path = Substring(string)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        guard let slash = path.lastIndex(of: "/") else { return false }
        let last = path[path.index(after: slash)...]
        guard let dot = last.lastIndex(of: ".") else { return false }
        return binaryExtensions.contains(last[last.index(after: dot)...].lowercased())
    }
}
