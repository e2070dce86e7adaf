import Foundation
import PantauCore
import PantauFetch
import PantauHTML

/// Limits of one site's crawl.
public struct CrawlLimits: Sendable {
    /// Crawled pages per site, the home page included.
    public var maxPages: Int
    /// Link depth from the home page.
    public var maxDepth: Int
    /// Longer URLs are not followed (crawler-trap guard), in characters.
    public var maxURLLength: Int
    /// Body cap for pages, in bytes.
    public var maxPageBytes: Int
    /// Fetches of one site in flight at once.
    public var siteConcurrency: Int
    /// Link checks of one site in flight at once (each still takes a host permit).
    public var linkCheckConcurrency: Int
    /// The robots.txt product token (RFC 9309 §2.2.1).
    public var userAgentToken: String

    public init(maxPages: Int = 500, maxDepth: Int = 10, maxURLLength: Int = 2048, maxPageBytes: Int = 5 << 20,
                siteConcurrency: Int = 4, linkCheckConcurrency: Int = 8, userAgentToken: String = "pantau") {
        self.maxPages = maxPages
        self.maxDepth = maxDepth
        self.maxURLLength = maxURLLength
        self.maxPageBytes = maxPageBytes
        self.siteConcurrency = siteConcurrency
        self.linkCheckConcurrency = linkCheckConcurrency
        self.userAgentToken = userAgentToken
    }
}

/// The run-wide things a site crawl uses: polite fetching and the link-check cache.
public struct CrawlServices: Sendable {
    public var fetcher: PoliteFetcher
    public var linkChecker: LinkChecker
    public var limits: CrawlLimits

    public init(fetcher: PoliteFetcher, limits: CrawlLimits) {
        self.fetcher = fetcher
        self.linkChecker = LinkChecker(fetcher: fetcher)
        self.limits = limits
    }
}

/// Crawls one institution's site and feeds every page to the site's inspectors.
///
/// Lives inside that site's task: the frontier, the parsed pages and the inspectors are owned
/// here and never shared. Fetches run as child tasks, at most `siteConcurrency` at once; parsing
/// and inspection happen in this task as the responses arrive.
public final class SiteCrawler {
    private let institution: Institution
    private let auditDate: CalendarDate
    private let services: CrawlServices
    private let inspectors: [any SiteInspector]

    private var frontier: Frontier
    private var scopeHosts: Set<String> = []
    private var robots = RobotsTxt.allowAll
    /// Link URL → pages that link to it.
    private var referrers: [String: Set<String>] = [:]
    /// Results the crawl itself obtained, by requested URL.
    private var known: [String: LinkCheckResult] = [:]
    private var pagesCrawled = 0
    private var homeFailure: String?
    private var homeReached = false

    public init(institution: Institution, auditDate: CalendarDate, services: CrawlServices,
                inspectors: [any SiteInspector]) {
        self.institution = institution
        self.auditDate = auditDate
        self.services = services
        self.inspectors = inspectors
        let limits = services.limits
        frontier = Frontier(maxPages: limits.maxPages, maxDepth: limits.maxDepth, maxURLLength: limits.maxURLLength)
    }

    /// Crawls, checks every link found, and returns what the inspectors' `finish` needs.
    public func run() async -> SiteCrawlSummary {
        guard let home = CrawlURL.normalize(institution.url), let homeURL = URL(string: home),
              let host = CrawlURL.siteHost(of: home) else {
            return summary(reachable: false, reason: "invalid site URL '\(institution.url)'", links: [])
        }
        scopeHosts.insert(host)
        robots = await fetchRobots(homeURL)
        frontier.push(FrontierItem(url: home, depth: 0, role: .home))
        for inspector in inspectors {
            for seed in inspector.seedRequests(home: home) {
                if let url = CrawlURL.resolve(seed, against: homeURL), isInScope(url) {
                    frontier.push(FrontierItem(url: url, depth: 1, role: .requested))
                }
            }
        }
        await crawl()
        let links = await checkLinks()
        return summary(reachable: homeReached, reason: homeReached ? nil : homeFailure, links: links)
    }

    private func summary(reachable: Bool, reason: String?, links: [LinkReport]) -> SiteCrawlSummary {
        SiteCrawlSummary(institution: institution, auditDate: auditDate, reachable: reachable,
                         unreachableReason: reason, pagesCrawled: pagesCrawled, links: links)
    }

    // MARK: - Crawl loop

    private struct Fetched: Sendable {
        var item: FrontierItem
        var result: Result<FetchResponse, FetchError>
    }

    private func crawl() async {
        let services = self.services
        let limit = max(1, services.limits.siteConcurrency)
        await withTaskGroup(of: Fetched.self) { group in
            var inFlight = 0
            while true {
                while inFlight < limit, !Task.isCancelled, let item = frontier.next() {
                    let request = FetchRequest(url: item.url, method: .get, maxBodyBytes: services.limits.maxPageBytes)
                    group.addTask { Fetched(item: item, result: await services.fetcher.fetch(request)) }
                    inFlight += 1
                }
                guard let fetched = await group.next() else { break }
                inFlight -= 1
                await handle(fetched)
            }
        }
    }

    private func handle(_ fetched: Fetched) async {
        let item = fetched.item
        switch fetched.result {
        case .failure(let error):
            let result = LinkCheckResult(error: error)
            known[item.url] = result
            await services.linkChecker.record(item.url, result)
            if item.role == .home { homeFailure = error.description }
        case .success(let response):
            let result = LinkCheckResult(response: response)
            known[item.url] = result
            await services.linkChecker.record(item.url, result)
            guard (200..<300).contains(response.status) else {
                if item.role == .home { homeFailure = "\(response.finalURL) answered HTTP \(response.status)" }
                return
            }
            guard let finalURL = CrawlURL.normalize(response.finalURL) else { return }
            if item.role == .home {
                homeReached = true
                if let host = CrawlURL.siteHost(of: finalURL) { scopeHosts.insert(host) }
            }
            if finalURL != item.url {
                // A redirect to a page already crawled (or about to be) must not be inspected twice.
                if frontier.hasSeen(finalURL) || !isInScope(finalURL) { return }
                frontier.markSeen(finalURL)
            }
            inspect(response: response, finalURL: finalURL, item: item)
        }
    }

    private func inspect(response: FetchResponse, finalURL: String, item: FrontierItem) {
        let (mediaType, charset) = Self.contentType(response.headers)
        let headers = response.headers.map { HTTPHeader(name: $0.name, value: $0.value) }
        let isHTML = Self.isHTML(mediaType: mediaType, body: response.body)
        let document = isHTML ? HTMLDocument(bytes: response.body, url: finalURL, encoding: charset) : nil
        let page = Page(url: finalURL, requestedURL: item.url, status: response.status, headers: headers,
                        mediaType: mediaType, body: response.body, depth: item.depth, role: item.role,
                        document: document)
        if let document {
            pagesCrawled += 1
            collectLinks(document, page: page)
        }
        guard let pageURL = URL(string: finalURL) else { return }
        for inspector in inspectors {
            for wanted in inspector.inspect(page) {
                if let url = CrawlURL.resolve(wanted, against: pageURL), isInScope(url), !isBlockedByRobots(url) {
                    frontier.push(FrontierItem(url: url, depth: item.depth + 1, role: .requested))
                }
            }
        }
    }

    /// `rel` values of `<link>` that name no resource to check: hints to the browser, and
    /// XML-RPC endpoints that answer GET with 405 by design.
    private static let ignoredLinkRels: Set<String> = ["dns-prefetch", "preconnect", "pingback", "profile", "edituri"]

    private func collectLinks(_ document: HTMLDocument, page: Page) {
        guard let pageURL = URL(string: page.url) else { return }
        var base = pageURL
        if let href = document.baseHref, let resolved = CrawlURL.resolve(href, against: pageURL),
           let url = URL(string: resolved) {
            base = url
        }
        for link in document.links() {
            if link.kind == .otherLink, let rel = link.rel,
               rel.split(separator: " ").contains(where: { Self.ignoredLinkRels.contains(String($0)) }) {
                continue
            }
            if link.href.hasPrefix("#") { continue }
            guard let url = CrawlURL.resolve(link.href, against: base) else { continue }
            referrers[url, default: []].insert(page.url)
            let followable = link.kind == .anchor || link.kind == .area || link.kind == .frame
            guard followable, isInScope(url), !CrawlURL.looksBinary(url), !isBlockedByRobots(url) else { continue }
            frontier.push(FrontierItem(url: url, depth: page.depth + 1, role: .crawled))
        }
    }

    // MARK: - Links

    private func checkLinks() async -> [LinkReport] {
        var results = known
        var toCheck: [String] = []
        for url in referrers.keys where results[url] == nil {
            if let scheme = CrawlURL.scheme(of: url), scheme != "http", scheme != "https" {
                results[url] = .skipped("\(scheme): link")
            } else if isInScope(url), isBlockedByRobots(url) {
                results[url] = .skipped("disallowed by robots.txt")
            } else {
                toCheck.append(url)
            }
        }
        toCheck.sort()
        let checker = services.linkChecker
        let limit = max(1, services.limits.linkCheckConcurrency)
        await withTaskGroup(of: (String, LinkCheckResult).self) { group in
            var next = 0
            var inFlight = 0
            while true {
                while inFlight < limit, next < toCheck.count, !Task.isCancelled {
                    let url = toCheck[next]
                    next += 1
                    inFlight += 1
                    group.addTask { (url, await checker.check(url)) }
                }
                guard let (url, result) = await group.next() else { break }
                inFlight -= 1
                results[url] = result
            }
        }
        return referrers.keys.sorted().map { url in
            let result = results[url] ?? LinkCheckResult(verdict: .unverified, status: nil,
                                                          error: "not checked: the audit was stopped", redirectChain: [])
            return LinkReport(url: url, verdict: result.verdict, status: result.status, error: result.error,
                              redirectChain: result.redirectChain, referrers: referrers[url, default: []].sorted(),
                              isInternal: isInScope(url))
        }
    }

    // MARK: - Scope and robots.txt

    private func isInScope(_ url: String) -> Bool {
        guard let host = CrawlURL.siteHost(of: url) else { return false }
        return scopeHosts.contains(host)
    }

    private func isBlockedByRobots(_ url: String) -> Bool {
        guard let components = URLComponents(string: url) else { return false }
        var path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { path += "?" + query }
        return !robots.allows(path)
    }

    /// robots.txt per RFC 9309 §2.3.1: 2xx parsed, 4xx allows all, 5xx or unreachable disallows
    /// all. The home page itself is always fetched: the inventory names it explicitly.
    private func fetchRobots(_ home: URL) async -> RobotsTxt {
        guard let url = CrawlURL.resolve("/robots.txt", against: home) else { return .allowAll }
        let token = services.limits.userAgentToken
        switch await services.fetcher.fetch(FetchRequest(url: url, method: .get, maxBodyBytes: 512 * 1024)) {
        case .success(let response):
            switch response.status {
            case 200..<300: return RobotsTxt(text: String(decoding: response.body, as: UTF8.self), userAgentToken: token)
            case 400..<500: return .allowAll
            default: return .disallowAll
            }
        case .failure:
            return .disallowAll
        }
    }

    // MARK: - Content type

    /// Media type (lowercased, no parameters) and charset of a response.
    static func contentType(_ headers: [(name: String, value: String)]) -> (String?, String?) {
        guard let value = headers.last(where: { $0.name.lowercased() == "content-type" })?.value else { return (nil, nil) }
        let parts = value.split(separator: ";")
        let type = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var charset: String?
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                charset = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return (type, charset)
    }

    /// Only HTML is parsed as HTML, whatever else a server claims: the header says so, or (with
    /// no or a generic header) the body starts like an HTML document.
    static func isHTML(mediaType: String?, body: [UInt8]) -> Bool {
        switch mediaType {
        case "text/html", "application/xhtml+xml": return true
        case nil, "application/octet-stream", "text/plain":
            let prefix = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
            return prefix.contains("<!doctype html") || prefix.contains("<html")
        default: return false
        }
    }
}
