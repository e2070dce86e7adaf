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
    /// Pages of this institution that link to `url`, sorted; empty for OK and SKIPPED links,
    /// which no report lists (a 50,000-page site has millions of link occurrences, nearly all to
    /// working pages: keeping them all cost the crawl ~4 bytes each, and ~16 more as strings here).
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
    /// What the crawl noticed about the site besides link verdicts (soft 404s, missing fragment
    /// targets, TLS and https problems, crawler traps), in the order noticed.
    public var observations: [CrawlObservation]

    public init(institution: Institution, auditDate: CalendarDate, reachable: Bool, unreachableReason: String?,
                pagesCrawled: Int, links: [LinkReport], observations: [CrawlObservation] = []) {
        self.institution = institution
        self.auditDate = auditDate
        self.reachable = reachable
        self.unreachableReason = unreachableReason
        self.pagesCrawled = pagesCrawled
        self.links = links
        self.observations = observations
    }
}

/// Something the crawl of one site noticed that is not a link verdict; rule plugins (LinkHealth)
/// turn observations into findings.
public struct CrawlObservation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A page answered 200 but is a "not found" page (it matches the site's answer to a URL
        /// that cannot exist, or its title or heading says so). `url` is the page.
        case softNotFound = "soft-404"
        /// A link `page#frag` points at an internal page with no element whose `id` or `name` is
        /// `frag`. `url` is the link as written (absolute, fragment kept), `referrer` the page.
        case missingFragment = "missing-fragment"
        /// The site is served over plain http and https is not offered (or not used by the
        /// inventory URL's redirect). `url` is the home page.
        case httpOnly = "http-only"
        /// The https certificate was refused (expired, untrusted, wrong name); `detail` holds the
        /// TLS library's reason. `url` is the URL that failed.
        case tlsProblem = "tls"
        /// An http URL redirected to https (noted, not a fault). `url` is the http URL.
        case httpsUpgrade = "https-upgrade"
        /// URLs were left out because they look like a crawler trap (calendar archives, session
        /// ids, endless query variants). `url` is one example; `detail` says which trap.
        case trap
    }

    public var kind: Kind
    public var url: String
    /// Human-readable detail (the reason, the matched title, the trap's name).
    public var detail: String
    /// The page where the problem was seen, when it is not `url` itself.
    public var referrer: String?

    public init(kind: Kind, url: String, detail: String, referrer: String? = nil) {
        self.kind = kind
        self.url = url
        self.detail = detail
        self.referrer = referrer
    }
}
