import Foundation

/// Recognises URLs that lead a crawler into an endless space of pages: calendar archives that
/// page forward forever, comment-reply and share variants of every post, session ids that make
/// every visit a new URL, and paths with ever more query variants.
///
/// Such URLs are not crawled (they are still checked as links when a page links to them). The
/// patterns come from the CMSs local governments run: WordPress (`?replytocom=`, `?share=`), The
/// Events Calendar and other calendar plugins (`?ical=`, `/calendar/2031/05/`, `?month=2031-05`),
/// PHP, Java and ASP session ids in URLs.
public struct CrawlTraps: Sendable {
    /// Which trap a URL fell into.
    public enum Trap: String, Sendable, Hashable, CaseIterable {
        case calendar = "calendar archive"
        case commentReply = "comment reply or share link"
        case sessionID = "session id in the URL"
        case queryVariants = "too many query variants of one path"
    }

    /// Distinct queries crawled per path (scheme, host and path); more are a trap.
    public let maxQueryVariantsPerPath: Int
    private var queriesByPath: [String: Set<String>] = [:]

    /// - Parameter maxQueryVariantsPerPath: distinct queries admitted per path (default 20: enough
    ///   for paginated lists and search filters, too few for an endless calendar).
    public init(maxQueryVariantsPerPath: Int = 20) {
        self.maxQueryVariantsPerPath = maxQueryVariantsPerPath
    }

    /// Query keys that name a session (compared lowercased).
    static let sessionKeys: Set<String> = ["phpsessid", "sid", "jsessionid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken", "zenid", "oscsid"]
    /// Query keys WordPress and its plugins add to every post.
    static let replyKeys: Set<String> = ["replytocom", "share", "like_comment", "unapproved"]
    /// Query keys of calendar plugins, trapped whatever their value.
    static let calendarKeys: Set<String> = ["ical", "outlook-ical", "tribe-bar-date", "eventdisplay", "tribe_eventcategory"]
    /// Query keys that hold a date in calendar navigation; trapped when the value names a month
    /// (`2031-05`). A year alone (`?tahun=2023`) is a document-list filter and is crawled.
    static let dateKeys: Set<String> = ["month", "bulan", "date", "tanggal", "cal", "calendar", "day", "hari"]
    /// Path segments under which `/YYYY/` or `/YYYY-MM` is calendar navigation, not a news archive.
    static let calendarSegments: Set<String> = ["calendar", "kalender", "events", "event", "agenda", "jadwal", "acara"]

    /// The trap `url` (absolute, normal form) falls into, or nil when it may be crawled. A URL
    /// that passes is counted against its path's query variants.
    public mutating func check(_ url: String) -> Trap? {
        guard let components = URLComponents(string: url) else { return nil }
        let path = components.percentEncodedPath
        if path.lowercased().contains(";jsessionid=") { return .sessionID }
        let segments = path.lowercased().split(separator: "/")
        for (index, segment) in segments.enumerated() where Self.calendarSegments.contains(String(segment)) {
            if let next = segments.dropFirst(index + 1).first, Self.looksLikeDate(next) { return .calendar }
        }
        guard let query = components.percentEncodedQuery else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = (parts[0].removingPercentEncoding ?? String(parts[0])).lowercased()
            let value = parts.count > 1 ? (parts[1].removingPercentEncoding ?? String(parts[1])) : ""
            if Self.sessionKeys.contains(key) || key.hasPrefix("aspsessionid") { return .sessionID }
            if Self.replyKeys.contains(key) { return .commentReply }
            if Self.calendarKeys.contains(key) { return .calendar }
            if Self.dateKeys.contains(key), Self.looksLikeDate(Substring(value), minimumDigits: 6) { return .calendar }
        }
        let pathKey = (components.host ?? "") + path
        if queriesByPath[pathKey]?.contains(query) == true { return nil }
        if queriesByPath[pathKey, default: []].count >= maxQueryVariantsPerPath { return .queryVariants }
        queriesByPath[pathKey, default: []].insert(query)
        return nil
    }

    /// `2031`, `2031-05`, `2031-05-01`, `203105`: four digits for a year, optionally followed by
    /// digits and dashes; at least `minimumDigits` digits in all.
    static func looksLikeDate(_ text: Substring, minimumDigits: Int = 4) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.filter({ $0 != UInt8(ascii: "-") }).count >= minimumDigits, bytes.count <= 10, bytes.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }) else { return false }
        let year = Int(String(decoding: bytes.prefix(4), as: UTF8.self)) ?? 0
        return (1900...2199).contains(year)
    }
}
