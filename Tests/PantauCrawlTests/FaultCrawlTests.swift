import Foundation
import PantauCore
import PantauFaultServer
import PantauFetch
import Testing
@testable import PantauCrawl

/// A whole site crawl over the fault server's `/links` page: every misbehaviour at once, the
/// verdicts as the report will show them.
@Suite("Site crawl over the fault-injection server")
struct FaultCrawlTests {
    @Test func everyScenarioGetsItsVerdictAndDeadHostsAreNotHammered() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(circuitBreakerThreshold: 5), permits: 1,
                                                  slowSeconds: 0.05)
        let services = CrawlServices(fetcher: fixture.fetcher, limits: CrawlLimits())
        let institution = Institution(id: "uji", name: "Uji", type: .opd, url: fixture.root + "/links")
        let summary = await SiteCrawler(institution: institution, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!,
                                        services: services, inspectors: []).run()
        #expect(summary.reachable)
        let links = Dictionary(summary.links.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })

        let expected: [FaultScenario: LinkVerdict] = [
            .ok: .ok, .headNotAllowed: .ok, .headNotFound: .ok,
            .retryAfterSeconds: .ok, .retryAfterDate: .ok, .retryAfterGarbage: .ok, .alwaysRateLimited: .unverified,
            .unavailableThenOK: .ok, .unavailableRetryAfter: .ok, .serverError: .broken, .slowThenOK: .ok,
            .redirectLoop: .broken, .redirectLoopB: .broken, .cookieRedirect: .ok,
            .cloudflareChallenge: .blocked, .sucuriBlockPage: .blocked, .accessDenied: .blocked,
            .unauthorized: .blocked, .botWall: .blocked, .notFound: .broken,
        ]
        for (scenario, verdict) in expected {
            #expect(links[fixture.url(scenario)]?.verdict == verdict,
                    "\(scenario): \(String(describing: links[fixture.url(scenario)]))")
        }
        for link in ["mailto:ppid@dinas.test", "tel:+62281123456", "javascript:void(0)"] {
            #expect(links[link]?.verdict == .skipped, "\(link)")
        }

        // The dead host: 8 links, each reported once as BROKEN; after 5 refusals nothing is sent.
        let dead = summary.links.filter { $0.url.contains(FaultServer.deadHost) }
        #expect(dead.count == 8)
        #expect(dead.allSatisfy { $0.verdict == .broken && !$0.isInternal })
        #expect(dead.filter { $0.error?.contains("could not connect") == true }.count == 5)
        #expect(dead.filter { $0.error?.contains("host unreachable: 5 consecutive failures") == true }.count == 3)

        // The host that hangs up: 3 links, 5 connections in all (retries included), then none.
        let hangUp = summary.links.filter { $0.url.contains(FaultServer.hangUpHost) }
        #expect(hangUp.count == 3)
        #expect(hangUp.allSatisfy { $0.verdict == .broken })
        #expect(fixture.server.hangUpConnections == 5)
        try await fixture.close()
    }
}
