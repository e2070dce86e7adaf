import Foundation
import PantauHTML

/// Discovers pages through sitemaps (sitemaps.org protocol 0.9): the `Sitemap:` lines of
/// robots.txt (RFC 9309 §2.2.4), `/sitemap.xml` and WordPress's `/wp-sitemap.xml`; sitemap index
/// files lead to further sitemaps.
///
/// A sitemap is delivered to the inspectors as a requested page (media type XML), so plugins can
/// read `<lastmod>`; the crawl only takes the `<loc>` values. Both sitemap files and URLs are
/// capped, because a sitemap index can list millions of URLs.
struct SitemapReader {
    /// Sitemap files read per site at most (index files included).
    static let maxFiles = 20
    /// Page URLs taken from sitemaps per site at most (the crawl's page cap still applies).
    static let maxURLs = 5000

    private var filesRead = 0
    private var urlsTaken = 0

    /// Sitemap URLs to try for a site: robots.txt's first, then the two conventional locations.
    func candidates(home: URL, robots: [String]) -> [String] {
        var result: [String] = []
        for written in robots.prefix(5) + ["/sitemap.xml", "/wp-sitemap.xml"] {
            if let url = CrawlURL.resolve(written, against: home), !result.contains(url) { result.append(url) }
        }
        return result
    }

    /// What a sitemap holds.
    struct Contents {
        /// `<url><loc>` values (pages).
        var pages: [String]
        /// `<sitemap><loc>` values (further sitemaps of an index file).
        var sitemaps: [String]
    }

    /// The locations in `body`, or nil when it is not a sitemap (an RSS feed, HTML, nothing).
    /// A gzip-compressed body (`.xml.gz` served as a file) is inflated first, up to `maxBytes`.
    mutating func read(_ body: [UInt8], maxBytes: Int) -> Contents? {
        var bytes = body
        if bytes.starts(with: [0x1F, 0x8B]) {
            guard let inflated = Gzip.decompress(bytes, maxBytes: maxBytes) else { return nil }
            bytes = inflated
        }
        guard filesRead < Self.maxFiles else { return nil }
        // `/*/*[url or sitemap]/loc`, read in one pass without a tree: a large site's sitemap
        // would otherwise cost tens of megabytes while it is read.
        let room = max(0, Self.maxURLs - urlsTaken)
        let scan = XMLScanner.scan(bytes, parents: ["url", "sitemap"], names: ["loc"], parentDepth: 2,
                                   limit: max(room, Self.maxFiles))
        let locations = scan.items.map(\.text)
        let contents: Contents
        switch scan.root {
        case "urlset":
            contents = Contents(pages: Array(locations.prefix(room)), sitemaps: [])
            urlsTaken += contents.pages.count
        case "sitemapindex":
            contents = Contents(pages: [], sitemaps: Array(locations.prefix(Self.maxFiles)))
        default:
            return nil
        }
        filesRead += 1
        return contents
    }
}
