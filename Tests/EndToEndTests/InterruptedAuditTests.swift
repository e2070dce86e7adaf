import Foundation
import PantauAudit
import PantauCore
import PantauCrawl
import PantauFetch
import PantauHTTPServer
import PantauPlugins
import PantauRules
import Synchronization
import Testing

/// Ctrl-C during an audit: the partial report must not call a site that was still loading
/// "unreachable" (a critical finding and a score of 0 it never earned).
@Suite("End to end: an interrupted audit")
struct InterruptedAuditTests {
    @Test func aSiteCutOffBeforeItsHomePageIsLeftOutNotReportedUnreachable() async throws {
        let homeRequested = Flag()
        let release = Flag()
        let server = try await LoopbackHTTPServer.start { request in
            guard request.path == "/" else { return .notFound }
            homeRequested.set()
            // Holds the home page until the test is done (bounded: 10 s at most).
            for _ in 0..<200 where !release.isSet {
                try? await Task.sleep(for: .milliseconds(50))
            }
            return .html("<html><body><p>Beranda</p></body></html>")
        }
        let host = "lambat.contohkab.test"
        var fetch = FetchConfiguration()
        fetch.onlyResolved = true
        fetch.resolve = [ResolveEntry(host: host, port: server.port, address: "127.0.0.1")]
        let institution = Institution(id: "lambat", name: "Kelurahan Lambat", type: .kelurahan,
                                      url: "http://\(host):\(server.port)/")
        let ruleSet = try RuleSet.load(directory: repositoryRules, plugins: PluginRegistry.defaultCategories)
        let audit = try Audit(configuration: AuditConfiguration(
            institutions: [institution], ruleSet: ruleSet, fetch: fetch, politeness: .passThrough,
            auditDate: CalendarDate(year: 2026, month: 12, day: 1)!))

        let run = Task { try await audit.run() }
        for _ in 0..<500 where !homeRequested.isSet {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(homeRequested.isSet)
        run.cancel()
        let report = try await run.value
        release.set()
        try await server.stop()

        #expect(!report.complete)
        #expect(report.institutions.isEmpty, "\(report.institutions.map { ($0.id, $0.findings.map(\.rule)) })")
    }
}

/// A flag the server's handler and the test share.
private final class Flag: Sendable {
    private let state = Mutex(false)
    var isSet: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}
