import LinkHealth
import PantauCore
import PantauYAML
import Testing

@Suite("LinkHealth plugin: crawl observations")
struct LinkHealthObservationTests {
    let site = Institution(id: "contoh", name: "Dinas Contoh", type: .kecamatan, url: "https://contoh.go.id/")
    let day = CalendarDate(year: 2026, month: 11, day: 29)!

    func rule(_ params: String) throws -> RuleDefinition {
        let node = try #require(try YAMLParser.parse(params, file: "links.yaml").first)
        return RuleDefinition(id: "links.missing-fragment", plugin: "linkhealth", title: "Fragmen", severity: .warning,
                              weight: 0, category: "links", appliesTo: Set(InstitutionType.allCases), params: node,
                              location: SourceLocation(file: "links.yaml", line: 1, column: 1))
    }

    @Test func reportsOnlyItsKindsAndAddsNothingToTheBrokenLinks() throws {
        let plugin = try LinkHealthPlugin(rules: [rule("observations: [missing-fragment]\npenalty_per_link: 10")])
        let observations = [
            CrawlObservation(kind: .missingFragment, url: "https://contoh.go.id/perbup/#pasal-5",
                             detail: "no element with id or name \"pasal-5\"", referrer: "https://contoh.go.id/"),
            CrawlObservation(kind: .trap, url: "https://contoh.go.id/?ical=1", detail: "1 URL(s) not crawled: calendar archive"),
        ]
        let broken = LinkReport(url: "https://contoh.go.id/a.pdf", verdict: .broken, status: 404, error: nil,
                                redirectChain: [], referrers: ["https://contoh.go.id/"], isInternal: true)
        let result = plugin.makeInspector(for: site, auditDate: day).finish(
            SiteCrawlSummary(institution: site, auditDate: day, reachable: true, unreachableReason: nil, pagesCrawled: 2,
                             links: [broken], observations: observations))
        let outcome = try #require(result.outcomes.first)
        #expect(outcome.findings.count == 1, "the trap is not this rule's, the broken PDF neither")
        #expect(outcome.findings.first?.severity == .warning)
        #expect(outcome.findings.first?.message.contains("https://contoh.go.id/perbup/#pasal-5") == true)
        #expect(outcome.findings.first?.evidence.map(\.url) == ["https://contoh.go.id/perbup/#pasal-5", "https://contoh.go.id/"])
        #expect(outcome.score == 90)
        for fact in result.facts {
            if case .brokenLinks(let links) = fact { #expect(links.isEmpty) }
        }
    }

    @Test func verdictsAndObservationsExcludeEachOther() throws {
        #expect(throws: RuleErrors.self) {
            _ = try LinkHealthPlugin(rules: [rule("observations: [tls]\nverdicts: [broken]")])
        }
        #expect(throws: RuleErrors.self) {
            _ = try LinkHealthPlugin(rules: [rule("observations: [certificate]")])
        }
    }
}
