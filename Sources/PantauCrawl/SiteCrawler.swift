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
    /// Where each link URL was seen, by URL id (`frontier.urls`). A 50,000-page site has 4.2
    /// million link occurrences: see ``LinkBook`` for what is kept of them.
    private var sightings = LinkBook()
    /// Results the crawl itself obtained, by the requested URL's id.
    private var known = LinkResults()
    /// Ids of pages that meta-refreshed: their result waits for the target's.
    private var refreshOrigins: Set<Int32> = []
    private var pagesCrawled = 0
    private var homeFailure: String?
    private var homeReached = false
    /// The home page's final URL (after HTTP redirects and meta refresh), once reached.
    private var homeFinalURL: String?
    /// What the crawl noticed besides link verdicts, in the order noticed.
    private var observations: [CrawlObservation] = []
    private var traps = CrawlTraps()
    /// URLs left out per trap; the first of each kind is reported as an observation.
    private var trapped: [CrawlTraps.Trap: Int] = [:]
    private var softNotFound = SoftNotFound(template: nil)
    /// Meta-refresh target → the URL whose page refreshed to it (the refresh is that URL's redirect).
    private var refreshedFrom: [String: String] = [:]
    private var fragments = FragmentCheck()
    private var sitemaps = SitemapReader()
    /// The conventional and robots.txt sitemap locations tried; what answers them is no page.
    private var sitemapCandidates: Set<String> = []

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
            return summary(reachable: false, reason: "invalid site URL '\(institution.url)'", links: SiteLinks())
        }
        scopeHosts.insert(host)
        let answered: Bool
        (robots, answered) = await fetchRobots(homeURL)
        if answered { softNotFound = await probeNotFound(homeURL) }
        frontier.push(FrontierItem(url: home, depth: 0, role: .home))
        for inspector in inspectors {
            for seed in inspector.seedRequests(home: home) {
                if let url = CrawlURL.resolve(seed, against: homeURL), isInScope(url) {
                    frontier.push(FrontierItem(url: url, depth: 1, role: .requested))
                }
            }
        }
        if answered {
            for url in sitemaps.candidates(home: homeURL, robots: robots.sitemaps) where isInScope(url) {
                sitemapCandidates.insert(url)
                frontier.push(FrontierItem(url: url, depth: 1, role: .requested))
            }
        }
        await crawl()
        await noteTransportSecurity(home: home)
        let links = await checkLinks()
        observations += fragments.missing(urls: frontier.urls, isInternal: isInScope)
        observations += trapObservations()
        return summary(reachable: homeReached, reason: homeReached ? nil : homeFailure, links: links)
    }

    private func summary(reachable: Bool, reason: String?, links: SiteLinks) -> SiteCrawlSummary {
        SiteCrawlSummary(institution: institution, auditDate: auditDate, reachable: reachable,
                         unreachableReason: reason, pagesCrawled: pagesCrawled, checkedLinks: links,
                         observations: observations)
    }

    // MARK: - Crawl loop

    private struct Fetched: Sendable {
        var item: FrontierItem
        var result: Result<FetchResponse, FetchError>
        /// The body parsed in the fetch's child task, when it is an HTML page.
        var parsed: ParsedPage?
    }

    private func crawl() async {
        let services = self.services
        let examiners = inspectors.map(\.examiner)
        let limit = max(1, services.limits.siteConcurrency)
        await withTaskGroup(of: Fetched.self) { group in
            var inFlight = 0
            while true {
                while inFlight < limit, !Task.isCancelled, let item = frontier.next() {
                    let request = FetchRequest(url: item.url, method: .get, maxBodyBytes: services.limits.maxPageBytes)
                    group.addTask {
                        let result = await services.fetcher.fetch(request)
                        // Parsing, link resolution and the examiners are most of a page's cost: done
                        // here, in the child task, they run on every core.
                        return Fetched(item: item, result: result,
                                       parsed: ParsedPage.parse(result, item: item, examiners: examiners))
                    }
                    inFlight += 1
                }
                guard let fetched = await group.next() else { break }
                inFlight -= 1
                await handle(fetched)
                settleIfOK(fetched.item.url)
            }
        }
    }

    private func handle(_ fetched: Fetched) async {
        let item = fetched.item
        switch fetched.result {
        case .failure(let error):
            let result = LinkCheckResult(error: error)
            await record(item.url, result)
            if item.role == .home {
                homeFailure = error.description
                if case .connectionFailed(let url, let reason) = error, Self.isCertificateProblem(reason) {
                    observations.append(CrawlObservation(kind: .tlsProblem, url: url, detail: reason))
                }
            }
        case .success(let response):
            let result = LinkCheckResult(response: response)
            await record(item.url, result)
            guard (200..<300).contains(response.status) else {
                if item.role == .home { homeFailure = "\(response.finalURL) answered HTTP \(response.status)" }
                return
            }
            guard let finalURL = ParsedPage.normalize(response.finalURL) else { return }
            if item.role == .home {
                homeReached = true
                homeFinalURL = finalURL
                if let host = CrawlURL.siteHost(of: finalURL) { scopeHosts.insert(host) }
            }
            if finalURL != item.url {
                // A redirect to a page already crawled (or about to be) must not be inspected twice.
                if frontier.hasSeen(finalURL) || !isInScope(finalURL) { return }
                frontier.markSeen(finalURL)
            }
            await inspect(response: response, finalURL: finalURL, item: item, parsed: fetched.parsed)
        }
    }

    /// Records the crawl's own result for `url`, and for the page that meta-refreshed to it.
    private func record(_ url: String, _ result: LinkCheckResult) async {
        let id = frontier.intern(url)
        known[id] = result
        // The checker names the URL by its fingerprint: no copy of the bytes.
        await services.linkChecker.record(fingerprint: frontier.urls.fingerprint(of: id), result)
        if let origin = refreshedFrom[url], let originID = frontier.urls.id(of: origin), known[originID]?.verdict == .ok {
            var chained = result
            chained.redirectChain = (known[originID]?.redirectChain ?? []) + [origin] + result.redirectChain
            known[originID] = chained
            await services.linkChecker.record(fingerprint: frontier.urls.fingerprint(of: originID), chained)
        }
    }

    /// Once the crawl's own verdict on `url` is a final OK, its referring pages are not needed:
    /// only links that are not OK list them (``LinkReport/referrers``). A page that refreshed to
    /// another keeps them: its verdict becomes its target's.
    private func settleIfOK(_ url: String) {
        guard let id = frontier.urls.id(of: url), known[id]?.verdict == .ok, !refreshOrigins.contains(id) else { return }
        sightings.settle(id)
    }

    private func inspect(response: FetchResponse, finalURL: String, item: FrontierItem, parsed: ParsedPage?) async {
        // The child task parsed and examined it at the same normal-form URL (it parses only HTML).
        let reused = parsed.flatMap { $0.finalURL == finalURL ? $0 : nil }
        let (mediaType, charset) = reused.map { ($0.page.mediaType, nil) } ?? MediaSniffing.contentType(response.headers)
        let isHTML = reused != nil || MediaSniffing.isHTML(mediaType: mediaType, body: response.body)
        if sitemapCandidates.contains(item.url) {
            // A guessed location answered: only a sitemap is of interest, not the HTML page some
            // sites send for every unknown path.
            guard !isHTML, readSitemap(response.body, url: finalURL) else { return }
        } else if !isHTML, item.role == .requested {
            readSitemap(response.body, url: finalURL)
        }
        let document = isHTML ? (reused?.page.document ?? HTMLDocument(bytes: response.body, url: finalURL, encoding: charset)) : nil
        if let document {
            if item.role != .home, let reason = softNotFound.reason(for: document) {
                await noteSoftNotFound(item: item, finalURL: finalURL, status: response.status, reason: reason)
                return
            }
            if await followMetaRefresh(document, finalURL: finalURL, item: item) { return }
        }
        if item.role == .home, let document { softNotFound.forgetTemplate(ifItMatches: document) }
        let page = reused?.page
            ?? ParsedPage.makePage(response, finalURL: finalURL, item: item, mediaType: mediaType, document: document)
        if let document {
            pagesCrawled += 1
            let pageID = frontier.intern(finalURL)
            fragments.addTargets(of: document, page: pageID)
            collectLinks(document, page: page, id: pageID)
        }
        guard let pageURL = URL(string: finalURL) else { return }
        for (index, inspector) in inspectors.enumerated() {
            let examined = reused.map { $0.examined[index] } ?? inspector.examiner?.examine(page)
            for wanted in inspector.inspect(page, examined: examined) {
                if let url = CrawlURL.resolve(wanted, against: pageURL), isInScope(url), !isBlockedByRobots(url) {
                    frontier.push(FrontierItem(url: url, depth: item.depth + 1, role: .requested))
                }
            }
        }
    }

    /// `rel` values of `<link>` that name no resource to check: hints to the browser, and
    /// XML-RPC endpoints that answer GET with 405 by design.
    private static let ignoredLinkRels: Set<String> = ["dns-prefetch", "preconnect", "pingback", "profile", "edituri"]

    private func collectLinks(_ document: HTMLDocument, page: Page, id: Int32) {
        guard let pageURL = URL(string: page.url) else { return }
        var base = pageURL
        if let href = document.baseHref, let resolved = CrawlURL.resolve(href, against: pageURL),
           let url = URL(string: resolved) {
            base = url
        }
        // Resolved once per page by the document (in the fetch's child task, for crawled pages);
        // the links the fast path cannot decide go through the full resolver.
        let absolute = document.absoluteLinks()
        for (index, link) in document.links().enumerated() {
            if link.kind == .otherLink, let rel = link.rel,
               rel.split(separator: " ").contains(where: { Self.ignoredLinkRels.contains(String($0)) }) {
                continue
            }
            if link.href.hasPrefix("#") {
                if link.kind == .anchor || link.kind == .area { fragments.addLink(link.href, target: id, referrer: id) }
                continue
            }
            guard let url = absolute[index] ?? CrawlURL.resolve(link.href, against: base) else { continue }
            let followable = link.kind == .anchor || link.kind == .area || link.kind == .frame
            // One hash lookup per link occurrence; the follow decision is made once per URL.
            let urlID = frontier.intern(url)
            let undecided = sightings.add(urlID, page: id, followable: followable)
            if link.kind == .feed, page.role == .home, isInScope(url), !isBlockedByRobots(url) {
                frontier.push(id: urlID, depth: page.depth + 1, role: .requested)
                continue
            }
            if followable, link.href.utf8.withContiguousStorageIfAvailable({ $0.contains(0x23) })
                ?? link.href.utf8.contains(UInt8(ascii: "#")) {
                fragments.addLink(link.href, target: urlID, referrer: id)
            }
            guard undecided else { continue }
            // Decided for good when seen, out of scope, a file or disallowed, or queued now; a trap
            // or a full frontier is asked again (each trapped sighting is counted).
            if frontier.hasSeen(id: urlID) || !isInScope(url) || CrawlURL.looksBinary(url) || isBlockedByRobots(url) {
                sightings.decideFollow(urlID)
                continue
            }
            guard !isTrap(url) else { continue }
            if frontier.push(id: urlID, depth: page.depth + 1, role: .crawled) {
                sightings.decideFollow(urlID)
            }
        }
    }

    // MARK: - Soft 404, meta refresh, sitemaps, traps

    /// Learns the site's answer to a URL that cannot exist (see ``SoftNotFound``). A site that
    /// answers with a 4xx, or with its home page, gives no template.
    private func probeNotFound(_ home: URL) async -> SoftNotFound {
        let path = SoftNotFound.probePath(seed: UInt64.random(in: 1...UInt64.max))
        guard let url = CrawlURL.resolve(path, against: home), !isBlockedByRobots(url),
              case .success(let response) = await services.fetcher.fetch(
                  FetchRequest(url: url, method: .get, maxBodyBytes: services.limits.maxPageBytes)),
              (200..<300).contains(response.status) else { return SoftNotFound(template: nil) }
        let (mediaType, charset) = MediaSniffing.contentType(response.headers)
        let landedHome = CrawlURL.normalize(response.finalURL).map { $0 == CrawlURL.normalize(home.absoluteString) } ?? false
        guard !landedHome, MediaSniffing.isHTML(mediaType: mediaType, body: response.body) else { return SoftNotFound(template: nil) }
        let document = HTMLDocument(bytes: response.body, url: response.finalURL, encoding: charset)
        return SoftNotFound(template: SoftNotFound.Fingerprint(document))
    }

    /// A soft 404 is a broken link target, not a page: recorded as BROKEN with status 200 and kept
    /// from the inspectors.
    private func noteSoftNotFound(item: FrontierItem, finalURL: String, status: Int, reason: String) async {
        let result = LinkCheckResult(verdict: .broken, status: status, error: "soft 404: \(reason)",
                                     redirectChain: frontier.urls.id(of: item.url).flatMap { known[$0] }?.redirectChain ?? [])
        await record(item.url, result)
        if finalURL != item.url { await record(finalURL, result) }
        observations.append(CrawlObservation(kind: .softNotFound, url: item.url, detail: reason))
    }

    /// Follows `<meta http-equiv=refresh content="N; url=...">` like a redirect: the target is
    /// queued in the page's place (same depth and role) and the page itself is not inspected.
    /// - Returns: true when the page is a refresh to another URL.
    private func followMetaRefresh(_ document: HTMLDocument, finalURL: String, item: FrontierItem) async -> Bool {
        guard let content = document.metas.first(where: { $0.httpEquiv?.lowercased() == "refresh" && $0.content != nil })?.content,
              let written = MetaRefresh.target(content), let base = URL(string: finalURL),
              let target = CrawlURL.resolve(written, against: base), target != finalURL, target != item.url,
              CrawlURL.scheme(of: target).map(CrawlURL.isSpecial) == true else { return false }
        if item.role == .home, let host = CrawlURL.siteHost(of: target) { scopeHosts.insert(host) }
        guard isInScope(target), !isBlockedByRobots(target) else { return false }
        refreshedFrom[target] = item.url
        refreshOrigins.insert(frontier.intern(item.url))
        if !frontier.push(FrontierItem(url: target, depth: item.depth, role: item.role)),
           let result = frontier.urls.id(of: target).flatMap({ known[$0] }) {
            await record(target, result) // already fetched: chain the refresh now
        }
        return true
    }

    /// Reads a requested XML resource as a sitemap, when it is one, and queues what it lists.
    /// - Returns: true when the body was a sitemap.
    @discardableResult
    private func readSitemap(_ body: [UInt8], url: String) -> Bool {
        guard let contents = sitemaps.read(body, maxBytes: services.limits.maxPageBytes), let base = URL(string: url) else { return false }
        // A sitemap lists thousands of absolute URLs: the byte-level resolver first, Foundation
        // only for what it declines (they agree where both decide).
        let resolver = URLResolver(base: url)
        let resolve = { (written: String) in resolver?.resolve(written) ?? CrawlURL.resolve(written, against: base) }
        for written in contents.sitemaps {
            if let next = resolve(written), isInScope(next), !isBlockedByRobots(next) {
                frontier.push(FrontierItem(url: next, depth: 1, role: .requested))
            }
        }
        for written in contents.pages {
            guard let next = resolve(written), isInScope(next), !CrawlURL.looksBinary(next),
                  !isBlockedByRobots(next), !frontier.hasSeen(next), !isTrap(next) else { continue }
            frontier.push(FrontierItem(url: next, depth: 1, role: .crawled))
        }
        return true
    }

    private var trapExamples: [CrawlTraps.Trap: String] = [:]

    /// True when `url` is a crawler trap; counts it for the site's trap observations.
    private func isTrap(_ url: String) -> Bool {
        guard let trap = traps.check(url) else { return false }
        trapped[trap, default: 0] += 1
        if trapExamples[trap] == nil { trapExamples[trap] = url }
        return true
    }

    /// One observation per trap kind met, with the number of URLs left out.
    private func trapObservations() -> [CrawlObservation] {
        CrawlTraps.Trap.allCases.compactMap { trap in
            guard let example = trapExamples[trap], let count = trapped[trap] else { return nil }
            return CrawlObservation(kind: .trap, url: example,
                                    detail: "\(count) URL(s) not crawled: \(trap.rawValue)")
        }
    }

    // MARK: - https and TLS

    /// Notes how the site uses https: an http home that redirects to https (noted), or one that
    /// stays on http, in which case `https://host/` is tried once: refused means https is not
    /// offered, a certificate failure is a TLS problem, an answer means https exists but http is
    /// not redirected to it. A probe that cannot be decided (not allowed, timed out) notes nothing.
    private func noteTransportSecurity(home: String) async {
        guard homeReached, let final = homeFinalURL, CrawlURL.scheme(of: home) == "http" else { return }
        if CrawlURL.scheme(of: final) == "https" {
            observations.append(CrawlObservation(kind: .httpsUpgrade, url: home, detail: "redirects to \(final)"))
            return
        }
        guard let host = URLComponents(string: final)?.host else { return }
        let secure = "https://\(host)/"
        switch await services.fetcher.fetch(FetchRequest(url: secure, method: .head)) {
        case .success(let response):
            observations.append(CrawlObservation(kind: .httpOnly, url: home,
                detail: "\(secure) answers (HTTP \(response.status)) but the site is served over plain http"))
        case .failure(.connectionFailed(_, let reason)) where Self.isCertificateProblem(reason):
            observations.append(CrawlObservation(kind: .tlsProblem, url: secure, detail: reason))
            observations.append(CrawlObservation(kind: .httpOnly, url: home,
                detail: "the site is served over plain http; its https certificate is refused"))
        case .failure(.connectionFailed(_, let reason)):
            observations.append(CrawlObservation(kind: .httpOnly, url: home,
                detail: "the site is served over plain http; https is not offered (\(reason))"))
        case .failure:
            return
        }
    }

    /// True when a connection failure names the certificate (libcurl's messages for
    /// CURLE_PEER_FAILED_VERIFICATION and friends: "SSL certificate problem: certificate has
    /// expired", "... self-signed certificate", "no alternative certificate subject name matches").
    static func isCertificateProblem(_ reason: String) -> Bool {
        let lowered = reason.lowercased()
        return lowered.contains("certificate") || lowered.contains("ssl peer") || lowered.contains("issuer")
    }

    // MARK: - Links

    private func checkLinks() async -> SiteLinks {
        let urls = frontier.urls
        // In order of first sight: the URL bytes are read back from the table's log in the order
        // they were written. The reports are sorted by URL below.
        let linked = sightings.linkedIDs()
        var toCheck: [Int32] = []
        for id in linked where known[id] == nil {
            let url = urls[id]
            if let scheme = CrawlURL.scheme(of: url), scheme != "http", scheme != "https" {
                known[id] = .skipped("\(scheme): link")
            } else if isInScope(url), isBlockedByRobots(url) {
                known[id] = .skipped("disallowed by robots.txt")
            } else {
                toCheck.append(id)
            }
        }
        let checker = services.linkChecker
        let limit = max(1, services.limits.linkCheckConcurrency)
        await withTaskGroup(of: (Int32, LinkCheckResult).self) { group in
            var next = 0
            var inFlight = 0
            while true {
                while inFlight < limit, next < toCheck.count, !Task.isCancelled {
                    let id = toCheck[next]
                    let url = urls[id]
                    let fingerprint = urls.fingerprint(of: id)
                    next += 1
                    inFlight += 1
                    group.addTask { (id, await checker.check(url, fingerprint: fingerprint)) }
                }
                guard let (id, result) = await group.next() else { break }
                inFlight -= 1
                known[id] = result
            }
        }
        // OK links stay ids of the crawl's table; the rest become whole reports, sorted by URL.
        var links = SiteLinks(urls: urls)
        var notOK: [(id: Int32, url: String, result: LinkCheckResult)] = []
        for id in linked {
            let url = urls[id]
            let result = known[id] ?? LinkCheckResult(verdict: .unverified, status: nil,
                                                      error: "not checked: the audit was stopped", redirectChain: [])
            if result.verdict == .ok {
                links.addOK(id: id, status: result.status, redirectChain: result.redirectChain, isInternal: isInScope(url))
            } else {
                notOK.append((id, url, result))
            }
        }
        // Referring pages for the links a report can show (not OK, not skipped), gathered in one
        // pass over the sightings; each page's URL is made once, however many such links it holds.
        let referring = sightings.referrers(of: notOK.filter { $0.result.verdict != .skipped }.map(\.id))
        var pageNames: [Int32: String] = [:]
        for (id, url, result) in notOK.sorted(by: { $0.url < $1.url }) {
            let referrers = (referring[id] ?? []).map { page in
                if let name = pageNames[page] { return name }
                let name = urls[page]
                pageNames[page] = name
                return name
            }.sorted()
            links.add(LinkReport(url: url, verdict: result.verdict, status: result.status, error: result.error,
                                 redirectChain: result.redirectChain, referrers: referrers, isInternal: isInScope(url)))
        }
        return links
    }

    // MARK: - Scope and robots.txt

    private func isInScope(_ url: String) -> Bool {
        if let host = URLResolver.hostAndPath(ofNormalized: url)?.host {
            return scopeHosts.contains(host.hasPrefix("www.") ? String(host.dropFirst(4)) : String(host))
        }
        guard let host = CrawlURL.siteHost(of: url) else { return false }
        return scopeHosts.contains(host)
    }

    private func isBlockedByRobots(_ url: String) -> Bool {
        if let path = URLResolver.hostAndPath(ofNormalized: url)?.pathAndQuery { return !robots.allows(String(path)) }
        guard let components = URLComponents(string: url) else { return false }
        var path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { path += "?" + query }
        return !robots.allows(path)
    }

    /// robots.txt per RFC 9309 §2.3.1: 2xx parsed, 4xx allows all, 5xx or unreachable disallows
    /// all. The home page itself is always fetched: the inventory names it explicitly.
    /// - Returns: the rules, and whether the host answered at all (any HTTP status).
    private func fetchRobots(_ home: URL) async -> (RobotsTxt, answered: Bool) {
        guard let url = CrawlURL.resolve("/robots.txt", against: home) else { return (.allowAll, false) }
        let token = services.limits.userAgentToken
        switch await services.fetcher.fetch(FetchRequest(url: url, method: .get, maxBodyBytes: 512 * 1024)) {
        case .success(let response):
            switch response.status {
            case 200..<300: return (RobotsTxt(text: String(decoding: response.body, as: UTF8.self), userAgentToken: token), true)
            case 400..<500: return (.allowAll, true)
            default: return (.disallowAll, true)
            }
        case .failure:
            return (.disallowAll, false)
        }
    }
}
