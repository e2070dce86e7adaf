import Foundation
import PantauCore
import PantauDemo
import PantauHTTPServer
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The demo district's promise: its ground truth is what the served sites really contain. These
// tests check the truth against the sites from the outside, by crawling them through
// `DemoDistrict.response(for:)` and reading links with a plain href/src scan.

private let auditDate = CalendarDate(year: 2026, month: 12, day: 1)!
private let port = 8090
private let district = DemoDistrict(seed: 1, auditDate: auditDate)
private let truth = district.groundTruth(port: port)
private let crawl = DistrictCrawl(district: district, truth: truth, port: port)

/// A fetched URL as the tests see it.
private struct Fetched: Sendable {
    var status: Int
    var location: String?
    var contentType: String?
    var body: String
}

/// Answers one absolute demo URL through the district's handler, as the server would.
private func fetch(_ district: DemoDistrict, _ url: String) -> Fetched {
    let parsed = DemoURL(url)!
    let response = district.response(for: ServerRequest(
        method: "GET", host: parsed.host, path: parsed.path, headers: [("Host", "\(parsed.host):\(parsed.port)")]))
    func header(_ name: String) -> String? { response.headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    return Fetched(status: response.status, location: header("Location"), contentType: header("Content-Type"),
                   body: String(decoding: response.body, as: UTF8.self))
}

/// `http://host:port/path` split into parts; nil for anything else.
private struct DemoURL: Hashable {
    var host: String
    var port: Int
    var path: String

    init?(_ text: String) {
        guard text.hasPrefix("http://") else { return nil }
        let rest = text.dropFirst(7)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash].split(separator: ":")
        guard authority.count == 2, let port = Int(authority[1]) else { return nil }
        host = String(authority[0])
        self.port = port
        path = slash == rest.endIndex ? "/" : String(rest[slash...])
    }

    var string: String { "http://\(host):\(port)\(path)" }
}

/// Every `href="…"` and `src="…"` value in a page (the demo quotes all attributes with `"`).
private func linkValues(_ html: String) -> [String] {
    var values: [String] = []
    let bytes = Array(html.utf8)
    let markers = [Array(" href=\"".utf8), Array(" src=\"".utf8)]
    var i = 0
    while i < bytes.count {
        var matched: [UInt8]?
        if bytes[i] == UInt8(ascii: " ") {
            for marker in markers where i + marker.count <= bytes.count && bytes[i..<(i + marker.count)].elementsEqual(marker) {
                matched = marker
            }
        }
        if let marker = matched {
            let start = i + marker.count
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
            values.append(String(decoding: bytes[start..<end], as: UTF8.self))
            i = end
        } else {
            i += 1
        }
    }
    return values
}

/// Resolves a link value against its page; nil for links a crawler skips (`#`, mailto:, tel:).
private func resolve(_ value: String, on page: DemoURL) -> String?? {
    if value == "#" || value.hasPrefix("mailto:") || value.hasPrefix("tel:") { return .some(nil) }
    if value.hasPrefix("http://") { return .some(value) }
    if value.hasPrefix("/") { return .some("http://\(page.host):\(page.port)\(value)") }
    return .none // a form the demo should never print
}

/// Text between `open` (first occurrence) and the next `close`, tags stripped, split into words.
private func words(in html: String, between open: String, and close: String) -> [String] {
    guard let start = html.range(of: open), let end = html.range(of: close, range: start.upperBound..<html.endIndex) else {
        return []
    }
    var text = ""
    var inTag = false
    for ch in html[start.upperBound..<end.lowerBound] {
        if ch == "<" { inTag = true } else if ch == ">" { inTag = false; text.append(" ") } else if !inTag { text.append(ch) }
    }
    return text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
}

/// Crawls every site from its home page, following same-host links of HTML pages (bounded).
private struct DistrictCrawl: Sendable {
    struct SitePages: Sendable {
        /// Page URL → body, for every HTML page that answered 200.
        var pages: [String: String] = [:]
        /// Page URL → the resolved links it carries.
        var links: [String: [String]] = [:]
        /// Link values the resolver did not understand, or links to hosts outside the demo.
        var oddLinks: [String] = []
    }

    var sites: [String: SitePages] = [:]

    init(district: DemoDistrict, truth: DemoGroundTruth, port: Int) {
        let demoHosts = Set(district.hosts)
        for institution in truth.institutions {
            var site = SitePages()
            var queue = [institution.url]
            var seen: Set<String> = [institution.url]
            var steps = 0
            while !queue.isEmpty && steps < 500 {
                steps += 1
                var url = queue.removeFirst()
                var response = fetch(district, url)
                var hops = 0
                while (300..<400).contains(response.status), let location = response.location, hops < 5 {
                    url = location.hasPrefix("/") ? "http://\(DemoURL(url)!.host):\(port)\(location)" : location
                    response = fetch(district, url)
                    hops += 1
                }
                guard response.status == 200, response.contentType?.hasPrefix("text/html") == true,
                      site.pages[url] == nil else { continue }
                site.pages[url] = response.body
                let page = DemoURL(url)!
                var resolved: [String] = []
                for value in linkValues(response.body) {
                    guard let result = resolve(value, on: page) else { site.oddLinks.append(value); continue }
                    guard let link = result else { continue }
                    guard let target = DemoURL(link), demoHosts.contains(target.host) else {
                        site.oddLinks.append(link)
                        continue
                    }
                    resolved.append(link)
                    if target.host == page.host && !seen.contains(link) {
                        seen.insert(link)
                        queue.append(link)
                    }
                }
                site.links[url] = resolved
            }
            sites[institution.id] = site
        }
    }
}

/// Final status of a URL after at most five redirects.
private func finalStatus(_ url: String) -> Int {
    var current = url
    for _ in 0..<5 {
        let response = fetch(district, current)
        guard (300..<400).contains(response.status), let location = response.location else { return response.status }
        current = location.hasPrefix("/") ? "http://\(DemoURL(current)!.host):\(port)\(location)" : location
    }
    return 0
}

@Suite struct DemoDistrictTests {
    @Test func sameSeedGivesIdenticalSitesAndTruth() throws {
        let again = DemoDistrict(seed: 1, auditDate: auditDate)
        #expect(again.groundTruth(port: port) == truth)
        #expect(again.inventoryYAML(port: port) == district.inventoryYAML(port: port))
        for site in crawl.sites.values {
            for (url, body) in site.pages {
                #expect(fetch(again, url).body == body, "\(url) differs between two districts of seed 1")
            }
        }
        let other = DemoDistrict(seed: 2, auditDate: auditDate)
        #expect(other.groundTruth(port: port) != truth)
    }

    @Test func rosterHasSixtyFiveInstitutionsOfTheRightTypes() {
        let institutions = district.institutions(port: port)
        #expect(institutions.count == 65)
        let count = { (type: InstitutionType) in institutions.filter { $0.type == type }.count }
        #expect(count(.district) == 1)
        #expect(count(.opd) == 31)
        #expect(count(.kecamatan) == 18)
        #expect(count(.kelurahan) == 15)
        #expect(Set(institutions.map(\.id)).count == 65)
        #expect(Set(district.hosts).count == 65)
        for institution in institutions {
            let url = DemoURL(institution.url)
            #expect(url?.port == port && url?.path == "/")
            #expect(url?.host == "sukamajukab.test" || url?.host.hasSuffix(".sukamajukab.test") == true)
        }
        #expect(district.hosts.contains("dinkes.sukamajukab.test"))
        #expect(district.hosts.contains { $0.hasPrefix("kecamatan") })
        #expect(district.hosts.contains { $0.hasPrefix("kel-") })
    }

    @Test func mixOfActivitySectionsAndBrokenLinksIsAsAdvertised() {
        let all = truth.institutions
        let activity = { (a: ActivityClass) in all.filter { $0.activity == a }.count }
        #expect((23...29).contains(activity(.aktif)))        // ~40 %
        #expect((13...19).contains(activity(.kurangAktif)))  // ~25 %
        #expect((20...26).contains(activity(.tidakAktif)))   // ~35 %
        #expect(all.filter { $0.latestPostDate.year <= 2019 && !$0.hasFeed }.count >= 3)
        let withMissing = all.filter { $0.sections.contains { $0.status == .missing } }.count
        let withEmpty = all.filter { $0.sections.contains { $0.status == .empty } }.count
        #expect((15...25).contains(withMissing))  // ~30 %
        #expect((9...17).contains(withEmpty))     // ~20 %
        #expect((20...30).contains(truth.brokenLinkCount))
        #expect(all.contains { institution in institution.brokenLinks.contains { $0.referrers.count == institution.pageCount } },
                "a dead menu entry is linked from every page")
        #expect(all.filter { !$0.redirects.isEmpty }.count >= 5)
        for institution in all {
            #expect((15...40).contains(institution.pageCount), "\(institution.id) has \(institution.pageCount) pages")
            #expect(institution.sections.map(\.id) == ["ppid", "informasi-berkala", "informasi-serta-merta",
                                                        "informasi-setiap-saat", "profil", "visi-misi",
                                                        "struktur-organisasi", "standar-pelayanan", "kontak"])
        }
    }

    @Test func activityFollowsTheDefaultThresholds() {
        for institution in truth.institutions {
            let age = institution.latestPostDate.days(until: auditDate)
            #expect(age >= 0)
            let expected: ActivityClass = age <= 90 ? .aktif : age <= 180 ? .kurangAktif : .tidakAktif
            #expect(institution.activity == expected, "\(institution.id): \(age) days")
        }
    }

    @Test func crawlReachesEveryPageAndNoLinkLeavesTheDemo() {
        for institution in truth.institutions {
            let site = crawl.sites[institution.id]!
            #expect(site.pages.count == institution.pageCount, "\(institution.id)")
            #expect(site.oddLinks.isEmpty, "\(institution.id): \(site.oddLinks)")
        }
    }

    @Test func everyBrokenLinkIsPlantedAndItsReferrersAreExact() {
        for institution in truth.institutions {
            let site = crawl.sites[institution.id]!
            var found: [String: Set<String>] = [:]
            for (page, links) in site.links {
                for link in Set(links) {
                    let status = finalStatus(link)
                    if status == 404 {
                        found[link, default: []].insert(page)
                    } else {
                        #expect(status == 200, "\(link) on \(page) answers \(status)")
                    }
                }
            }
            let planted = Dictionary(uniqueKeysWithValues: institution.brokenLinks.map { ($0.url, Set($0.referrers)) })
            #expect(found == planted, "\(institution.id)")
            for broken in institution.brokenLinks {
                #expect(fetch(district, broken.url).status == 404)
                #expect(broken.referrers == broken.referrers.sorted())
            }
            for redirect in institution.redirects {
                let answer = fetch(district, redirect.from)
                #expect(answer.status == 301)
                #expect(finalStatus(redirect.from) == 200)
                #expect(!planted.keys.contains(redirect.from))
                #expect(site.links.values.contains { $0.contains(redirect.from) }, "the redirect is linked")
            }
        }
    }

    @Test func sectionStatusesMatchTheServedPages() {
        // Label variants from the domain note §2; a missing section must show none of them in a menu.
        let labels: [String: [String]] = [
            "ppid": ["PPID", "Informasi Publik", "PPID Pembantu"],
            "informasi-berkala": ["Informasi Berkala", "Info Berkala"],
            "informasi-serta-merta": ["Informasi Serta Merta", "Serta-Merta", "Info Serta Merta"],
            "informasi-setiap-saat": ["Informasi Setiap Saat", "Info Setiap Saat", "Informasi Tersedia Setiap Saat"],
            "profil": ["Profil", "Profil Instansi"],
            "visi-misi": ["Visi Misi", "Visi dan Misi"],
            "struktur-organisasi": ["Struktur Organisasi", "Struktur Organisasi dan Tata Kerja"],
            "standar-pelayanan": ["Standar Pelayanan"],
            "kontak": ["Kontak", "Kontak Kami", "Hubungi Kami"],
        ]
        for institution in truth.institutions {
            let site = crawl.sites[institution.id]!
            let home = site.pages[institution.url]!
            let nav = home.range(of: "<nav").flatMap { start in
                home.range(of: "</nav>", range: start.upperBound..<home.endIndex).map { String(home[start.lowerBound..<$0.upperBound]) }
            } ?? ""
            for section in institution.sections {
                switch section.status {
                case .present:
                    let url = try! #require(section.url)
                    let page = fetch(district, url)
                    #expect(page.status == 200)
                    #expect(page.body.contains("<h1 class=\"entry-title\">\(section.title)</h1>"))
                    #expect(words(in: page.body, between: "<div class=\"entry-content\">", and: "</div>").count >= 40,
                            "\(url) too short for present")
                    #expect(nav.contains(">\(section.title)</a>"), "\(institution.id) menu lacks \(section.title)")
                case .empty:
                    let url = try! #require(section.url)
                    let page = fetch(district, url)
                    #expect(page.status == 200)
                    #expect(page.body.contains("<h1 class=\"entry-title\">\(section.title)</h1>"))
                    #expect(words(in: page.body, between: "<main", and: "</main>").count < 20, "\(url) not a stub")
                case .missing:
                    #expect(section.url == nil)
                    for label in labels[section.id]! {
                        #expect(!nav.contains(">\(label)</a>"), "\(institution.id) menu shows missing \(section.id)")
                        #expect(!site.pages.values.contains { $0.contains("<h1 class=\"entry-title\">\(label)</h1>") })
                    }
                }
            }
        }
    }

    @Test func newestPostCarriesTheLatestDateAndPagesCarryTheTraps() {
        let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                      "Oktober", "November", "Desember"]
        for institution in truth.institutions {
            let post = fetch(district, institution.latestPostURL)
            #expect(post.status == 200)
            #expect(post.body.contains(institution.latestPostDateText))
            let date = institution.latestPostDate
            #expect(institution.latestPostDateText.contains(String(date.year)))
            if institution.cms == "wordpress" {
                #expect(post.body.contains("<time class=\"entry-date published\" datetime=\"\(date)T"))
                #expect(institution.latestPostURL.contains("/\(date.year)/\(date.month < 10 ? "0" : "")\(date.month)/"))
            }
            if institution.cms == "opensid" {
                #expect(institution.latestPostURL.contains("/artikel/\(date.year)/\(date.month)/\(date.day)/"))
            }
            if institution.cms == "codeigniter" {
                let month = date.month == 2 ? "(Februari|Pebruari)" : date.month == 11 ? "(November|Nopember)" : months[date.month - 1]
                #expect(institution.latestPostDateText.contains("Dipost : \(date.day) "))
                #expect(institution.latestPostDateText.range(of: month, options: .regularExpression) != nil)
            }
            for (url, body) in crawl.sites[institution.id]!.pages {
                #expect(body.contains("Selasa, 1 Desember 2026"), "\(url) lacks the header date")
                #expect(body.contains("© 2026"), "\(url) lacks the footer year")
            }
            let feedPath = institution.cms == "wordpress" ? "/feed/" : "/feed.xml"
            let feed = fetch(district, institution.url.dropLast() + feedPath)
            #expect((feed.status == 200) == institution.hasFeed, "\(institution.id) feed")
        }
    }

    @Test func robotsSitemapAndDocumentsAreServed() {
        let dinkes = truth.institution(id: "dinkes")!
        let robots = fetch(district, dinkes.url + "robots.txt")
        #expect(robots.status == 200)
        #expect(robots.body.hasPrefix("User-agent: *\n"))
        for institution in truth.institutions where institution.cms != "codeigniter" {
            let sitemap = fetch(district, institution.url + "sitemap.xml")
            #expect(sitemap.status == 200)
            #expect(sitemap.body.contains("<loc>\(institution.latestPostURL)</loc><lastmod>\(institution.latestPostDate)</lastmod>"))
        }
        let pdfs = crawl.sites.values.flatMap { $0.links.values.flatMap { $0 } }.filter { $0.hasSuffix(".pdf") }
        let served = Set(pdfs).filter { fetch(district, $0).status == 200 }
        #expect(!served.isEmpty)
        for url in served.prefix(5) {
            let pdf = fetch(district, url)
            #expect(pdf.contentType == "application/pdf")
            #expect(pdf.body.hasPrefix("%PDF-1.4") && pdf.body.hasSuffix("%%EOF\n"))
        }
    }

    @Test func portalLinksEveryInstitutionHome() {
        let portal = truth.institutions.first { $0.type == .district }!
        let links = Set(crawl.sites[portal.id]!.links[portal.url]!)
        for institution in truth.institutions where institution.id != portal.id {
            #expect(links.contains(institution.url), "portal lacks \(institution.id)")
        }
    }

    @Test func handlerRejectsUnknownHostsAndMethods() {
        let unknown = district.response(for: ServerRequest(method: "GET", host: "example.com", path: "/", headers: []))
        #expect(unknown.status == 404)
        let post = district.response(for: ServerRequest(method: "POST", host: "dinkes.sukamajukab.test", path: "/", headers: []))
        #expect(post.status == 405)
        let missing = district.response(for: ServerRequest(method: "GET", host: "dinkes.sukamajukab.test",
                                                           path: "/tidak-ada/", headers: []))
        #expect(missing.status == 404)
    }

    @Test func inventoryListsEveryInstitution() throws {
        let yaml = district.inventoryYAML(port: port)
        #expect(yaml.contains("district: Kabupaten Sukamaju\ninstitutions:\n"))
        #expect(yaml.components(separatedBy: "\n  - id: ").count - 1 == 65)
        #expect(yaml.contains("  - id: dinkes\n    name: Dinas Kesehatan\n    type: opd\n    url: http://dinkes.sukamajukab.test:8090/\n"))
        let example = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/demo-inventory.yaml")
        #expect(try String(contentsOf: example, encoding: .utf8) == yaml, "examples/demo-inventory.yaml is stale")
    }

    @Test func realServerAnswersOverLoopbackByHostHeader() async throws {
        // A WordPress-style site prints absolute links, so its page shows the port it was reached on.
        let site = try #require(truth.institutions.first { $0.cms == "wordpress" && $0.type == .opd })
        let server = try await DemoServer.start(district: district)
        let port = server.port
        // Blocking socket calls run on a Dispatch thread: a blocked cooperative thread would
        // starve the server's async handlers on a 2-core machine.
        let (reply, robots) = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    (try rawGET(port: port, host: site.host, path: "/"), try rawGET(port: port, host: site.host, path: "/robots.txt"))
                })
            }
        }
        let count = server.requestCount
        try await server.stop()
        #expect(reply.hasPrefix("HTTP/1.1 200"))
        #expect(reply.contains("<title>Beranda – \(site.name) Kabupaten Sukamaju</title>"))
        #expect(reply.contains("href=\"http://\(site.host):\(server.port)/\""))
        #expect(robots.contains("Disallow: /wp-admin/\nSitemap: http://\(site.host):\(server.port)/sitemap.xml"))
        #expect(count == 2)
    }
}

/// One HTTP/1.1 GET over a POSIX socket to 127.0.0.1, read until the server closes.
private func rawGET(port: Int, host: String, path: String) throws -> String {
    struct SocketError: Error { var step: String }
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw SocketError(step: "socket") }
    defer { close(fd) }
    // A bound on a hung read, not a timing assertion: a debug build under the full suite's load
    // has taken over 10 s to render a demo site's first page.
    var timeout = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw SocketError(step: "connect") }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n".utf8)
    guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else {
        throw SocketError(step: "send")
    }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16_384)
    for _ in 0..<10_000 {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        received += buffer[0..<n]
    }
    return String(decoding: received, as: UTF8.self)
}
