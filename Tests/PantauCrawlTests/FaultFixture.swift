import Foundation
import PantauCrawl
import PantauFaultServer
import PantauFetch
import Synchronization

/// A clock for politeness tests: `sleep` records the delay asked for and moves `now` forward
/// at once, so Retry-After, backoff and rate spacing are asserted without waiting.
final class TestClock: Sendable {
    private let state = Mutex<(now: Double, sleeps: [Double])>((0, []))
    let date: Date

    init(date: Date = FaultServer.retryAfterDate) {
        self.date = date
    }

    /// Every delay slept so far, in order (seconds).
    var sleeps: [Double] { state.withLock { $0.sleeps } }

    var now: Double { state.withLock { $0.now } }

    var clock: PolitenessClock {
        PolitenessClock(
            now: { self.now },
            date: { self.date },
            sleep: { seconds in
                try Task.checkCancellation()
                self.record(seconds)
            })
    }

    private func record(_ seconds: Double) {
        state.withLock {
            $0.sleeps.append(seconds)
            $0.now += seconds
        }
    }
}

/// A fault server, an engine that reaches it only through `--resolve`-style host names, and a
/// polite fetcher and link checker on a test clock.
struct FaultFixture {
    static let host = "uji.test"

    let server: FaultServer
    let engine: FetchEngine
    let clock: TestClock
    let policy: HostPolicy
    let fetcher: PoliteFetcher
    let checker: LinkChecker

    static func make(_ politeness: PolitenessPolicy = PolitenessPolicy(), permits: Int = 4,
                     requestTimeout: Double = 10, slowSeconds: Double = 5,
                     clock: TestClock = TestClock()) async throws -> FaultFixture {
        let server = try await FaultServer.start(slowSeconds: slowSeconds)
        var configuration = FetchConfiguration()
        configuration.resolve = [
            ResolveEntry(host: host, port: server.port, address: "127.0.0.1"),
            ResolveEntry(host: FaultServer.hangUpHost, port: server.hangUpPort, address: "127.0.0.1"),
            ResolveEntry(host: FaultServer.deadHost, port: server.deadPort, address: "127.0.0.1"),
        ]
        configuration.onlyResolved = true
        configuration.requestTimeout = requestTimeout
        configuration.connectTimeout = min(5, requestTimeout)
        let engine = try FetchEngine(configuration: configuration)
        let policy = HostPolicy(politeness, clock: clock.clock)
        let fetcher = PoliteFetcher(engine: engine, limiter: HostLimiter(permitsPerHost: permits), policy: policy)
        return FaultFixture(server: server, engine: engine, clock: clock, policy: policy, fetcher: fetcher,
                            checker: LinkChecker(fetcher: fetcher))
    }

    var root: String { "http://\(Self.host):\(server.port)" }

    func url(_ scenario: FaultScenario) -> String { root + scenario.path }

    func hangUpURL(_ path: String) -> String { "http://\(FaultServer.hangUpHost):\(server.hangUpPort)\(path)" }

    func deadURL(_ path: String) -> String { "http://\(FaultServer.deadHost):\(server.deadPort)\(path)" }

    func check(_ scenario: FaultScenario) async -> LinkCheckResult { await checker.check(url(scenario)) }

    func close() async throws {
        engine.shutdown()
        try await server.stop()
    }
}
