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
    /// Every distinct link found on the site's pages, with its verdict, stored compactly.
    public var checkedLinks: SiteLinks
    /// What the crawl noticed about the site besides link verdicts (soft 404s, missing fragment
    /// targets, TLS and https problems, crawler traps), in the order noticed.
    public var observations: [CrawlObservation]

    /// Every distinct link found on the site's pages, with its verdict, sorted by URL: made on
    /// each call (76,000 reports on a 50,000-page site), for tests and small sites. Inspectors
    /// read ``checkedLinks``.
    public var links: [LinkReport] { checkedLinks.all }

    public init(institution: Institution, auditDate: CalendarDate, reachable: Bool, unreachableReason: String?,
                pagesCrawled: Int, checkedLinks: SiteLinks, observations: [CrawlObservation] = []) {
        self.institution = institution
        self.auditDate = auditDate
        self.reachable = reachable
        self.unreachableReason = unreachableReason
        self.pagesCrawled = pagesCrawled
        self.checkedLinks = checkedLinks
        self.observations = observations
    }

    /// A summary from a plain list of link reports (rule examples, tests).
    public init(institution: Institution, auditDate: CalendarDate, reachable: Bool, unreachableReason: String?,
                pagesCrawled: Int, links: [LinkReport], observations: [CrawlObservation] = []) {
        self.init(institution: institution, auditDate: auditDate, reachable: reachable,
                  unreachableReason: unreachableReason, pagesCrawled: pagesCrawled,
                  checkedLinks: SiteLinks(links), observations: observations)
    }
}

/// The verdicts on one site's distinct links, in the space their readers need.
///
/// Nearly every link of a big site is OK: a 50,000-page site has 76,000 distinct links and 1,000
/// broken ones. Its readers need the links that are not OK in full (LinkHealth lists them with
/// their referrers), counts (the `--bench-result` line), and the verdicts of a few URLs
/// (Openness explains a missing section by its broken links). So a link that is not OK is a whole
/// ``LinkReport``; an OK one is a bit by its id in the crawl's ``URLTable`` (shared with the crawl,
/// not copied), plus its status and redirect chain when they are not a plain 200. A list of
/// ``LinkReport`` cost ~180 bytes per link, and a dictionary over it for lookups ~260 more.
public struct SiteLinks: Sendable {
    /// Names the OK links.
    private var urls: URLTable
    /// Bit `id` set when URL `id` is a linked URL whose verdict is OK.
    private var ok = BitSet()
    /// Bit `id` set when OK URL `id` is on the institution's own site.
    private var internalOK = BitSet()
    /// Status and chain of the OK links that are not a plain 200 without redirects.
    private var okDetails: [Int32: OKDetail] = [:]
    /// The links that are not OK, in the order added.
    public private(set) var notOK: [LinkReport] = []
    /// Index in ``notOK`` by URL; the first report of a URL wins.
    private var notOKIndex: [String: Int] = [:]
    /// Number of links (OK or not).
    public private(set) var count = 0

    private struct OKDetail: Sendable {
        var status: Int?
        var redirectChain: [String]
    }

    /// No links yet; OK links will be named by ids of `urls`.
    public init(urls: URLTable = URLTable()) {
        self.urls = urls
    }

    /// The links of `reports` (any order; a URL given twice is counted twice and the first
    /// report wins lookups, as a dictionary built with `uniquingKeysWith: { first, _ in first }`).
    public init(_ reports: [LinkReport]) {
        self.init()
        for report in reports {
            if report.verdict == .ok, report.referrers.isEmpty, urls.id(of: report.url) == nil,
               notOKIndex[report.url] == nil {
                let id = urls.intern(report.url)
                addOK(id: id, status: report.status, redirectChain: report.redirectChain, isInternal: report.isInternal)
            } else {
                add(report)
            }
        }
    }

    /// Adds the OK link to URL `id` of the table given at `init`.
    public mutating func addOK(id: Int32, status: Int?, redirectChain: [String], isInternal: Bool) {
        ok.insert(id)
        if isInternal { internalOK.insert(id) }
        if status != 200 || !redirectChain.isEmpty {
            okDetails[id] = OKDetail(status: status, redirectChain: redirectChain)
        }
        count += 1
    }

    /// Adds a link in full (any verdict; the crawl gives those that are not OK).
    public mutating func add(_ report: LinkReport) {
        if notOKIndex[report.url] == nil { notOKIndex[report.url] = notOK.count }
        notOK.append(report)
        count += 1
    }

    /// The number of links whose verdict is `verdict`.
    public func count(of verdict: LinkVerdict) -> Int {
        let full = notOK.reduce(0) { $0 + ($1.verdict == verdict ? 1 : 0) }
        return verdict == .ok ? full + ok.count : full
    }

    /// The report on the link to `url` (absolute, fragment removed, as checked), or nil when no
    /// page of the site links to it.
    public func link(for url: String) -> LinkReport? {
        if let id = urls.id(of: url), ok.contains(id) { return okReport(id, url: url) }
        return notOKIndex[url].map { notOK[$0] }
    }

    /// Every link, sorted by URL (made on each call).
    public var all: [LinkReport] {
        var reports = notOK
        reports.reserveCapacity(count)
        for id in ok.members { reports.append(okReport(id, url: urls[id])) }
        return reports.sorted { $0.url < $1.url }
    }

    private func okReport(_ id: Int32, url: String) -> LinkReport {
        let detail = okDetails[id]
        return LinkReport(url: url, verdict: .ok, status: detail.map(\.status) ?? 200, error: nil,
                          redirectChain: detail?.redirectChain ?? [], referrers: [], isInternal: internalOK.contains(id))
    }
}

/// A set of small non-negative ids (URL ids of a ``URLTable``), one bit each.
public struct BitSet: Sendable {
    private var words: [UInt64] = []
    /// Number of ids in the set.
    public private(set) var count = 0

    public init() {}

    public func contains(_ id: Int32) -> Bool {
        let word = Int(id) >> 6
        return word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
    }

    public mutating func insert(_ id: Int32) {
        let word = Int(id) >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        let bit: UInt64 = 1 << UInt64(id & 63)
        if words[word] & bit == 0 { count += 1 }
        words[word] |= bit
    }

    public mutating func remove(_ id: Int32) {
        let word = Int(id) >> 6
        guard word < words.count else { return }
        let bit: UInt64 = 1 << UInt64(id & 63)
        if words[word] & bit != 0 { count -= 1 }
        words[word] &= ~bit
    }

    /// The ids in the set, ascending.
    public var members: [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(count)
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                ids.append(Int32(index << 6 + rest.trailingZeroBitCount))
                rest &= rest - 1
            }
        }
        return ids
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
