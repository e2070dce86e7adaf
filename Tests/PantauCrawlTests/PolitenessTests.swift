import Foundation
import PantauCore
import PantauFaultServer
import PantauFetch
import Synchronization
import Testing
@testable import PantauCrawl

@Suite("Host policy: rate schedule, pauses and the circuit breaker")
struct HostPolicyTests {
    @Test func startsAreSpacedByTheRate() async {
        let clock = TestClock()
        let policy = HostPolicy(PolitenessPolicy(requestsPerSecond: 4), clock: clock.clock)
        var delays: [Double] = []
        for _ in 0..<5 {
            if case .start(let seconds) = await policy.reserveStart(host: "a.test", maxWait: 120) { delays.append(seconds) }
        }
        #expect(delays == [0, 0.25, 0.5, 0.75, 1.0])
        // Another host has its own schedule.
        #expect(await policy.reserveStart(host: "b.test", maxWait: 120) == .start(afterSeconds: 0))
    }

    @Test func noRateMeansNoSpacing() async {
        let policy = HostPolicy(PolitenessPolicy(requestsPerSecond: 0), clock: TestClock().clock)
        for _ in 0..<10 {
            #expect(await policy.reserveStart(host: "a.test", maxWait: 0) == .start(afterSeconds: 0))
        }
    }

    @Test func aPauseHoldsEveryRequestAndHalvesTheRate() async {
        let clock = TestClock()
        let policy = HostPolicy(PolitenessPolicy(requestsPerSecond: 4, rateReduction: 0.5), clock: clock.clock)
        _ = await policy.reserveStart(host: "a.test", maxWait: 120)
        await policy.throttle(host: "a.test", pause: 10)
        #expect(await policy.rate(of: "a.test") == 2)
        #expect(await policy.reserveStart(host: "a.test", maxWait: 120) == .start(afterSeconds: 10))
        #expect(await policy.reserveStart(host: "a.test", maxWait: 120) == .start(afterSeconds: 10.5))
        #expect(await policy.reserveStart(host: "a.test", maxWait: 5) == .wouldWait(seconds: 11))
        await policy.throttle(host: "a.test", pause: 0)
        #expect(await policy.rate(of: "a.test") == 1)
        #expect(await policy.rate(of: "b.test") == 4, "other hosts keep their rate")
    }

    @Test func theRateNeverDropsBelowTheFloorAndUnlimitedGetsALimit() async {
        let policy = HostPolicy(PolitenessPolicy(requestsPerSecond: 0, rateAfterUnlimitedThrottle: 4, minimumRate: 0.5),
                                clock: TestClock().clock)
        await policy.throttle(host: "a.test", pause: 1)
        #expect(await policy.rate(of: "a.test") == 4)
        for _ in 0..<10 { await policy.throttle(host: "a.test", pause: 1) }
        #expect(await policy.rate(of: "a.test") == 0.5)
    }

    @Test func breakerOpensAfterConsecutiveFailuresOnly() async {
        let policy = HostPolicy(PolitenessPolicy(circuitBreakerThreshold: 3), clock: TestClock().clock)
        #expect(await !policy.recordConnectionFailure(host: "a.test", reason: "refused"))
        #expect(await !policy.recordConnectionFailure(host: "a.test", reason: "refused"))
        await policy.recordAnswer(host: "a.test")  // the streak ends
        #expect(await !policy.recordConnectionFailure(host: "a.test", reason: "refused"))
        #expect(await !policy.recordConnectionFailure(host: "a.test", reason: "refused"))
        #expect(await policy.recordConnectionFailure(host: "a.test", reason: "Connection refused"))
        #expect(await policy.isUnreachable("a.test"))
        #expect(await policy.reserveStart(host: "a.test", maxWait: 120)
            == .unreachable(failures: 3, last: "Connection refused"))
        #expect(await !policy.isUnreachable("b.test"))
    }
}

@Suite("Retry-After values (RFC 9110 §10.2.3)")
struct RetryAfterTests {
    static let now = Date(timeIntervalSince1970: 784_111_777 - 60)  // a minute before 06 Nov 1994 08:49:37 GMT

    @Test(arguments: [
        ("120", 120.0), ("0", 0), (" 5 ", 5),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 60), ("Sunday, 06-Nov-94 08:49:37 GMT", 60), ("Sun Nov  6 08:49:37 1994", 60),
        ("Sun, 06 Nov 1994 08:47:37 GMT", 0),
    ])
    func readsBothForms(value: String, seconds: Double) {
        #expect(RetryAfter.seconds(value, now: Self.now) == seconds)
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Sun, 06 Nov 1994", "120 seconds"])
    func rejectsAnythingElse(value: String) {
        #expect(RetryAfter.seconds(value, now: Self.now) == nil)
    }
}

@Suite("Polite fetching against the fault-injection server")
struct PoliteFetcherTests {
    @Test func sequentialRequestsAreSpacedByTheRate() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 4))
        for _ in 0..<5 {
            _ = await fixture.fetcher.fetch(FetchRequest(url: fixture.url(.ok)))
        }
        // The test clock stands still while fetching, so each start waits a full interval.
        #expect(fixture.clock.sleeps == [0.25, 0.25, 0.25, 0.25])
        #expect(fixture.server.hits(.ok) == 5)
        try await fixture.close()
    }

    @Test func urlsOutsideTheResolveListTakeNoRateSlot() async throws {
        // An --only-resolved audit links to many hosts it may not contact: their links must be
        // "not checked" at once, not after queueing for the host's rate (nor "rate-limited").
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 1, maxWaitPerRequest: 2))
        for index in 0..<5 {
            let url = "http://facebook.test/halaman/\(index)"
            #expect(await fixture.fetcher.fetch(FetchRequest(url: url)).politeFetchError == .hostNotAllowed(url: url))
            let checked = await fixture.checker.check(url)
            #expect(checked.verdict == .unverified && checked.error?.contains("outside the --resolve list") == true, "\(checked.error ?? "-")")
        }
        #expect(fixture.clock.sleeps.isEmpty, "nothing is sent, so nothing waits: \(fixture.clock.sleeps)")
        try await fixture.close()
    }

    @Test func hangUpsAreRetriedThenTheBreakerStopsContactingTheHost() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(requestsPerSecond: 0, maxRetries: 2,
                                                                   circuitBreakerThreshold: 5), permits: 1)
        let first = await fixture.checker.check(fixture.hangUpURL("/berita/1"))
        #expect(first.verdict == .broken)
        // HEAD: three attempts (two retries); the confirming GET: two more, then the breaker opens.
        #expect(fixture.server.hangUpConnections == 5)
        var later: [LinkCheckResult] = []
        for index in 2...6 {
            later.append(await fixture.checker.check(fixture.hangUpURL("/berita/\(index)")))
        }
        #expect(fixture.server.hangUpConnections == 5, "an open breaker sends nothing")
        for result in later {
            #expect(result.verdict == .broken)
            #expect(result.error?.contains("host unreachable: 5 consecutive failures, last: ") == true,
                    "\(result.error ?? "-")")
        }
        // Other hosts are not affected.
        #expect(await fixture.check(.ok).verdict == .ok)
        try await fixture.close()
    }

    @Test func refusedConnectionsAreNotRetriedAndOpenTheBreaker() async throws {
        let fixture = try await FaultFixture.make(PolitenessPolicy(circuitBreakerThreshold: 3), permits: 1)
        var errors: [String] = []
        for index in 1...6 {
            let result = await fixture.checker.check(fixture.deadURL("/dokumen/\(index)"))
            #expect(result.verdict == .broken)
            errors.append(result.error ?? "")
        }
        #expect(errors.prefix(3).allSatisfy { $0.contains("could not connect") }, "\(errors)")
        #expect(errors.dropFirst(3).allSatisfy { $0.contains("host unreachable: 3 consecutive failures") }, "\(errors)")
        #expect(fixture.clock.sleeps.filter { $0 >= 1 }.isEmpty, "refused is an answer: no backoff")
        try await fixture.close()
    }

    @Test func waitingForRetryAfterEndsWhenTheTaskIsCancelled() async throws {
        // The real clock: the 7 s pause would be slept for real, unless cancellation ends it.
        let server = try await FaultServer.start()
        var configuration = FetchConfiguration()
        configuration.resolve = [ResolveEntry(host: FaultFixture.host, port: server.port, address: "127.0.0.1")]
        configuration.onlyResolved = true
        let engine = try FetchEngine(configuration: configuration)
        let fetcher = PoliteFetcher(engine: engine, limiter: HostLimiter(permitsPerHost: 1),
                                    policy: HostPolicy(PolitenessPolicy(), clock: .system))
        let url = "http://\(FaultFixture.host):\(server.port)\(FaultScenario.retryAfterSeconds.path)"
        let task = Task { await fetcher.fetch(FetchRequest(url: url)) }
        for _ in 0..<500 where server.hits(.retryAfterSeconds) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        let result = await task.value
        #expect(result.politeFetchError == .cancelled(url: url))
        #expect(server.hits(.retryAfterSeconds) == 1)
        engine.shutdown()
        try await server.stop()
    }

    @Test func passThroughFetcherNeitherWaitsNorRetries() async throws {
        let fixture = try await FaultFixture.make()
        let bare = PoliteFetcher(engine: fixture.engine, limiter: HostLimiter(permitsPerHost: 2))
        let response = try await bare.fetch(FetchRequest(url: fixture.url(.serverError))).get()
        #expect(response.status == 500)
        #expect(fixture.server.hits(.serverError) == 1)
        try await fixture.close()
    }

    @Test func httpsUpgradeIsVisible() {
        let upgraded = FetchResponse(requestedURL: "http://dinas.test/", finalURL: "https://dinas.test/", status: 200,
                                     headers: [], body: [], bodyTruncated: false,
                                     redirectChain: [RedirectHop(url: "http://dinas.test/", status: 301,
                                                                 location: "https://dinas.test/")],
                                     totalTime: 0)
        #expect(upgraded.upgradedToHTTPS)
        var plain = upgraded
        plain.finalURL = "http://dinas.test/beranda"
        #expect(!plain.upgradedToHTTPS)
    }
}

extension Result where Failure == FetchError {
    var politeFetchError: FetchError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
