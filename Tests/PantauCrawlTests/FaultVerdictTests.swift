import Foundation
import PantauCore
import PantauFaultServer
import PantauFetch
import Testing
@testable import PantauCrawl

/// One verdict per misbehaviour of the fault-injection server, through the link checker.
@Suite("Link verdicts against the fault-injection server")
struct FaultVerdictTests {
    @Test func headRejectedButGetWorksIsOK() async throws {
        let fixture = try await FaultFixture.make()
        for scenario in [FaultScenario.headNotAllowed, .headNotFound] {
            let result = await fixture.check(scenario)
            #expect(result.verdict == .ok, "\(scenario)")
            #expect(result.status == 200, "the verdict is the GET's")
            #expect(fixture.server.hits("HEAD", scenario.path) == 1)
            #expect(fixture.server.hits("GET", scenario.path) == 1)
        }
        try await fixture.close()
    }

    @Test func retryAfterInSecondsIsHonouredAndLowersTheRate() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 8))
        let result = await fixture.check(.retryAfterSeconds)
        #expect(result.verdict == .ok)
        #expect(fixture.clock.sleeps == [7], "the Retry-After pause, nothing else")
        #expect(fixture.server.hits(.retryAfterSeconds) == 2)
        #expect(await fixture.policy.rate(of: FaultFixture.host) == 4, "halved for the rest of the run")
        try await fixture.close()
    }

    @Test func retryAfterAsHTTPDateIsHonoured() async throws {
        let clock = TestClock(date: FaultServer.retryAfterDate.addingTimeInterval(-12))
        let fixture = try await FaultFixture.make(clock: clock)
        let result = await fixture.check(.retryAfterDate)
        #expect(result.verdict == .ok)
        #expect(clock.sleeps == [12])
        try await fixture.close()
    }

    @Test func unreadableRetryAfterFallsBackToAConservativePause() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(fallbackRetryAfter: 30))
        let result = await fixture.check(.retryAfterGarbage)
        #expect(result.verdict == .ok)
        #expect(fixture.clock.sleeps == [30])
        try await fixture.close()
    }

    @Test func retryAfterBeyondTheCapIsUnverifiedWithoutWaitingOrHammering() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(maxWaitPerRequest: 120))
        let result = await fixture.check(.retryAfterTooLong)
        #expect(result.verdict == .unverified)
        #expect(result.status == 429)
        #expect(result.error?.contains("rate-limited") == true)
        #expect(fixture.clock.sleeps.isEmpty, "an hour is more than one request may wait")
        // The host asked for an hour: its other links are not asked at all, and say why.
        let other = await fixture.check(.ok)
        #expect(other.verdict == .unverified)
        #expect(other.error?.contains("rate-limited") == true)
        #expect(fixture.server.hits(.retryAfterTooLong) == 1)
        #expect(fixture.server.hits(.ok) == 0)
        try await fixture.close()
    }

    @Test func stillRateLimitedAfterRetriesIsUnverified() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(maxRetries: 2))
        let result = await fixture.check(.alwaysRateLimited)
        #expect(result.verdict == .unverified)
        #expect(result.status == 429)
        // HEAD and the confirming GET, three attempts each at most: bounded.
        #expect(fixture.server.hits(.alwaysRateLimited) == 6)
        #expect(fixture.clock.sleeps.allSatisfy { $0 >= 1 }, "each retry waits at least the Retry-After second")
        try await fixture.close()
    }

    @Test func unavailableThenOKIsRetriedWithBackoff() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 0, baseBackoff: 1))
        let result = await fixture.check(.unavailableThenOK)
        #expect(result.verdict == .ok)
        #expect(fixture.server.hits(.unavailableThenOK) == 2)
        #expect(fixture.clock.sleeps.count == 1)
        #expect((1...1.5).contains(fixture.clock.sleeps.first ?? 0), "base backoff plus at most 50 % jitter")
        try await fixture.close()
    }

    @Test func unavailableWithRetryAfterWaitsAsAsked() async throws {
        let fixture = try await FaultFixture.make()
        let result = await fixture.check(.unavailableRetryAfter)
        #expect(result.verdict == .ok)
        #expect(fixture.clock.sleeps == [5])
        try await fixture.close()
    }

    @Test func serverErrorIsBrokenAfterBoundedRetries() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 0, maxRetries: 2, baseBackoff: 1,
                                                                   maxBackoff: 30))
        let result = await fixture.check(.serverError)
        #expect(result.verdict == .broken)
        #expect(result.status == 500)
        #expect(fixture.server.hits("HEAD", FaultScenario.serverError.path) == 3)
        #expect(fixture.server.hits("GET", FaultScenario.serverError.path) == 3)
        let sleeps = fixture.clock.sleeps
        #expect(sleeps.count == 4)
        // Exponential: 1 s then 2 s (each with up to 50 % jitter), for HEAD and again for GET.
        #expect((1...1.5).contains(sleeps[0]) && (2...3).contains(sleeps[1]))
        try await fixture.close()
    }

    @Test func notFoundIsNeverRetried() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 0))
        let result = await fixture.check(.notFound)
        #expect(result.verdict == .broken)
        #expect(result.status == 404)
        #expect(fixture.server.hits(.notFound) == 2, "one HEAD, one confirming GET")
        #expect(fixture.clock.sleeps.isEmpty)
        try await fixture.close()
    }

    @Test func timeoutThenOKIsRetried() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 0), requestTimeout: 0.5)
        let result = await fixture.check(.slowThenOK)
        #expect(result.verdict == .ok)
        #expect(fixture.server.hits(.slowThenOK) == 2)
        #expect(fixture.clock.sleeps.count == 1, "one backoff before the retry")
        try await fixture.close()
    }

    @Test func redirectLoopIsBrokenWithItsChain() async throws {
        let fixture = try await FaultFixture.make()
        let result = await fixture.check(.redirectLoop)
        #expect(result.verdict == .broken)
        #expect(result.error?.contains("loop") == true)
        #expect(result.redirectChain == [fixture.url(.redirectLoop), fixture.url(.redirectLoopB)])
        try await fixture.close()
    }

    @Test func cookieSetThenRedirectToSelfIsNotALoop() async throws {
        let fixture = try await FaultFixture.make()
        let result = await fixture.check(.cookieRedirect)
        #expect(result.verdict == .ok)
        #expect(result.redirectChain == [fixture.url(.cookieRedirect)])
        try await fixture.close()
    }

    @Test func cookiesDoNotLeakFromOneFetchIntoTheNext() async throws {
        let fixture = try await FaultFixture.make()
        for _ in 0..<3 {
            let response = try await fixture.engine.fetch(FetchRequest(url: fixture.url(.cookieRedirect)))
            #expect(response.status == 200)
            #expect(response.redirectChain.count == 1, "every fetch starts with an empty jar")
        }
        try await fixture.close()
    }

    @Test func firewallsAndAuthAreBlocked() async throws {
        let fixture = try await FaultFixture.make()
        let expected: [(FaultScenario, Int, String?)] = [
            (.cloudflareChallenge, 403, "Cloudflare"),
            (.accessDenied, 503, "firewall"),
            (.unauthorized, 401, nil),
            (.botWall, 999, nil),
        ]
        for (scenario, status, product) in expected {
            let result = await fixture.check(scenario)
            #expect(result.verdict == .blocked, "\(scenario)")
            #expect(result.status == status, "\(scenario)")
            if let product { #expect(result.error?.contains(product) == true, "\(scenario): \(result.error ?? "-")") }
        }
        #expect(fixture.server.hits("GET", FaultScenario.accessDenied.path) == 1, "a firewall page is not retried")
        // A block page answered with 200 can only be seen in a body: pages the crawl GETs.
        let page = try await fixture.fetcher.fetch(FetchRequest(url: fixture.url(.sucuriBlockPage))).get()
        let result = LinkCheckResult(response: page)
        #expect(result.verdict == .blocked)
        #expect(result.error?.contains("Sucuri") == true)
        let ordinary = try await fixture.fetcher.fetch(FetchRequest(url: fixture.url(.ok))).get()
        #expect(LinkCheckResult(response: ordinary).verdict == .ok)
        try await fixture.close()
    }

    @Test func nonHTTPLinksAreSkippedWithoutARequest() async throws {
        let fixture = try await FaultFixture.make()
        for link in ["mailto:ppid@dinas.test", "tel:+62281123456", "javascript:void(0)", "data:image/png;base64,AA=="] {
            #expect(await fixture.checker.check(link).verdict == .skipped, "\(link)")
        }
        #expect(fixture.server.http.requestCount == 0)
        try await fixture.close()
    }
}

@Suite("Firewall challenge pages")
struct ChallengePageTests {
    static func response(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> FetchResponse {
        FetchResponse(requestedURL: "http://dinas.test/", finalURL: "http://dinas.test/", status: status,
                      headers: headers, body: Array(body.utf8), bodyTruncated: false, redirectChain: [], totalTime: 0)
    }

    @Test func recognisesTheCommonFirewalls() {
        #expect(ChallengePage.firewall(of: Self.response(503, "<title>Just a moment...</title>")) == "Cloudflare")
        #expect(ChallengePage.firewall(of: Self.response(403, "<TITLE>Attention Required! | Cloudflare</TITLE>")) == "Cloudflare")
        #expect(ChallengePage.firewall(of: Self.response(403, "", headers: [("CF-Mitigated", "challenge")])) == "Cloudflare")
        #expect(ChallengePage.firewall(of: Self.response(200, "Incapsula incident ID: 123")) == "Imperva Incapsula")
        #expect(ChallengePage.firewall(of: Self.response(503, "<title>Request Rejected</title>"))?.contains("firewall") == true)
    }

    @Test func ordinaryPagesAreNotChallenges() {
        #expect(ChallengePage.firewall(of: Self.response(200, "<title>Dinas Kesehatan</title><p>Berita</p>")) == nil)
        // Generic wording counts only where a firewall answers, not on a 200 page about access.
        #expect(ChallengePage.firewall(of: Self.response(200, "<title>Access Denied</title>")) == nil)
        #expect(ChallengePage.firewall(of: Self.response(404, "<title>Just a moment...</title>")) == nil)
        let big = "<title>Just a moment...</title>" + String(repeating: "x", count: ChallengePage.maxOKBodyBytes)
        #expect(ChallengePage.firewall(of: Self.response(200, big)) == nil, "a large page is content")
    }
}
