import Foundation
import PantauCore
import PantauHTML

/// Reads the dated-content evidence of one fetched page (domain note §1).
struct DateEvidence: Sendable {
    let parser: IndonesianDateParser
    /// Dates after this day are template placeholders, scheduled events or clock errors.
    let latestPlausible: CalendarDate

    init(auditDate: CalendarDate) {
        parser = IndonesianDateParser(referenceDate: auditDate)
        latestPlausible = auditDate.adding(days: 1)
    }

    /// What one page tells: its content dates and the feeds it advertises (absolute URLs).
    struct PageEvidence: Sendable {
        var dates: [ContentDate] = []
        var feeds: [String] = []
    }

    /// - Parameter includeText: false to skip dates written in the page's text (the costliest
    ///   evidence, and moot once the site has a structured date).
    func read(_ page: Page, includeText: Bool = true) -> PageEvidence {
        var evidence = PageEvidence()
        guard (200..<300).contains(page.status) else { return evidence }
        if FeedReader.looksLikeFeed(page) {
            evidence.dates = FeedReader.dates(in: page, parser: parser)
        } else if let document = page.document {
            let links = document.links()
            evidence.dates = htmlDates(page, document, links, includeText: includeText)
            evidence.feeds = advertisedFeeds(page, document, links)
        }
        evidence.dates.removeAll { $0.date > latestPlausible }
        return evidence
    }

    // MARK: HTML

    /// Class words that mark an element as a post or its date (`entry-date`, `post-meta`,
    /// `published`, `hentry`, Indonesian themes' `artikel` and `berita`).
    static let postClassWords = ["entry", "post", "published", "updated", "hentry", "artikel", "berita", "news"]

    /// `<time datetime>` values that belong to a post: inside an `article` or an element whose
    /// class names a post or its date, and not in navigation or the site's own header or footer
    /// (where a "today" clock lives).
    static func postTimes(_ document: HTMLDocument) -> [String] {
        document.times.compactMap { time in
            let inPost = time.isInArticle || postClassWords.contains { time.classes.contains($0) }
            guard inPost, !time.isInNav, !time.isInSiteHeader, !time.isInSiteFooter else { return nil }
            return time.datetime
        }
    }

    /// Open Graph article times (`article:published_time`, `article:modified_time`), by
    /// `property` or `name`.
    static let articleTimeMetas: Set<String> = ["article:published_time", "article:modified_time"]

    static func metaTimes(_ document: HTMLDocument) -> [String] {
        document.metas.compactMap { meta in
            let named = meta.property.map(articleTimeMetas.contains) == true || meta.name.map(articleTimeMetas.contains) == true
            return named ? meta.content : nil
        }
    }

    private func htmlDates(_ page: Page, _ document: HTMLDocument, _ links: [HTMLLink], includeText: Bool) -> [ContentDate] {
        var dates: [ContentDate] = []
        for text in document.jsonLDScripts {
            for value in JSONLDDates.values(in: text) {
                if let date = parser.parse(value) {
                    dates.append(ContentDate(date: date, source: .jsonLD, url: page.url, snippet: value))
                }
            }
        }
        for (values, source) in [(Self.metaTimes(document), DateSource.meta), (Self.postTimes(document), .time)] {
            for value in values {
                if let date = parser.parse(value) {
                    dates.append(ContentDate(date: date, source: source, url: page.url, snippet: value))
                }
            }
        }
        if let date = DatedPath.date(in: page.url) {
            dates.append(ContentDate(date: date, source: .url, url: page.url, snippet: page.url))
        }
        dates += linkedArticleDates(page, document, links)
        if includeText { dates += textDates(page, document) }
        return dates
    }

    /// Dated permalinks the page links to on its own host (weaker: the post itself was not read).
    private func linkedArticleDates(_ page: Page, _ document: HTMLDocument, _ links: [HTMLLink]) -> [ContentDate] {
        let baseHref = document.baseHref
        // Plain links on a plain page were resolved by the document without Foundation (this
        // runs for every anchor).
        if baseHref == nil, let resolver = URLResolver(base: page.url),
           let host = URLResolver.hostAndPath(ofNormalized: resolver.normalized)?.host {
            let resolved = links.count == document.links().count ? document.absoluteLinks() : links.map { resolver.resolve($0.href) }
            // Only the page's newest dated link can matter (the site keeps its newest date, the
            // first seen on a tie), so one is kept: a listing links to dozens of posts.
            var newest: ContentDate?
            var slow: [HTMLLink] = []
            // Links read in place: a copy of each would cost a reference count per string.
            links.withUnsafeBufferPointer { links in
                for index in links.indices
                where links[index].kind == .anchor && !links[index].isHidden && DatedPath.mayContainDate(links[index].href) {
                    // Escaped paths go the Foundation way, which reads the path percent-decoded.
                    guard let absolute = resolved[index], let parts = URLResolver.hostAndPath(ofNormalized: absolute),
                          !parts.pathAndQuery.utf8.contains(0x25) else { slow.append(links[index]); continue }
                    guard parts.host == host, let date = DatedPath.date(inPath: parts.pathAndQuery),
                          newest.map({ date > $0.date }) ?? true else { continue }
                    let text = links[index].text
                    newest = ContentDate(date: date, source: .url, url: absolute, snippet: text.isEmpty ? absolute : text)
                }
            }
            return (newest.map { [$0] } ?? []) + (slow.isEmpty ? [] : foundationArticleDates(page, baseHref, slow))
        }
        return foundationArticleDates(page, baseHref, links)
    }

    private func foundationArticleDates(_ page: Page, _ baseHref: String?, _ links: [HTMLLink]) -> [ContentDate] {
        let base = baseHref.flatMap { URL(string: $0, relativeTo: URL(string: page.url)) } ?? URL(string: page.url)
        guard let base, let host = base.host?.lowercased() else { return [] }
        var dates: [ContentDate] = []
        for link in links where link.kind == .anchor && !link.isHidden && DatedPath.mayContainDate(link.href) {
            guard let absolute = URL(string: link.href, relativeTo: base)?.absoluteURL,
                  absolute.host?.lowercased() == host, let date = DatedPath.date(in: absolute.absoluteString) else { continue }
            dates.append(ContentDate(date: date, source: .url, url: absolute.absoluteString,
                                     snippet: link.text.isEmpty ? absolute.absoluteString : link.text))
        }
        return dates
    }

    /// Dates written in the main content (header, footer, navigation and widgets excluded by
    /// ``HTMLDocument/contentText()``), minus the traps: the audit day itself written as an
    /// absolute date (a "today" line), copyright lines.
    private func textDates(_ page: Page, _ document: HTMLDocument) -> [ContentDate] {
        parser.findDates(in: document.contentText()).compactMap { match in
            guard !match.isCopyright, match.isRelative || match.date != parser.referenceDate else { return nil }
            return ContentDate(date: match.date, source: .text, url: page.url, snippet: match.snippet)
        }
    }

    /// `<link rel=alternate type=rss|atom>` targets, absolute, comment feeds left out.
    private func advertisedFeeds(_ page: Page, _ document: HTMLDocument, _ links: [HTMLLink]) -> [String] {
        let hrefs = links.withUnsafeBufferPointer { links in
            links.indices.compactMap { links[$0].kind == .feed ? links[$0].href : nil }
        }.filter { !ASCIIText.contains($0, lowercased: true, "comments") }
        // Most pages advertise one feed or none: the base is parsed only when there is one.
        guard !hrefs.isEmpty else { return [] }
        let base = document.baseHref.flatMap { URL(string: $0, relativeTo: URL(string: page.url)) } ?? URL(string: page.url)
        return hrefs.compactMap { URL(string: $0, relativeTo: base)?.absoluteURL.absoluteString }
    }
}

/// RSS and Atom feeds: item dates only, never the channel's `lastBuildDate` (it changes on any
/// settings save and says nothing about content).
enum FeedReader {
    static func looksLikeFeed(_ page: Page) -> Bool {
        if let type = page.mediaType, ["xml", "rss", "atom"].contains(where: { ASCIIText.contains(type, $0) }) { return true }
        var start = page.body.prefix(512)[...]
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        let trimmed = start.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return [Array("<?xml".utf8), Array("<rss".utf8), Array("<feed".utf8)].contains { trimmed.starts(with: $0) }
    }

    /// Item dates: `item/pubDate` and `item/dc:date` in RSS and RDF, `entry/published` and
    /// `entry/updated` in Atom, at any depth. Read in one pass without a tree (a sitemap is XML
    /// too, and a large one would cost tens of megabytes as a tree).
    static func dates(in page: Page, parser: IndonesianDateParser) -> [ContentDate] {
        let scan = XMLScanner.scan(page.body, parents: ["item", "entry"], names: ["pubDate", "date", "published", "updated"])
        let source: DateSource
        let parent: String
        switch scan.root {
        case "rss", "rdf":
            (source, parent) = (.rss, "item")
        case "feed":
            (source, parent) = (.atom, "entry")
        default:
            return []
        }
        let wanted: Set<String> = source == .rss ? ["pubDate", "date"] : ["published", "updated"]
        return scan.items.compactMap { item in
            guard item.parent == parent, wanted.contains(item.name) else { return nil }
            return parser.parse(item.text).map { ContentDate(date: $0, source: source, url: page.url, snippet: item.text) }
        }
    }
}

/// `datePublished` / `dateModified` anywhere in a JSON-LD block (Yoast and Rank Math put them
/// in an `@graph`).
enum JSONLDDates {
    static let keys: Set<String> = ["datePublished", "dateModified"]

    static func values(in text: String) -> [String] {
        guard let data = text.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return [] }
        var found: [String] = []
        var stack: [Any] = [json]
        var visited = 0
        while let item = stack.popLast(), visited < 10_000 {
            visited += 1
            if let object = item as? [String: Any] {
                for (key, value) in object {
                    if keys.contains(key), let string = value as? String {
                        found.append(string)
                    } else {
                        stack.append(value)
                    }
                }
            } else if let array = item as? [Any] {
                stack.append(contentsOf: array)
            }
        }
        return found
    }
}

/// Dates in permalinks: WordPress `/2019/02/06/slug/` and OpenSID `/artikel/2019/2/6/slug`.
enum DatedPath {
    /// A cheap test before URL parsing (pages carry hundreds of anchors): a `/19` or `/20` segment
    /// start (or `/10`, `/29`: the test is loose, never strict).
    static func mayContainDate(_ href: String) -> Bool {
        if let answer = href.utf8.withContiguousStorageIfAvailable(mayContainDate) { return answer }
        return Array(href.utf8).withUnsafeBufferPointer(mayContainDate)
    }

    private static func mayContainDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for index in 0..<(bytes.count - 2) where bytes[index] == 0x2F {
            let century = bytes[index + 1], decade = bytes[index + 2]
            if century == 0x31 || century == 0x32, decade == 0x39 || decade == 0x30 { return true }
        }
        return false
    }

    static func date(in url: String) -> CalendarDate? {
        if !url.utf8.contains(where: { $0 == 0x23 || $0 == 0x25 }), let parts = URLResolver.hostAndPath(ofNormalized: url) {
            return date(inPath: parts.pathAndQuery)
        }
        guard let components = URLComponents(string: url) else { return nil }
        return date(inPath: components.path[...])
    }

    /// The date in a path (a query after it is ignored), read byte by byte: this runs for every
    /// dated-looking anchor of every page.
    static func date(inPath pathAndQuery: Substring) -> CalendarDate? {
        var text = pathAndQuery
        return text.withUTF8 { bytes in
            let end = bytes.firstIndex(of: 0x3F) ?? bytes.count
            // The last four non-empty segments seen, as ranges: no copy of the path, no array.
            var window = (0..<0, 0..<0, 0..<0, 0..<0)
            var seen = 0
            var start = 0
            while start < end {
                var stop = start
                while stop < end, bytes[stop] != 0x2F { stop += 1 }
                if stop > start {
                    window = (window.1, window.2, window.3, start..<stop)
                    seen += 1
                    if seen >= 4, let date = date(bytes, window) { return date }
                }
                start = stop + 1
            }
            return nil
        }
    }

    /// `year/month/day/slug` in four consecutive segments.
    private static func date(_ bytes: UnsafeBufferPointer<UInt8>,
                             _ segments: (Range<Int>, Range<Int>, Range<Int>, Range<Int>)) -> CalendarDate? {
        let part = { (range: Range<Int>) in UnsafeBufferPointer(rebasing: bytes[range]) }
        guard segments.0.count == 4, let year = number(part(segments.0)), IndonesianDateParser.plausibleYears.contains(year),
              (1...2).contains(segments.1.count), let month = number(part(segments.1)),
              (1...2).contains(segments.2.count), let day = number(part(segments.2)) else { return nil }
        // A slug must follow: `/2019/02/06/` alone is a day archive, `/page/2` a listing.
        let slug = part(segments.3)
        guard number(slug) == nil, !slug.elementsEqual("page".utf8) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The value of a segment of ASCII digits only (what `Int(String)` accepts, less the sign).
    private static func number(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

/// Substring tests on strings that are nearly always ASCII (media types, URLs), by bytes: for an
/// ASCII string and an ASCII needle Foundation's `contains` (which compares composed characters)
/// gives the same answer; any other string is left to Foundation.
enum ASCIIText {
    /// `text.contains(needle)`, or `text.lowercased().contains(needle)` when `lowercased` (the
    /// needle is then lowercase).
    static func contains(_ text: String, lowercased: Bool = false, _ needle: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return (lowercased ? text.lowercased() : text).contains(needle) }
        let bytes = Array(text.utf8), target = Array(needle.utf8)
        guard bytes.count >= target.count else { return false }
        if target.isEmpty { return text.contains(needle) }
        let fold = { (byte: UInt8) in lowercased && byte &- 0x41 < 26 ? byte | 0x20 : byte }
        return (0...(bytes.count - target.count)).contains { start in
            target.indices.allSatisfy { fold(bytes[start + $0]) == target[$0] }
        }
    }
}
