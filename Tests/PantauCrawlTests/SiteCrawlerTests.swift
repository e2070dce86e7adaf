import Foundation
import PantauCore
import PantauFetch
import PantauHTTPServer
import Synchronization
import Testing
@testable import PantauCrawl

/// Records what the crawl delivers.
final class RecordingInspector: SiteInspector {
    var pages: [(url: String, role: Page.Role, hasDocument: Bool)] = []
    var summary: SiteCrawlSummary?
    let wants: [String]

    init(wants: [String] = []) { self.wants = wants }

    func seedRequests(home: String) -> [String] { ["/feed/"] }

    func inspect(_ page: Page, examined: (any Sendable)?) -> [String] {
        pages.append((page.url, page.role, page.document != nil))
        return page.role == .home ? wants : []
    }

    func finish(_ summary: SiteCrawlSummary) -> InspectionResult {
        self.summary = summary
        return InspectionResult(outcomes: [])
    }
}

/// A small site on `dinas.test`, with a hit counter per path.
final class TestSite: Sendable {
    let hits = Mutex<[String: Int]>([:])

    func respond(_ request: ServerRequest) -> ServerResponse {
        hits.withLock { $0[request.method + " " + request.path, default: 0] += 1 }
        guard request.host == "dinas.test" else { return .notFound }
        switch request.path {
        case "/robots.txt":
            return .text("User-agent: *\nDisallow: /private/\n")
        case "/":
            return .html("""
                <html><head><title>Dinas</title><link rel="alternate" type="application/rss+xml" href="/feed/">
                <link rel="pingback" href="/xmlrpc.php"></head><body>
                <a href="/a/">A</a> <a href="/b/#bagian">B</a> <a href="/missing/">hilang</a>
                <a href="/old">lama</a> <a href="/doc.pdf">dokumen</a> <img src="/logo.png">
                <a href="/private/x">rahasia</a> <a href="mailto:ppid@dinas.test">surel</a>
                <a href="http://luar.test/">luar</a>
                </body></html>
                """)
        case "/a/":
            return .html("<html><body><a href='/'>Beranda</a><a href='../b/'>B</a><a href='/missing/'>x</a></body></html>")
        case "/b/":
            return .html("<html><body><p>B</p></body></html>")
        case "/old":
            return .redirect(to: "/a/")
        case "/doc.pdf":
            return ServerResponse(status: 200, headers: [("Content-Type", "application/pdf")], body: Array("%PDF-1.4".utf8))
        case "/logo.png":
            return ServerResponse(status: 200, headers: [("Content-Type", "image/png")], body: [0x89, 0x50])
        case "/feed/":
            return .text("<?xml version=\"1.0\"?><rss><channel></channel></rss>", contentType: "application/rss+xml")
        case "/xmlrpc.php":
            return .text("XML-RPC server accepts POST requests only.", status: 405)
        default:
            return .notFound
        }
    }
}

@Suite("Site crawl against a loopback server")
struct SiteCrawlerTests {
    @Test func crawlsChecksLinksOnceAndHonoursRobots() async throws {
        let site = TestSite()
        let server = try await LoopbackHTTPServer.start { site.respond($0) }
        var fetchConfig = FetchConfiguration()
        fetchConfig.resolve = [ResolveEntry(host: "dinas.test", port: server.port, address: "127.0.0.1")]
        fetchConfig.onlyResolved = true
        // A bound on a hung request, not a timing assertion: under the full suite's load on a cold
        // machine a loopback robots.txt once took over 10 s, and an unanswered robots.txt disallows all.
        fetchConfig.requestTimeout = 60
        let engine = try FetchEngine(configuration: fetchConfig)
        let limiter = HostLimiter(permitsPerHost: 4)
        let services = CrawlServices(fetcher: PoliteFetcher(engine: engine, limiter: limiter), limits: CrawlLimits())
        let inspector = RecordingInspector()
        let institution = Institution(id: "dinas", name: "Dinas", type: .opd, url: "http://dinas.test:\(server.port)/")
        let summary = await SiteCrawler(institution: institution, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!,
                                        services: services, inspectors: [inspector]).run()
        engine.shutdown()
        try await server.stop()

        let root = "http://dinas.test:\(server.port)"
        #expect(summary.reachable)
        #expect(summary.pagesCrawled == 3) // /, /a/, /b/ — /old redirects to /a/, which is not inspected twice
        #expect(Set(inspector.pages.map(\.url)) == ["\(root)/", "\(root)/a/", "\(root)/b/", "\(root)/feed/"])
        #expect(inspector.pages.contains { $0.url == "\(root)/feed/" && $0.role == .requested && !$0.hasDocument })

        let links = Dictionary(uniqueKeysWithValues: summary.links.map { ($0.url, $0) })
        #expect(links["\(root)/missing/"]?.verdict == .broken)
        #expect(links["\(root)/missing/"]?.status == 404)
        #expect(links["\(root)/missing/"]?.referrers == ["\(root)/", "\(root)/a/"])
        #expect(links["\(root)/old"]?.verdict == .ok)
        #expect(links["\(root)/old"]?.redirectChain == ["\(root)/old"])
        #expect(links["\(root)/doc.pdf"]?.verdict == .ok)
        #expect(links["\(root)/logo.png"]?.verdict == .ok)
        #expect(links["\(root)/private/x"]?.verdict == .skipped)
        #expect(links["mailto:ppid@dinas.test"]?.verdict == .skipped)
        #expect(links["http://luar.test/"]?.verdict == .unverified)
        #expect(links["http://luar.test/"]?.isInternal == false)
        #expect(links["\(root)/xmlrpc.php"] == nil, "rel=pingback names no resource to check")
        #expect(summary.links.filter { $0.verdict == .broken }.map(\.url) == ["\(root)/missing/"])

        let hits = site.hits.withLock { $0 }
        #expect(hits["GET /private/x"] == nil, "robots.txt disallows it")
        // /a/ is fetched once as itself and once at the end of /old's redirect, but inspected once.
        #expect(hits["GET /a/"] == 2)
        #expect(inspector.pages.filter { $0.url == "\(root)/a/" }.count == 1)
        #expect(hits["GET /"] == 1)
        #expect(hits["GET /doc.pdf"] == nil, "documents are checked with HEAD, not downloaded")
        #expect(hits["HEAD /doc.pdf"] == 1)
        #expect(hits["GET /missing/"] == 1, "the crawl's own GET decides it; no second check")
    }

    @Test func unreachableSiteIsReportedWithTheReason() async throws {
        var fetchConfig = FetchConfiguration()
        fetchConfig.onlyResolved = true
        let engine = try FetchEngine(configuration: fetchConfig)
        let limiter = HostLimiter(permitsPerHost: 2)
        let services = CrawlServices(fetcher: PoliteFetcher(engine: engine, limiter: limiter), limits: CrawlLimits())
        let institution = Institution(id: "x", name: "X", type: .opd, url: "http://tidak-ada.test/")
        let summary = await SiteCrawler(institution: institution, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!,
                                        services: services, inspectors: []).run()
        engine.shutdown()
        #expect(!summary.reachable)
        #expect(summary.unreachableReason?.contains("tidak-ada.test") == true)
        #expect(summary.pagesCrawled == 0)
    }
}
