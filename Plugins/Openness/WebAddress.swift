import Foundation

/// The few URL operations section matching needs, on Foundation's RFC 3986 resolver.
enum WebAddress {
    /// `href` resolved against `base` (and against `page` first when `base` is itself relative),
    /// without its fragment; nil for non-HTTP schemes (mailto:, tel:, javascript:) and garbage.
    static func resolve(_ href: String, page: String, baseHref: String?) -> String? {
        guard let pageURL = URL(string: page) else { return nil }
        var base = pageURL
        if let baseHref, let resolvedBase = parse(baseHref, relativeTo: pageURL) { base = resolvedBase }
        guard let target = parse(href, relativeTo: base), var parts = URLComponents(url: target, resolvingAgainstBaseURL: true),
              let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
              parts.host?.isEmpty == false else { return nil }
        parts.fragment = nil
        return parts.string
    }

    /// The URL's path followed by `?query` when it has one (`/ppid/`, `/?page_id=12`): what the
    /// `url` patterns match. Percent-escapes stay as written.
    static func pathAndQuery(_ url: String) -> String? {
        guard let parts = URLComponents(string: url) else { return nil }
        let path = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
        guard let query = parts.percentEncodedQuery, !query.isEmpty else { return path }
        return path + "?" + query
    }

    /// The same URL without its fragment, for comparing addresses.
    static func withoutFragment(_ url: String) -> String {
        guard let hash = url.firstIndex(of: "#") else { return url }
        return String(url[..<hash])
    }

    private static func parse(_ text: String, relativeTo base: URL) -> URL? {
        if let url = URL(string: text, relativeTo: base) { return url }
        // Hand-written hrefs often carry spaces or raw non-ASCII letters; browsers escape them.
        guard let escaped = text.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["#", "%"])) else {
            return nil
        }
        return URL(string: escaped, relativeTo: base)
    }
}
