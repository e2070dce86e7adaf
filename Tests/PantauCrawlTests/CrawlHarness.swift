import Foundation
import PantauCore
import PantauFetch
import PantauHTTPServer
import Synchronization
@testable import PantauCrawl

/// Runs one site crawl against a loopback server that answers for `dinas.test` (and any other
/// host the handler accepts), and counts requests per "METHOD host path".
final class CrawlHarness: Sendable {
    let hits = Mutex<[String: Int]>([:])

    struct Outcome {
        var summary: SiteCrawlSummary
        /// `http://dinas.test:PORT`
        var root: String
        var hits: [String: Int]

        func link(_ path: String) -> LinkReport? { summary.links.first { $0.url == root + path } }
        func observations(_ kind: CrawlObservation.Kind) -> [CrawlObservation] {
            summary.observations.filter { $0.kind == kind }
        }
    }

    /// - Parameters:
    ///   - extraHosts: further host names resolved to the same server.
    ///   - resolveHTTPSPort: also resolve `dinas.test:443` to 127.0.0.1 (where nothing listens),
    ///     so the https probe is refused instead of "not allowed".
    func crawl(limits: CrawlLimits = CrawlLimits(), extraHosts: [String] = [], resolveHTTPSPort: Bool = false,
               inspectors: [any SiteInspector] = [],
               handler: @escaping @Sendable (ServerRequest) -> ServerResponse) async throws -> Outcome {
        let server = try await LoopbackHTTPServer.start { [self] request in
            self.hits.withLock { $0["\(request.method) \(request.host) \(request.path)", default: 0] += 1 }
            return handler(request)
        }
        var config = FetchConfiguration()
        config.resolve = (["dinas.test"] + extraHosts).map { ResolveEntry(host: $0, port: server.port, address: "127.0.0.1") }
        if resolveHTTPSPort { config.resolve.append(ResolveEntry(host: "dinas.test", port: 443, address: "127.0.0.1")) }
        config.onlyResolved = true
        // A bound on a hung request, not a timing assertion: under the full suite's load on a cold
        // machine a loopback robots.txt once took over 10 s, and an unanswered robots.txt disallows all.
        config.requestTimeout = 60
        let engine = try FetchEngine(configuration: config)
        let services = CrawlServices(fetcher: PoliteFetcher(engine: engine, limiter: HostLimiter(permitsPerHost: 4)), limits: limits)
        let root = "http://dinas.test:\(server.port)"
        let institution = Institution(id: "dinas", name: "Dinas", type: .opd, url: root + "/")
        let summary = await SiteCrawler(institution: institution, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!,
                                        services: services, inspectors: inspectors).run()
        engine.shutdown()
        try await server.stop()
        return Outcome(summary: summary, root: root, hits: hits.withLock { $0 })
    }
}

/// Records every page delivered, with its parsed title.
final class PageLog: SiteInspector {
    struct Entry {
        var url: String
        var role: Page.Role
        var mediaType: String?
        var title: String?
        var body: [UInt8]
    }
    var pages: [Entry] = []

    func inspect(_ page: Page, examined: (any Sendable)?) -> [String] {
        pages.append(Entry(url: page.url, role: page.role, mediaType: page.mediaType, title: page.document?.title, body: page.body))
        return []
    }

    func finish(_ summary: SiteCrawlSummary) -> InspectionResult { InspectionResult(outcomes: []) }

    func page(_ url: String) -> Entry? { pages.first { $0.url == url } }
}

extension ServerResponse {
    static func page(_ title: String, _ body: String = "") -> ServerResponse {
        .html("<html><head><title>\(title)</title></head><body><main><h1>\(title)</h1>\(body)</main></body></html>")
    }
}
