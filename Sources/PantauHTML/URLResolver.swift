/// A fast path for resolving the links of one page: RFC 3986 §5.2 reference resolution plus the
/// crawl's normal form (lowercase scheme and host, no default port, `/` for an empty path, dot
/// segments removed, fragment dropped), for the plain links that make up almost every page.
///
/// It handles only what it can decide byte by byte: printable ASCII without `\`, spaces, quotes,
/// `<>^{|}` or backquotes, an http(s) authority that is a plain host name or IPv4 address with an
/// optional port. For anything else (other schemes, user info, IPv6, IDN, characters a browser
/// would percent-encode, an empty query) ``resolve(_:)`` returns nil and the caller uses its full
/// resolver (Foundation's, in `CrawlURL`), so the two always agree. Why: Foundation's `URL` and
/// `URLComponents` cost several microseconds per link on Linux, and a page carries 40–90 links.
public struct URLResolver: Sendable {
    /// `http` or `https`.
    public let scheme: String
    /// Lowercased host and non-default port (`example.go.id:8080`).
    public let authority: String
    /// The base's path, starting with `/`, dot segments removed.
    public let path: String
    /// The base's query without `?`, or nil.
    public let query: String?

    /// The base URL of a page: `base` must be absolute http(s) in the plain form described above;
    /// nil otherwise (use the full resolver for this page).
    public init?(base: String) {
        guard let parts = URLResolver.parseAbsolute(Array(base.utf8)) else { return nil }
        scheme = parts.scheme
        authority = parts.authority
        path = parts.path
        query = parts.query
    }

    /// The base itself in normal form.
    public var normalized: String { compose(path: path, query: query) }

    /// `href` resolved against the base in normal form, or nil when the fast path cannot decide
    /// (not when the href is invalid: ask the full resolver then).
    public func resolve(_ href: String) -> String? {
        // Most links of a CMS page are absolute and already in normal form: they are their own
        // resolution, without a copy.
        var probe = href
        if probe.withUTF8(URLResolver.isNormalAbsolute) { return href }
        var bytes = Array(href.utf8)
        // The fragment never reaches the server and is not part of the normal form.
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) { bytes.removeSubrange(hash...) }
        guard !bytes.isEmpty else { return href.isEmpty ? nil : normalized }
        guard bytes.allSatisfy(URLResolver.isPlain) else { return nil }
        if URLResolver.schemeEnd(bytes) != nil {
            // An absolute URL: only http(s) is handled here.
            return URLResolver.parseAbsolute(bytes)?.normalized
        }
        if bytes.starts(with: [0x2F, 0x2F]) { // "//host/path": the base's scheme
            guard let parts = URLResolver.parseAbsolute(Array(scheme.utf8) + [0x3A] + bytes) else { return nil }
            return parts.normalized
        }
        let (refPath, refQuery) = URLResolver.splitQuery(bytes[...])
        if refQuery?.isEmpty == true { return nil }
        let query = refQuery.map { String(decoding: $0, as: UTF8.self) }
        if refPath.isEmpty { // "?q"
            return compose(path: path, query: query)
        }
        if refPath.first == 0x2F { // "/path"
            return compose(path: URLResolver.removeDotSegments(refPath), query: query)
        }
        // A relative path: merged with the base path's directory (RFC 3986 §5.2.3). A colon in
        // its first segment makes it look like a scheme (§4.2): the full resolver decides.
        let firstSegment = refPath.prefix { $0 != 0x2F }
        if firstSegment.contains(0x3A) { return nil }
        var merged = Array(path.utf8)
        while let last = merged.last, last != 0x2F { merged.removeLast() }
        merged.append(contentsOf: refPath)
        return compose(path: URLResolver.removeDotSegments(merged[...]), query: query)
    }

    private func compose(path: String, query: String?) -> String {
        var out = scheme + "://" + authority + path
        if let query { out += "?" + query }
        return out
    }

    // MARK: - Parsing

    struct Parts {
        var scheme: String
        var authority: String
        var path: String
        var query: String?

        var normalized: String {
            var out = scheme + "://" + authority + path
            if let query { out += "?" + query }
            return out
        }
    }

    /// Bytes the fast path accepts anywhere in an href: printable ASCII except those a browser
    /// percent-encodes or that need the full parser (`\`, `[`, `]`).
    private static func isPlain(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "["),
             UInt8(ascii: "]"):
            return false
        default:
            return true
        }
    }

    /// The index of the `:` ending a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), or nil.
    private static func schemeEnd(_ bytes: [UInt8]) -> Int? {
        guard let first = bytes.first, isAlpha(first) else { return nil }
        for index in 1..<bytes.count {
            let byte = bytes[index]
            if byte == 0x3A { return index }
            guard isAlpha(byte) || isDigit(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E else { return nil }
        }
        return nil
    }

    /// `scheme://authority[path][?query]` with a plain http(s) authority, in normal form.
    static func parseAbsolute(_ bytes: [UInt8]) -> Parts? {
        guard let colon = schemeEnd(bytes) else { return nil }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var index = colon + 1
        guard bytes.count >= index + 2, bytes[index] == 0x2F, bytes[index + 1] == 0x2F else { return nil }
        index += 2
        let authorityStart = index
        while index < bytes.count, bytes[index] != 0x2F, bytes[index] != 0x3F { index += 1 }
        guard let authority = normalAuthority(bytes[authorityStart..<index], scheme: scheme) else { return nil }
        let (rawPath, rawQuery) = splitQuery(bytes[index...])
        if rawQuery?.isEmpty == true { return nil }
        let path = rawPath.isEmpty ? "/" : removeDotSegments(rawPath)
        return Parts(scheme: scheme, authority: authority, path: path,
                     query: rawQuery.map { String(decoding: $0, as: UTF8.self) })
    }

    /// Lowercased `host[:port]` without the scheme's default port; nil unless the host is letters,
    /// digits, `-` and `.` (no user info, IPv6 literal or percent-escape) and the port is digits
    /// without a leading zero.
    private static func normalAuthority(_ bytes: ArraySlice<UInt8>, scheme: String) -> String? {
        var host = bytes
        var port: ArraySlice<UInt8>?
        if let colon = bytes.firstIndex(of: 0x3A) {
            host = bytes[..<colon]
            port = bytes[(colon + 1)...]
        }
        guard !host.isEmpty, host.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2D || $0 == 0x2E }) else { return nil }
        var out = String(decoding: host.map { $0 | (isAlpha($0) ? 0x20 : 0) }, as: UTF8.self)
        if let port {
            guard let first = port.first, first != 0x30, port.count <= 5, port.allSatisfy(isDigit) else { return nil }
            let number = String(decoding: port, as: UTF8.self)
            if !((scheme == "http" && number == "80") || (scheme == "https" && number == "443")) {
                out += ":" + number
            }
        }
        return out
    }

    private static func splitQuery(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>?) {
        guard let mark = bytes.firstIndex(of: 0x3F) else { return (bytes, nil) }
        return (bytes[..<mark], bytes[(mark + 1)...])
    }

    /// RFC 3986 §5.2.4 on a path that starts with `/` (the crawl's `CrawlURL.removeDotSegments`).
    static func removeDotSegments(_ path: ArraySlice<UInt8>) -> String {
        guard path.contains(0x2E) else { return String(decoding: path, as: UTF8.self) }
        var output: [ArraySlice<UInt8>] = []
        let segments = path.split(separator: 0x2F, omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment.elementsEqual([0x2E]) {
                if isLast { output.append([]) }
            } else if segment.elementsEqual([0x2E, 0x2E]) {
                if output.count > 1 { output.removeLast() }
                if isLast { output.append([]) }
            } else {
                output.append(segment)
            }
        }
        var joined: [UInt8] = []
        for (index, segment) in output.enumerated() {
            if index > 0 { joined.append(0x2F) }
            joined.append(contentsOf: segment)
        }
        if joined.first != 0x2F { joined.insert(0x2F, at: 0) }
        return String(decoding: joined, as: UTF8.self)
    }

    /// True when `bytes` is an absolute http(s) URL already in the normal form: lowercase scheme
    /// and host, no default port, a non-empty path without dot segments, no fragment, no empty
    /// query, and only plain bytes.
    static func isNormalAbsolute(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let https: Bool
        if bytes.starts(with: "http://".utf8) {
            https = false
        } else if bytes.starts(with: "https://".utf8) {
            https = true
        } else {
            return false
        }
        var index = https ? 8 : 7
        let hostStart = index
        while index < bytes.count, bytes[index] != 0x2F, bytes[index] != 0x3A {
            let byte = bytes[index]
            guard (byte >= 0x61 && byte <= 0x7A) || isDigit(byte) || byte == 0x2D || byte == 0x2E else { return false }
            index += 1
        }
        guard index > hostStart, index < bytes.count else { return false }
        if bytes[index] == 0x3A {
            index += 1
            let portStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            let port = UnsafeBufferPointer(rebasing: bytes[portStart..<index])
            guard !port.isEmpty, port.count <= 5, port[0] != 0x30, index < bytes.count,
                  !port.elementsEqual((https ? "443" : "80").utf8) else { return false }
        }
        guard bytes[index] == 0x2F else { return false }
        // Path and query: plain bytes, no fragment, no dot segment in the path, no empty query.
        var segmentStart = index + 1
        var inQuery = false
        while index < bytes.count {
            let byte = bytes[index]
            guard isPlain(byte), byte != 0x23 else { return false }
            if !inQuery, byte == 0x2F || byte == 0x3F {
                if isDotSegment(bytes, segmentStart, index) { return false }
                segmentStart = index + 1
                if byte == 0x3F {
                    inQuery = true
                    if index + 1 == bytes.count { return false }
                }
            }
            index += 1
        }
        return inQuery || !isDotSegment(bytes, segmentStart, bytes.count)
    }

    private static func isDotSegment(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        (end - start == 1 && bytes[start] == 0x2E) || (end - start == 2 && bytes[start] == 0x2E && bytes[start + 1] == 0x2E)
    }

    @inline(__always) private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension URLResolver {
    /// Host (lowercased) and path-with-query of a URL in the fast path's normal form, without
    /// Foundation; nil when `url` is not in that form.
    public static func hostAndPath(ofNormalized url: String) -> (host: Substring, pathAndQuery: Substring)? {
        // Offsets found over the contiguous bytes (it runs for several plugins on every link);
        // the substrings are then cut at those offsets, which is O(1) on native UTF-8 strings.
        var copy = url
        let found: (hostStart: Int, hostEnd: Int, pathStart: Int)? = copy.withUTF8 { bytes in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
                  bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else { return nil }
            var index = colon + 3
            var hostEnd: Int?
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") { break }
                // User info, IPv6 literals and upper case are not normal form: left to the caller.
                if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "[") || (byte >= 0x41 && byte <= 0x5A) { return nil }
                if byte == UInt8(ascii: ":"), hostEnd == nil { hostEnd = index }
                index += 1
            }
            return (colon + 3, hostEnd ?? index, index)
        }
        guard let found else { return nil }
        let utf8 = url.utf8
        let hostStart = utf8.index(utf8.startIndex, offsetBy: found.hostStart)
        let hostEnd = utf8.index(utf8.startIndex, offsetBy: found.hostEnd)
        let pathStart = utf8.index(utf8.startIndex, offsetBy: found.pathStart)
        let path = url[pathStart...]
        return (url[hostStart..<hostEnd], path.isEmpty ? "/" : path)
    }
}
