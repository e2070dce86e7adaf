@testable import PantauFetch
import PantauHTTPServer
import Testing

/// Routes of the test site. Every route is deterministic; `/slow` is the only one that waits.
private func route(_ request: ServerRequest, port: Int, arrivals: AsyncStream<String>.Continuation) async
    -> ServerResponse
{
    let path = request.path
    switch path {
    case "/ok":
        return .html("<p>halo</p>")
    case "/missing":
        return .notFound
    case "/hops/start":  // absolute Location
        return .redirect(to: "http://127.0.0.1:\(port)/hops/middle", status: 302)
    case "/hops/middle":  // relative Location
        return .redirect(to: "end?x=1", status: 301)
    case "/hops/end?x=1":
        return .text("arrived")
    case "/dir/sub/page":
        return .redirect(to: "../other", status: 307)
    case "/dir/other":
        return .text("other")
    case "/loop/a":
        return .redirect(to: "/loop/b", status: 302)
    case "/loop/b":
        return .redirect(to: "/loop/a", status: 308)
    case "/away":
        return .redirect(to: "http://example.invalid/", status: 302)
    case "/big":
        return .text(String(repeating: "x", count: 100_000))
    case "/echo":
        let agent = request.header("User-Agent") ?? "-"
        let custom = request.header("X-Pantau-Test") ?? "-"
        return .text("\(request.method) host=\(request.host) agent=\(agent) custom=\(custom)")
    case "/slow":
        arrivals.yield(path)
        try? await Task.sleep(for: .seconds(2))
        return .text("late")
    default:
        if path.hasPrefix("/chain/"), let n = Int(path.dropFirst("/chain/".count)) {
            return n == 0 ? .text("end of chain") : .redirect(to: "/chain/\(n - 1)", status: 303)
        }
        if path.hasPrefix("/item/") {
            return .text(String(path.dropFirst("/item/".count)))
        }
        return .notFound
    }
}

/// A loopback server plus an engine pointed at it; torn down by `close()`.
private struct Fixture {
    let server: LoopbackHTTPServer
    let engine: FetchEngine
    let arrivals: AsyncStream<String>
    var base: String { "http://127.0.0.1:\(server.port)" }

    static func make(_ configure: (inout FetchConfiguration, Int) -> Void = { _, _ in }) async throws -> Fixture {
        let (arrivals, arrived) = AsyncStream.makeStream(of: String.self)
        let portBox = PortBox()
        let server = try await LoopbackHTTPServer.start { request in
            await route(request, port: portBox.port, arrivals: arrived)
        }
        portBox.port = server.port
        var configuration = FetchConfiguration()
        configure(&configuration, server.port)
        let engine = try FetchEngine(configuration: configuration)
        return Fixture(server: server, engine: engine, arrivals: arrivals)
    }

    func close() async throws {
        engine.shutdown()
        try await server.stop()
    }
}

/// The server's port, known only after it started; set once before any request arrives.
private final class PortBox: @unchecked Sendable {
    var port = 0
}

private func outcome(_ engine: FetchEngine, _ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
    do { return .success(try await engine.fetch(request)) } catch { return .failure(error) }
}

@Suite struct FetchEngineTests {
    @Test func okReturnsStatusHeadersAndBody() async throws {
        let fixture = try await Fixture.make()
        let response = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/ok"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "<p>halo</p>")
        #expect(response.header("content-type") == "text/html; charset=utf-8")
        #expect(response.bodyTruncated == false)
        #expect(response.redirectChain.isEmpty)
        #expect(response.finalURL == fixture.base + "/ok")
        try await fixture.close()
    }

    @Test func notFoundIsAResponseNotAnError() async throws {
        let fixture = try await Fixture.make()
        let response = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/missing"))
        #expect(response.status == 404)
        try await fixture.close()
    }

    @Test func headReturnsHeadersWithoutBody() async throws {
        let fixture = try await Fixture.make()
        let response = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/ok", method: .head))
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.header("Content-Length") == String("<p>halo</p>".utf8.count))
        try await fixture.close()
    }

    @Test func sendsUserAgentAndRequestHeaders() async throws {
        let fixture = try await Fixture.make()
        let response = try await fixture.engine.fetch(
            FetchRequest(url: fixture.base + "/echo", headers: [("X-Pantau-Test", "satu")]))
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text == "GET host=127.0.0.1 agent=\(FetchConfiguration.defaultUserAgent) custom=satu")
        try await fixture.close()
    }

    @Test func recordsEveryRedirectHopWithStatus() async throws {
        let fixture = try await Fixture.make()
        let response = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/hops/start"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "arrived")
        #expect(response.finalURL == fixture.base + "/hops/end?x=1")
        #expect(response.redirectChain == [
            RedirectHop(url: fixture.base + "/hops/start", status: 302, location: fixture.base + "/hops/middle"),
            RedirectHop(url: fixture.base + "/hops/middle", status: 301, location: fixture.base + "/hops/end?x=1"),
        ])
        #expect(fixture.server.requestCount == 3)
        try await fixture.close()
    }

    @Test func resolvesRelativeLocationAgainstCurrentURL() async throws {
        let fixture = try await Fixture.make()
        let response = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/dir/sub/page"))
        #expect(response.finalURL == fixture.base + "/dir/other")
        #expect(response.redirectChain.map(\.status) == [307])
        #expect(String(decoding: response.body, as: UTF8.self) == "other")
        try await fixture.close()
    }

    @Test func redirectNotFollowedWhenAskedNotTo() async throws {
        let fixture = try await Fixture.make()
        let response = try await fixture.engine.fetch(
            FetchRequest(url: fixture.base + "/hops/start", followRedirects: false))
        #expect(response.status == 302)
        #expect(response.redirectChain.isEmpty)
        #expect(response.header("location") == fixture.base + "/hops/middle")
        try await fixture.close()
    }

    @Test func detectsRedirectLoop() async throws {
        let fixture = try await Fixture.make()
        let result = await outcome(fixture.engine, FetchRequest(url: fixture.base + "/loop/a"))
        guard case .failure(.redirectLoop(let url, let chain)) = result else {
            Issue.record("expected redirectLoop, got \(result)")
            return
        }
        #expect(url == fixture.base + "/loop/a")
        #expect(chain.map(\.status) == [302, 308])
        #expect(chain.last?.location == fixture.base + "/loop/a")
        #expect(fixture.server.requestCount == 2)
        try await fixture.close()
    }

    @Test func tenRedirectsAreFollowedElevenAreTooMany() async throws {
        let fixture = try await Fixture.make()
        let ten = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/chain/10"))
        #expect(ten.status == 200)
        #expect(ten.redirectChain.count == 10)
        #expect(ten.redirectChain.allSatisfy { $0.status == 303 })

        let result = await outcome(fixture.engine, FetchRequest(url: fixture.base + "/chain/11"))
        guard case .failure(.tooManyRedirects(let url, let chain)) = result else {
            Issue.record("expected tooManyRedirects, got \(result)")
            return
        }
        #expect(url == fixture.base + "/chain/11")
        #expect(chain.count == 11)
        try await fixture.close()
    }

    @Test func bodyCapTruncatesAndFlags() async throws {
        let fixture = try await Fixture.make { configuration, _ in configuration.maxBodyBytes = 1000 }
        let capped = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/big"))
        #expect(capped.status == 200)
        #expect(capped.body.count == 1000)
        #expect(capped.bodyTruncated)

        let widened = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/big", maxBodyBytes: 200_000))
        #expect(widened.body.count == 100_000)
        #expect(widened.bodyTruncated == false)
        try await fixture.close()
    }

    @Test func resolveEntryReachesLoopbackUnderSiteHostName() async throws {
        let fixture = try await Fixture.make { configuration, port in
            configuration.resolve = [ResolveEntry(parsing: "dinkes.purbalingga.test:\(port):127.0.0.1")!]
            configuration.onlyResolved = true
        }
        let url = "http://dinkes.purbalingga.test:\(fixture.server.port)/echo"
        let response = try await fixture.engine.fetch(FetchRequest(url: url))
        #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("GET host=dinkes.purbalingga.test "))
        #expect(response.finalURL == url)
        try await fixture.close()
    }

    @Test func onlyResolvedRejectsUnlistedHostsBeforeAnyConnection() async throws {
        let fixture = try await Fixture.make { configuration, port in
            configuration.resolve = [ResolveEntry(host: "127.0.0.1", port: port, address: "127.0.0.1")]
            configuration.onlyResolved = true
        }
        let direct = await outcome(fixture.engine, FetchRequest(url: "http://example.invalid/"))
        #expect(direct.fetchError == .hostNotAllowed(url: "http://example.invalid/"))
        // Same host, other port: not listed either.
        let otherPort = await outcome(fixture.engine, FetchRequest(url: "http://127.0.0.1:1/"))
        #expect(otherPort.fetchError == .hostNotAllowed(url: "http://127.0.0.1:1/"))
        // A redirect towards an unlisted host is refused before libcurl sees it.
        let redirected = await outcome(fixture.engine, FetchRequest(url: fixture.base + "/away"))
        #expect(redirected.fetchError == .hostNotAllowed(url: "http://example.invalid/"))
        #expect(fixture.server.requestCount == 1)
        try await fixture.close()
    }

    @Test(arguments: ["not a url", "ftp://127.0.0.1/file", "file:///etc/passwd", "/relative/path"])
    func rejectsNonHTTPURLs(_ url: String) async throws {
        let engine = try FetchEngine(configuration: FetchConfiguration())
        let result = await outcome(engine, FetchRequest(url: url))
        #expect(result.fetchError == .invalidURL(url))
        engine.shutdown()
    }

    @Test func connectionRefusedNamesTheURL() async throws {
        // A port held without listening: connections are refused, and no other test's server
        // can be given it meanwhile.
        let reserved = try ReservedPort()
        let port = reserved.port

        let engine = try FetchEngine(configuration: FetchConfiguration())
        let url = "http://127.0.0.1:\(port)/"
        let result = await outcome(engine, FetchRequest(url: url))
        guard case .failure(let error) = result, case .connectionFailed(let failedURL, let reason) = error else {
            Issue.record("expected connectionFailed, got \(result)")
            return
        }
        #expect(failedURL == url)
        #expect(!reason.isEmpty)
        #expect(error.description.contains(url))
        engine.shutdown()
        withExtendedLifetime(reserved) {}
    }

    @Test func slowHandlerTimesOut() async throws {
        let fixture = try await Fixture.make { configuration, _ in configuration.requestTimeout = 0.2 }
        let result = await outcome(fixture.engine, FetchRequest(url: fixture.base + "/slow"))
        #expect(result.fetchError == .timeout(url: fixture.base + "/slow", seconds: 0.2))
        try await fixture.close()
    }

    @Test func cancellingTheTaskCancelsTheFetch() async throws {
        let fixture = try await Fixture.make()
        let engine = fixture.engine
        let url = fixture.base + "/slow"
        let task = Task { await outcome(engine, FetchRequest(url: url)) }
        var arrivals = fixture.arrivals.makeAsyncIterator()
        _ = await arrivals.next()  // the request is in flight on the server
        task.cancel()
        #expect(await task.value.fetchError == .cancelled(url: url))

        // The engine keeps working after a cancellation.
        let after = try await engine.fetch(FetchRequest(url: fixture.base + "/ok"))
        #expect(after.status == 200)
        try await fixture.close()
    }

    @Test func alreadyCancelledTaskFailsWithoutFetching() async throws {
        let fixture = try await Fixture.make()
        let engine = fixture.engine
        let url = fixture.base + "/ok"
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await outcome(engine, FetchRequest(url: url))
        }
        #expect(await task.value.fetchError == .cancelled(url: url))
        #expect(fixture.server.requestCount == 0)
        try await fixture.close()
    }

    @Test func shutdownFailsLaterFetchesAsCancelled() async throws {
        let fixture = try await Fixture.make()
        fixture.engine.shutdown()
        let url = fixture.base + "/ok"
        #expect(await outcome(fixture.engine, FetchRequest(url: url)).fetchError == .cancelled(url: url))
        try await fixture.close()
    }

    @Test func twoHundredConcurrentFetchesAllComplete() async throws {
        let fixture = try await Fixture.make()
        let engine = fixture.engine
        let base = fixture.base
        let bodies = await withTaskGroup(of: (Int, String?).self) { group in
            for i in 0..<200 {
                group.addTask {
                    let response = try? await engine.fetch(FetchRequest(url: "\(base)/item/\(i)"))
                    return (i, response.map { String(decoding: $0.body, as: UTF8.self) })
                }
            }
            var collected: [Int: String?] = [:]
            for await (i, body) in group { collected[i] = body }
            return collected
        }
        #expect(bodies.count == 200)
        #expect(bodies.allSatisfy { $0.value == String($0.key) })
        #expect(fixture.server.requestCount == 200)
        try await fixture.close()
    }

    @Test func resolveEntryParsing() {
        #expect(ResolveEntry(parsing: "Dinkes.Purbalingga.test:8080:127.0.0.1")
            == ResolveEntry(host: "dinkes.purbalingga.test", port: 8080, address: "127.0.0.1"))
        #expect(ResolveEntry(parsing: "h.test:443:[::1]")?.address == "[::1]")
        #expect(ResolveEntry(parsing: "h.test:80") == nil)
        #expect(ResolveEntry(parsing: "h.test:0:127.0.0.1") == nil)
        #expect(ResolveEntry(parsing: ":80:127.0.0.1") == nil)
        #expect(ResolveEntry(parsing: "h.test:http:127.0.0.1") == nil)
        // A name instead of an address would make libcurl skip the entry and ask DNS.
        #expect(ResolveEntry(parsing: "h.test:80:notanip") == nil)
        #expect(ResolveEntry(parsing: "h.test:80:localhost") == nil)
        #expect(ResolveEntry(parsing: "h.test:80:127.0.0.1,evil.example") == nil)
        #expect(ResolveEntry(parsing: "h.test:80:127.0.0.256") == nil)
        #expect(ResolveEntry(parsing: "h.test:80:[]") == nil)
        #expect(ResolveEntry(parsing: "h.test:80:::1")?.address == "::1")
        #expect(ResolveEntry(parsing: "h.test:80:127.0.0.1,[::1]")?.address == "127.0.0.1,[::1]")
    }

    @Test func anUnboundedTimeoutIsClampedNotACrash() async throws {
        #expect(MultiDriver.milliseconds(.infinity) == MultiDriver.maxMilliseconds)
        #expect(MultiDriver.milliseconds(1e300) == MultiDriver.maxMilliseconds)
        #expect(MultiDriver.milliseconds(.nan) == MultiDriver.maxMilliseconds)
        #expect(MultiDriver.milliseconds(1.0001) == 1001)
        let fixture = try await Fixture.make { configuration, _ in configuration.requestTimeout = .infinity }
        let response = try await fixture.engine.fetch(FetchRequest(url: fixture.base + "/echo"))
        #expect(response.status == 200)
        try await fixture.close()
    }
}

extension Result where Failure == FetchError {
    /// The error of a failed fetch, nil for a response; lets tests compare outcomes by error.
    var fetchError: FetchError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
