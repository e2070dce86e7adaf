import PantauCore
import PantauHTTPServer

/// The built-in demo district: 65 fictional government sites of "Kabupaten Sukamaju" with planted
/// freshness, openness and link faults, and the ground truth that says what an audit must find.
///
/// Deterministic: the same `seed` and `auditDate` give byte-identical sites. All pages are rendered
/// in `init` (about 2,000 pages, a few megabytes); serving is a dictionary lookup. Hosts end in
/// `.test` (RFC 2606) and reach the demo server only through the crawler's resolve override.
public struct DemoDistrict: Sendable {
    public let seed: UInt64
    public let auditDate: CalendarDate
    public let districtName = DistrictRoster.districtName

    /// Sites in inventory order.
    private let sites: [RenderedSite]
    private let siteIndex: [String: Int]

    /// Renders the district as it looks on `auditDate` (pass today's date in WIB).
    public init(seed: UInt64 = 1, auditDate: CalendarDate) {
        self.seed = seed
        self.auditDate = auditDate
        let plans = DistrictPlanner(seed: seed, auditDate: auditDate).plans()
        let roster = plans.map(\.entry)
        sites = plans.map { plan in
            let content = SiteContentPlanner(plan: plan, seed: seed).make()
            return SiteRenderer(content: content, auditDate: auditDate,
                                directory: roster.filter { $0.type != .district }).render()
        }
        siteIndex = Dictionary(uniqueKeysWithValues: sites.enumerated().map { ($1.host, $0) })
    }

    /// Every site's host name, inventory order.
    public var hosts: [String] { sites.map(\.host) }

    /// The 65 institutions with home URLs `http://<host>:<port>/`.
    public func institutions(port: Int) -> [Institution] {
        sites.map { site in
            let e = site.content.plan.entry
            return Institution(id: e.id, name: e.name, type: e.type, url: "http://\(e.host):\(port)/")
        }
    }

    /// The planted answers, with URLs on `port`.
    public func groundTruth(port: Int) -> DemoGroundTruth {
        DemoGroundTruth(district: districtName, seed: seed, auditDate: auditDate,
                        aktifDays: DistrictPlanner.aktifDays, kurangAktifDays: DistrictPlanner.kurangAktifDays,
                        institutions: sites.map { truth(for: $0, port: port) })
    }

    /// Answers one request by `Host` and path, as the site's CMS would.
    ///
    /// The port printed in absolute links comes from the request's `Host` header (curl sends
    /// `host:port` for non-default ports). Unknown host → plain 404; methods other than GET and
    /// HEAD → 405 (the server drops the body of HEAD answers).
    public func response(for request: ServerRequest) -> ServerResponse {
        guard let index = siteIndex[request.host.lowercased()] else {
            return .text("Unknown host", status: 404)
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return ServerResponse(status: 405, headers: [("Allow", "GET, HEAD")], body: [])
        }
        let stored = sites[index].lookup(Self.normalisedTarget(request.path))
        return ServerResponse(status: stored.status, headers: stored.headers,
                              body: stored.body(port: Self.port(ofHostHeader: request.header("Host"))))
    }

    /// Every HTML page of every site: its URL on `port` and its body. For tests that want a
    /// district's worth of realistic markup (about 2,000 pages).
    public func htmlPages(port: Int) -> [(url: String, html: [UInt8])] {
        sites.flatMap { site in
            site.pages.map { page in
                ("http://\(site.host):\(port)\(page.path)", site.lookup(page.path).body(port: port))
            }
        }
    }

    /// The inventory for these sites (read by the inventory loader), URLs on `port`.
    public func inventoryYAML(port: Int) -> String {
        var yaml = "# Demo inventory: fictional sites served by `pantau demo` on 127.0.0.1.\n"
        yaml += "district: \(districtName)\ninstitutions:\n"
        for institution in institutions(port: port) {
            yaml += "  - id: \(institution.id)\n    name: \(institution.name)\n"
            yaml += "    type: \(institution.type.rawValue)\n    url: \(institution.url)\n"
        }
        return yaml
    }

    // MARK: Internals shared with the tests through the public surface

    static func normalisedTarget(_ target: String) -> String {
        var path = target
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            // Absolute-form request target (RFC 9112 §3.2.2): keep only path and query.
            let afterScheme = path.drop { $0 != "/" }.dropFirst(2)
            path = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        return path.isEmpty ? "/" : path
    }

    static func port(ofHostHeader header: String?) -> Int? {
        guard let header, !header.hasSuffix("]"), let colon = header.lastIndex(of: ":") else { return nil }
        return Int(header[header.index(after: colon)...])
    }

    /// Follows the site's own redirects (at most 5) and gives the final status of a link.
    private func finalStatus(of target: LinkTarget) -> Int {
        var host = target.host
        var path = target.path
        for _ in 0..<5 {
            guard let index = siteIndex[host] else { return 0 }
            let response = sites[index].lookup(path)
            guard (300..<400).contains(response.status),
                  let location = response.headers.first(where: { $0.name == "Location" })?.value else {
                return response.status
            }
            if location.hasPrefix("/") {
                path = location
            } else {
                let rest = location.dropFirst("http://".count)
                let slash = rest.firstIndex(of: "/") ?? rest.endIndex
                host = String(rest[..<slash].split(separator: ":").first ?? "")
                path = slash == rest.endIndex ? "/" : String(rest[slash...])
            }
        }
        return 0
    }

    private func truth(for site: RenderedSite, port: Int) -> DemoInstitutionTruth {
        let content = site.content
        let plan = content.plan
        let origin = "http://\(site.host):\(port)"
        var referrers: [LinkTarget: Set<String>] = [:]
        for page in site.pages {
            for link in Set(page.links) where finalStatus(of: link) == 404 {
                referrers[link, default: []].insert(page.path)
            }
        }
        let broken = referrers.keys.sorted().map { link in
            DemoBrokenLink(url: "http://\(link.host):\(port)\(link.path)", status: 404,
                           referrers: referrers[link]!.sorted().map { origin + $0 })
        }
        let newest = content.posts[0]
        let age = plan.latestPostDate.days(until: auditDate)
        let activity: ActivityClass = age <= DistrictPlanner.aktifDays ? .aktif
            : age <= DistrictPlanner.kurangAktifDays ? .kurangAktif : .tidakAktif
        return DemoInstitutionTruth(
            id: plan.entry.id, name: plan.entry.name, type: plan.entry.type, host: site.host, url: origin + "/",
            cms: plan.flavour.rawValue, pageCount: site.pages.count, latestPostDate: plan.latestPostDate,
            latestPostURL: origin + newest.path, latestPostDateText: newest.dateText, hasFeed: plan.hasFeed,
            activity: activity,
            sections: content.sections.map {
                DemoSectionTruth(id: $0.id.rawValue, title: $0.label, status: $0.status, url: $0.path.map { origin + $0 })
            },
            brokenLinks: broken,
            redirects: content.redirects.map { DemoRedirect(from: origin + $0.from, to: origin + $0.to, status: 301) })
    }
}
