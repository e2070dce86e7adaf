import Foundation
import PantauCore
import PantauFetch
import Testing
@testable import PantauCrawl

/// A TLS server for one test: `openssl s_server -www` on 127.0.0.1 with a fresh self-signed
/// certificate for `secure.test`, killed when the test ends.
final class OpenSSLServer {
    let directory: URL
    let process = Process()
    private(set) var port = 0
    var certificate: String { directory.appendingPathComponent("cert.pem").path }

    static let openssl = "/usr/bin/openssl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: openssl) }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: Self.openssl)
        generate.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                              "-keyout", directory.appendingPathComponent("key.pem").path, "-out", certificate,
                              "-days", "2", "-subj", "/CN=secure.test", "-addext", "subjectAltName=DNS:secure.test"]
        generate.standardOutput = FileHandle.nullDevice
        generate.standardError = FileHandle.nullDevice
        try generate.run()
        generate.waitUntilExit()
    }

    /// Starts the server and waits (at most 5 s, polling its output) for the port it bound.
    func start() async throws {
        let log = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.openssl)
        process.arguments = ["s_server", "-accept", "127.0.0.1:0", "-www",
                             "-cert", certificate, "-key", directory.appendingPathComponent("key.pem").path]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
               let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                self.port = port
                return
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw CocoaError(.fileReadUnknown)
    }

    /// Ends the server with SIGKILL: `s_server` ignores SIGTERM while it waits in accept().
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }
}

@Suite("TLS: verified by default, problems reported with their reason")
struct TLSTests {
    private func crawl(port: Int, caFile: String?) async throws -> SiteCrawlSummary {
        var config = FetchConfiguration()
        config.resolve = [ResolveEntry(host: "secure.test", port: port, address: "127.0.0.1")]
        config.onlyResolved = true
        // A bound on a hung request, not a timing assertion: under the full suite's load on a cold
        // machine a loopback robots.txt once took over 10 s, and an unanswered robots.txt disallows all.
        config.requestTimeout = 60
        config.caFile = caFile
        let engine = try FetchEngine(configuration: config)
        let services = CrawlServices(fetcher: PoliteFetcher(engine: engine, limiter: HostLimiter(permitsPerHost: 1)),
                                     limits: CrawlLimits(maxPages: 3))
        let institution = Institution(id: "secure", name: "Secure", type: .opd, url: "https://secure.test:\(port)/")
        let summary = await SiteCrawler(institution: institution, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!,
                                        services: services, inspectors: []).run()
        engine.shutdown()
        return summary
    }

    @Test(.enabled(if: OpenSSLServer.isAvailable, "needs the openssl command"))
    func untrustedCertificateIsATLSProblemAndCacertFixesIt() async throws {
        let server = try OpenSSLServer()
        defer { server.stop() }
        try await server.start()

        let refused = try await crawl(port: server.port, caFile: nil)
        #expect(!refused.reachable)
        let problem = try #require(refused.observations.first { $0.kind == .tlsProblem })
        #expect(problem.detail.lowercased().contains("certificate"), "the reason names the certificate: \(problem.detail)")
        #expect(refused.unreachableReason?.lowercased().contains("certificate") == true)

        let trusted = try await crawl(port: server.port, caFile: server.certificate)
        #expect(trusted.reachable, "--cacert adds the test CA: \(trusted.unreachableReason ?? "")")
        #expect(!trusted.observations.contains { $0.kind == .tlsProblem })
    }
}
