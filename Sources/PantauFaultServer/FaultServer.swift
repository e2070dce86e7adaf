// PantauFaultServer: a loopback server that misbehaves on purpose, one scenario per path, so
// tests can assert Pantau's verdict for each way real government sites and their firewalls fail.
import Foundation
import NIOCore
import NIOPosix
import PantauHTTPServer

/// The misbehaviours, each served at its own path (`/scenario/<rawValue>`).
///
/// "Then OK" scenarios count requests per scenario (any method): the first `failuresBeforeOK`
/// fail, later ones succeed, so retries can be observed. Counting starts at server start.
public enum FaultScenario: String, CaseIterable, Sendable {
    /// 200 with a small HTML page.
    case ok
    /// HEAD answers 405, GET 200 (servers that reject HEAD).
    case headNotAllowed = "head-405"
    /// HEAD answers 404, GET 200 (servers that route HEAD wrongly).
    case headNotFound = "head-404"
    /// 429 with `Retry-After: 7` (delta-seconds), then 200.
    case retryAfterSeconds = "429-seconds"
    /// 429 with `Retry-After` as an HTTP-date (``FaultServer/retryAfterDate``), then 200.
    case retryAfterDate = "429-date"
    /// 429 with an unreadable `Retry-After`, then 200.
    case retryAfterGarbage = "429-garbage"
    /// 429 with `Retry-After: 3600`, always.
    case retryAfterTooLong = "429-hour"
    /// 429 with `Retry-After: 1`, always.
    case alwaysRateLimited = "429-always"
    /// 503 without `Retry-After`, then 200 (a momentary overload).
    case unavailableThenOK = "503-then-ok"
    /// 503 with `Retry-After: 5`, then 200 (maintenance).
    case unavailableRetryAfter = "503-retry-after"
    /// 500, always.
    case serverError = "500"
    /// Holds the first request unanswered (until the client retries, at most
    /// ``FaultServer/slowSeconds``), then answers 200 at once.
    case slowThenOK = "slow-then-ok"
    /// 302 to `/scenario/loop-b`, which 302s back here.
    case redirectLoop = "loop-a"
    /// The other half of the loop.
    case redirectLoopB = "loop-b"
    /// Redirects to itself setting a cookie until the cookie comes back, then 200.
    case cookieRedirect = "cookie-wall"
    /// 403 with a Cloudflare "Just a moment..." challenge page.
    case cloudflareChallenge = "challenge-cloudflare"
    /// 200 with a Sucuri firewall block page instead of the content.
    case sucuriBlockPage = "challenge-sucuri"
    /// 503 with a generic "Access Denied" firewall page.
    case accessDenied = "challenge-denied"
    /// 401 (authentication required).
    case unauthorized = "401"
    /// 999 (LinkedIn-style bot wall).
    case botWall = "999"
    /// 404.
    case notFound = "404"

    /// The scenario's path on the server.
    public var path: String { "/scenario/" + rawValue }

    /// Failing answers before the first good one, for the "then OK" scenarios.
    var failuresBeforeOK: Int { 1 }
}

/// The fault-injection server: one ``LoopbackHTTPServer`` routing ``FaultScenario`` paths, plus a
/// hang-up listener that accepts connections and closes them without a response (a reset), and
/// a dead port nothing listens on. Everything binds 127.0.0.1.
///
/// `/links` serves an HTML page linking every scenario but `429-hour` (which would pause the whole
/// host), the hang-up host 3 times and the dead host 8 times,
/// and `mailto:`, `tel:`, `javascript:` and `data:` links.
public final class FaultServer: Sendable {
    /// The HTTP server.
    public let http: LoopbackHTTPServer
    private let router: FaultRouter
    private let hangUp: HangUpListener

    /// Port of the HTTP scenarios.
    public var port: Int { http.port }
    /// Port where every connection is accepted, its request read, and the connection closed.
    public var hangUpPort: Int { hangUp.port }
    /// A port nothing listens on (bound and held, never listening): connections are refused.
    public var deadPort: Int { dead.port }
    private let dead: ReservedPort

    /// Seconds the slow scenario holds its first request at most.
    public let slowSeconds: Double

    /// The date the `429-date` scenario names in `Retry-After`: tests give their clock a `date`
    /// shortly before it.
    public static let retryAfterDate = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01T00:00:00Z
    /// `retryAfterDate` in IMF-fixdate form (RFC 9110 §5.6.7).
    public static let retryAfterDateText = "Tue, 01 Dec 2026 00:00:00 GMT"

    /// Host names `/links` uses for the hang-up and dead listeners; map them with `--resolve`
    /// (`ResolveEntry`) to 127.0.0.1 and ``hangUpPort`` / ``deadPort``.
    public static let hangUpHost = "putus.test"
    public static let deadHost = "mati.test"

    private init(http: LoopbackHTTPServer, router: FaultRouter, hangUp: HangUpListener, dead: ReservedPort,
                 slowSeconds: Double) {
        self.http = http
        self.router = router
        self.hangUp = hangUp
        self.dead = dead
        self.slowSeconds = slowSeconds
    }

    /// Starts the listeners.
    /// - Parameter slowSeconds: how long the slow scenario keeps its first request waiting.
    /// - Throws: bind errors from SwiftNIO.
    public static func start(slowSeconds: Double = 5) async throws -> FaultServer {
        let dead = try ReservedPort()
        let hangUp = try await HangUpListener.start()
        let router = FaultRouter(slowSeconds: slowSeconds)
        let http: LoopbackHTTPServer
        do {
            http = try await LoopbackHTTPServer.start { await router.respond($0) }
        } catch {
            try? await hangUp.stop()
            throw error
        }
        router.setPorts(hangUp: hangUp.port, dead: dead.port)
        return FaultServer(http: http, router: router, hangUp: hangUp, dead: dead, slowSeconds: slowSeconds)
    }

    /// Stops both listeners.
    public func stop() async throws {
        try? await hangUp.stop()
        try await http.stop()
    }

    /// Requests the HTTP server answered for `path`, counted as `"METHOD /path"`.
    public func hits(_ method: String, _ path: String) -> Int { router.hits(method + " " + path) }

    /// Requests the HTTP server answered for `scenario`, any method.
    public func hits(_ scenario: FaultScenario) -> Int { router.hits(scenario.path) }

    /// Connections the hang-up listener accepted.
    public var hangUpConnections: Int { hangUp.connections }
}

/// Routes requests to scenarios and counts them. Lock-protected: NIO handlers run on the
/// event loop while tests read the counts.
final class FaultRouter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var hangUpPort = 0
    private var deadPort = 0
    let slowSeconds: Double

    init(slowSeconds: Double) {
        self.slowSeconds = slowSeconds
    }

    func setPorts(hangUp: Int, dead: Int) {
        lock.withLock {
            hangUpPort = hangUp
            deadPort = dead
        }
    }

    func hits(_ key: String) -> Int { lock.withLock { counts[key, default: 0] } }

    /// Counts the request; returns how many requests for this path came before it.
    private func count(_ request: ServerRequest) -> Int {
        let path = Self.pathOnly(request.path)
        return lock.withLock {
            counts[request.method + " " + path, default: 0] += 1
            defer { counts[path, default: 0] += 1 }
            return counts[path, default: 0]
        }
    }

    func respond(_ request: ServerRequest) async -> ServerResponse {
        let earlier = count(request)
        let path = Self.pathOnly(request.path)
        if path == "/links" { return linksPage() }
        guard path.hasPrefix("/scenario/"), let scenario = FaultScenario(rawValue: String(path.dropFirst(10))) else {
            return .notFound
        }
        let failing = earlier < scenario.failuresBeforeOK
        switch scenario {
        case .ok:
            return Self.page("OK")
        case .headNotAllowed:
            return request.method == "HEAD" ? .text("Method Not Allowed", status: 405) : Self.page("GET works")
        case .headNotFound:
            return request.method == "HEAD" ? .notFound : Self.page("GET works")
        case .retryAfterSeconds:
            return failing ? Self.tooMany(retryAfter: "7") : Self.page("after the pause")
        case .retryAfterDate:
            return failing ? Self.tooMany(retryAfter: FaultServer.retryAfterDateText) : Self.page("after the date")
        case .retryAfterGarbage:
            return failing ? Self.tooMany(retryAfter: "soon, maybe") : Self.page("after a guess")
        case .retryAfterTooLong:
            return Self.tooMany(retryAfter: "3600")
        case .alwaysRateLimited:
            return Self.tooMany(retryAfter: "1")
        case .unavailableThenOK:
            return failing ? .text("Service Unavailable", status: 503) : Self.page("recovered")
        case .unavailableRetryAfter:
            return failing
                ? ServerResponse(status: 503, headers: [("Retry-After", "5"), ("Content-Type", "text/plain")],
                                 body: Array("Maintenance".utf8))
                : Self.page("maintenance over")
        case .serverError:
            return .text("Internal Server Error", status: 500)
        case .slowThenOK:
            if failing { await holdUntilRetried(path, atMost: slowSeconds) }
            return Self.page("finally")
        case .redirectLoop:
            return .redirect(to: FaultScenario.redirectLoopB.path, status: 302)
        case .redirectLoopB:
            return .redirect(to: FaultScenario.redirectLoop.path, status: 302)
        case .cookieRedirect:
            if request.header("cookie")?.contains("pantau_gate=1") == true { return Self.page("past the cookie wall") }
            return ServerResponse(status: 302, headers: [("Location", scenario.path),
                                                         ("Set-Cookie", "pantau_gate=1; Path=/")])
        case .cloudflareChallenge:
            return .html("""
                <!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>
                <body><div id="cf-chl-widget">Checking if the site connection is secure</div>
                <script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>
                """, status: 403)
        case .sucuriBlockPage:
            return .html("""
                <html><head><title>Sucuri WebSite Firewall - Access Denied</title></head>
                <body><h1>Access Denied - Sucuri Website Firewall</h1></body></html>
                """)
        case .accessDenied:
            return .html("<html><head><title>Access Denied</title></head><body>Reference #18.2f</body></html>",
                         status: 503)
        case .unauthorized:
            return .text("Unauthorized", status: 401)
        case .botWall:
            return .text("Request denied", status: 999)
        case .notFound:
            return .notFound
        }
    }

    /// Keeps a request unanswered until the client asks again (it gave up on this one) or
    /// `seconds` pass, so the slow scenario costs no more real time than the client's timeout.
    private func holdUntilRetried(_ path: String, atMost seconds: Double) async {
        let steps = max(1, Int(seconds / 0.02))
        for _ in 0..<steps where hits(path) < 2 {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Every scenario once, the hang-up and dead hosts under several paths, and links that are
    /// not fetched at all.
    private func linksPage() -> ServerResponse {
        let (hangUp, dead) = lock.withLock { (hangUpPort, deadPort) }
        var links = FaultScenario.allCases.filter { $0 != .retryAfterTooLong }
            .map { "<a href=\"\($0.path)\">\($0.rawValue)</a>" }
        for index in 1...8 {
            links.append("<a href=\"http://\(FaultServer.deadHost):\(dead)/dokumen/\(index)\">mati \(index)</a>")
        }
        for index in 1...3 {
            links.append("<a href=\"http://\(FaultServer.hangUpHost):\(hangUp)/berita/\(index)\">putus \(index)</a>")
        }
        links += [
            "<a href=\"mailto:ppid@dinas.test\">surel</a>",
            "<a href=\"tel:+62281123456\">telepon</a>",
            "<a href=\"javascript:void(0)\">menu</a>",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
        ]
        return Self.page("<p>" + links.joined(separator: "\n") + "</p>")
    }

    private static func page(_ body: String) -> ServerResponse {
        .html("<!DOCTYPE html><html><head><title>Uji</title></head><body>\(body)</body></html>")
    }

    private static func tooMany(retryAfter: String) -> ServerResponse {
        ServerResponse(status: 429, headers: [("Retry-After", retryAfter), ("Content-Type", "text/plain")],
                       body: Array("Too Many Requests".utf8))
    }

    private static func pathOnly(_ target: String) -> String {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
    }
}

/// Accepts TCP connections on 127.0.0.1, reads the first bytes of the request and closes the
/// connection without answering: the client sees an empty reply (a reset, to it).
final class HangUpListener: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let counter: ConnectionCounter
    let port: Int

    var connections: Int { counter.value }

    private init(group: MultiThreadedEventLoopGroup, channel: Channel, counter: ConnectionCounter, port: Int) {
        self.group = group
        self.channel = channel
        self.counter = counter
        self.port = port
    }

    static func start() async throws -> HangUpListener {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let counter = ConnectionCounter()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counter.increment()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HangUpHandler())
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
            guard let port = channel.localAddress?.port else {
                try? await channel.close()
                throw ServerStartError.noLocalAddress
            }
            return HangUpListener(group: group, channel: channel, counter: counter, port: port)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Closes its connection as soon as request bytes arrive.
private final class HangUpHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.close(promise: nil)
    }
}

private final class ConnectionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func increment() { lock.withLock { count += 1 } }
}
