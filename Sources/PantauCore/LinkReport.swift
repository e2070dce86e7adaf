/// The verdict on one checked link (domain note §3).
public enum LinkVerdict: String, Codable, Sendable, CaseIterable {
    /// 2xx, possibly after redirects.
    case ok
    /// 4xx/5xx (other than the blocked statuses) or a definite transport failure.
    case broken
    /// The auditor was refused (401, 403, 999, a firewall challenge).
    case blocked
    /// Could not be decided now (timeout, rate-limited, host outside `--resolve` with `--only-resolved`).
    case unverified
    /// Not an HTTP link (mailto:, tel:, javascript:, data:).
    case skipped
}

/// The result of checking one distinct URL, with every page of the site that links to it.
public struct LinkReport: Sendable, Hashable, Codable {
    /// The absolute URL checked (fragment removed).
    public var url: String
    public var verdict: LinkVerdict
    /// Final HTTP status, when a response came.
    public var status: Int?
    /// Why the request failed, when no usable response came.
    public var error: String?
    /// Every URL visited before the final one, first request first (empty when there was no redirect).
    public var redirectChain: [String]
    /// Pages of this institution that link to `url`, sorted.
    public var referrers: [String]
    /// True when the link stays on the institution's own site.
    public var isInternal: Bool

    public init(url: String, verdict: LinkVerdict, status: Int?, error: String?, redirectChain: [String],
                referrers: [String], isInternal: Bool) {
        self.url = url
        self.verdict = verdict
        self.status = status
        self.error = error
        self.redirectChain = redirectChain
        self.referrers = referrers
        self.isInternal = isInternal
    }
}

/// What the crawl of one site produced, handed to every inspector's `finish`.
public struct SiteCrawlSummary: Sendable {
    public var institution: Institution
    /// The date the audit is judged on (`YYYY-MM-DD` in the district's time zone, WIB by default).
    public var auditDate: CalendarDate
    /// True when the home page answered with a 2xx (after redirects).
    public var reachable: Bool
    /// Why the home page could not be read, when it could not.
    public var unreachableReason: String?
    /// Number of HTML pages fetched and inspected.
    public var pagesCrawled: Int
    /// Every distinct link found on the site's pages, with its verdict.
    public var links: [LinkReport]

    public init(institution: Institution, auditDate: CalendarDate, reachable: Bool, unreachableReason: String?,
                pagesCrawled: Int, links: [LinkReport]) {
        self.institution = institution
        self.auditDate = auditDate
        self.reachable = reachable
        self.unreachableReason = unreachableReason
        self.pagesCrawled = pagesCrawled
        self.links = links
    }
}
