import Foundation
import PantauAudit
import PantauCore
import PantauCrawl
import PantauDemo
import PantauFetch
import PantauPlugins
import PantauReport
import PantauRules
import Testing

/// The repository's default rule packs.
let repositoryRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules").path

@Suite("End to end: audit the demo district against its planted ground truth")
struct DemoAuditTests {
    static let auditDate = CalendarDate(year: 2026, month: 12, day: 1)!

    /// Audits the whole demo district once, plus one institution whose host cannot be reached.
    static func auditDemo() async throws -> (AuditReport, DemoGroundTruth, Int) {
        let district = DemoDistrict(seed: 1, auditDate: auditDate)
        let server = try await DemoServer.start(district: district)
        let port = server.port
        let truth = district.groundTruth(port: port)
        var institutions = district.institutions(port: port)
        institutions.append(Institution(id: "mati", name: "Situs Mati", type: .kelurahan,
                                        url: "http://kel-mati.sukamajukab.test:\(port)/"))
        var fetch = FetchConfiguration()
        fetch.onlyResolved = true
        fetch.resolve = district.hosts.map { ResolveEntry(host: $0, port: port, address: "127.0.0.1") }
        let ruleSet = try RuleSet.load(directory: repositoryRules, plugins: PluginRegistry.defaultCategories)
        // The demo's sites are served by this process: no per-host rate, as `pantau demo` does.
        let audit = try Audit(configuration: AuditConfiguration(institutions: institutions, ruleSet: ruleSet, fetch: fetch,
                                                                politeness: PolitenessPolicy(requestsPerSecond: 0),
                                                                auditDate: auditDate))
        let report = try await audit.run()
        let requests = server.requestCount
        try await server.stop()
        return (report, truth, requests)
    }

    @Test func auditMatchesTheGroundTruth() async throws {
        let (report, truth, requests) = try await Self.auditDemo()
        #expect(report.complete)
        #expect(report.institutions.count == 66)
        let byID = Dictionary(uniqueKeysWithValues: report.institutions.map { ($0.id, $0) })

        for expected in truth.institutions {
            guard let found = byID[expected.id] else {
                Issue.record("\(expected.id) is missing from the report")
                continue
            }
            #expect(found.reachable, "\(expected.id)")
            #expect(found.latestContent.date == expected.latestPostDate,
                    "\(expected.id): latest content \(String(describing: found.latestContent.date)) from \(found.latestContent.source ?? "-"), planted \(expected.latestPostDate)")
            #expect(found.activity == expected.activity, "\(expected.id)")
            let sections = Dictionary(uniqueKeysWithValues: found.sections.map { ($0.id, $0.status) })
            for section in expected.sections {
                #expect(sections[section.id] == section.status,
                        "\(expected.id) section \(section.id): found \(String(describing: sections[section.id])), planted \(section.status)")
            }
            let foundBroken = Dictionary(uniqueKeysWithValues: found.brokenLinks.map { ($0.url, $0.referrers) })
            let plantedBroken = Dictionary(uniqueKeysWithValues: expected.brokenLinks.map { ($0.url, $0.referrers) })
            #expect(Set(foundBroken.keys) == Set(plantedBroken.keys), "\(expected.id) broken links")
            for (url, referrers) in plantedBroken {
                #expect(foundBroken[url] == referrers, "\(expected.id): referrers of \(url)")
            }
        }
        #expect(report.summary.brokenLinkCount == truth.brokenLinkCount)
        // Politeness: every page and link once; nothing like a second crawl.
        #expect(requests < 4 * truth.institutions.reduce(0) { $0 + $1.pageCount })
    }

    @Test func anUnreachableSiteIsReportedAndTheRestStillCompletes() async throws {
        let (report, _, _) = try await Self.auditDemo()
        let dead = try #require(report.institutions.first { $0.id == "mati" })
        #expect(!dead.reachable)
        #expect(dead.unreachableReason?.contains("kel-mati.sukamajukab.test") == true)
        #expect(dead.activity == .tidakAktif)
        #expect(dead.score == 0)
        // One finding that says why, not one per rule repeating the connection error.
        #expect(dead.findings.map(\.rule) == ["site.unreachable"])
        #expect(dead.findings.first?.severity == .critical)
        #expect(Set(dead.categories.keys) == Set(report.institutions[0].categories.keys))
        #expect(report.institutions.filter(\.reachable).count == 65)
    }
}
