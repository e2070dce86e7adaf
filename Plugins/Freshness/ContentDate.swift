import PantauCore

/// Where a content date was read, strongest first (domain note §1).
public enum DateSource: String, Sendable, CaseIterable, Comparable {
    case rss
    case atom
    case jsonLD = "json-ld"
    case meta
    case time
    case url
    case text

    /// Lower is stronger.
    var strength: Int { DateSource.allCases.firstIndex(of: self)! }

    /// Structured sources name a piece of content by construction; visible text is only used
    /// when a site offers none (it is where the traps are: calendars, event dates, headers).
    public var isStructured: Bool { self != .text }

    public static func < (lhs: DateSource, rhs: DateSource) -> Bool { lhs.strength < rhs.strength }
}

/// One dated piece of content: a feed item, an article's metadata, a dated URL, a date in text.
public struct ContentDate: Sendable, Hashable {
    public var date: CalendarDate
    public var source: DateSource
    /// The page or feed the date was found on (for anchors: the dated URL itself).
    public var url: String
    /// What was read ("Wed, 06 Feb 2019 03:00:00 +0000", "Rabu, 6 Februari 2019").
    public var snippet: String

    public init(date: CalendarDate, source: DateSource, url: String, snippet: String) {
        self.date = date
        self.source = source
        self.url = url
        self.snippet = snippet
    }

    /// True when `self` should replace `other` as the site's newest content: a later day, or
    /// the same day from a stronger source.
    func supersedes(_ other: ContentDate) -> Bool {
        if date != other.date { return date > other.date }
        return source < other.source
    }
}
