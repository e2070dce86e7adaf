import Foundation
import PantauAudit
import PantauCore
import PantauDemo
import PantauFetch
import PantauPlugins
import PantauRules
import PantauYAML
import Testing

/// The inventory's `rule_params` in a real audit: one kelurahan whose newest post is older than
/// the default 90 days is judged with its own `aktif_days`, the others with the pack's.
@Suite("End to end: per-institution rule parameters")
struct RuleOverrideAuditTests {
    static let auditDate = CalendarDate(year: 2026, month: 12, day: 1)!

    @Test func anOverrideChangesOneInstitutionsActivityClassOnly() async throws {
        let district = DemoDistrict(seed: 1, auditDate: Self.auditDate)
        let server = try await DemoServer.start(district: district)
        let port = server.port
        let truth = district.groundTruth(port: port)
        // Two wilayah sites planted kurang-aktif: the first gets a 365-day aktif threshold.
        let planted = truth.institutions.filter { $0.activity == .kurangAktif && $0.type != .opd && $0.type != .district }
        try #require(planted.count >= 2)
        let ages = planted.map { $0.latestPostDate.days(until: Self.auditDate) }
        #expect(ages.allSatisfy { $0 > 90 && $0 <= 180 })

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-override-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let urls = Dictionary(uniqueKeysWithValues: district.institutions(port: port).map { ($0.id, $0.url) })
        let entries = planted.prefix(2).enumerated().map { index, site in
            """
              - id: \(site.id)
                name: \(site.name)
                type: \(site.type.rawValue)
                url: \(urls[site.id]!)
            """ + (index == 0 ? "\n    rule_params:\n      freshness.activity-wilayah: { aktif_days: 365, kurang_aktif_days: 730 }" : "")
        }
        let inventoryPath = dir + "/inventory.yaml"
        try ("institutions:\n" + entries.joined(separator: "\n") + "\n").write(toFile: inventoryPath, atomically: true, encoding: .utf8)
        let inventory = try InventoryLoader.load(path: inventoryPath)
        #expect(inventory.problems.isEmpty)

        let ruleSet = try RuleSet.load(directory: repositoryRules, plugins: PluginRegistry.defaultCategories)
            .selecting(PackSelection(only: ["freshness"]))
        #expect(RuleChecks.lint(inventory: inventory, rules: ruleSet.rules).isEmpty)
        var fetch = FetchConfiguration()
        fetch.onlyResolved = true
        fetch.resolve = district.hosts.map { ResolveEntry(host: $0, port: port, address: "127.0.0.1") }
        let audit = try Audit(configuration: AuditConfiguration(institutions: inventory.institutions, ruleSet: ruleSet,
                                                                fetch: fetch, auditDate: Self.auditDate))
        let report = try await audit.run()
        try await server.stop()

        let byID = Dictionary(uniqueKeysWithValues: report.institutions.map { ($0.id, $0) })
        #expect(byID[planted[0].id]?.activity == .aktif)
        #expect(byID[planted[1].id]?.activity == .kurangAktif)
        // Only the freshness pack ran: no sections, no link findings.
        #expect(report.institutions.allSatisfy { $0.sections.isEmpty && $0.findings.allSatisfy { $0.rule.hasPrefix("freshness.") } })
    }
}
