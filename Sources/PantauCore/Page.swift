import PantauHTML

/// One HTTP response header, name as sent.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HTTPHeader {
    /// The first value of a header, matched case-insensitively (RFC 9110 §5.1).
    public func value(for name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) }?.value
    }
}

extension String {
    fileprivate func caseInsensitiveCompare(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}

/// A fetched resource as the plugins see it.
///
/// `@unchecked Sendable` because ``HTMLDocument`` keeps lazily computed parts: a page is handed
/// over, never shared. The crawl builds it and runs the examiners in the page's fetch task, then
/// gives it to the site's task, which alone uses it from then on.
public final class Page: @unchecked Sendable {
    /// What the page is to the crawl.
    public enum Role: Sendable, Hashable {
        /// The institution's home page (the inventory URL, after redirects).
        case home
        /// A page reached by following links.
        case crawled
        /// A resource a plugin asked for (a feed, a sitemap).
        case requested
    }

    /// The URL after redirects.
    public let url: String
    /// The URL that was requested.
    public let requestedURL: String
    public let status: Int
    public let headers: [HTTPHeader]
    /// The `Content-Type` header, lowercased, without parameters (`text/html`), or nil.
    public let mediaType: String?
    /// The body as received (possibly truncated at the crawl's body cap).
    public let body: [UInt8]
    /// Link depth from the home page (home = 0).
    public let depth: Int
    public let role: Role
    /// The parsed HTML, when the body is HTML.
    public let document: HTMLDocument?

    public init(url: String, requestedURL: String, status: Int, headers: [HTTPHeader], mediaType: String?,
                body: [UInt8], depth: Int, role: Role, document: HTMLDocument?) {
        self.url = url
        self.requestedURL = requestedURL
        self.status = status
        self.headers = headers
        self.mediaType = mediaType
        self.body = body
        self.depth = depth
        self.role = role
        self.document = document
    }
}
