import LinkHealth
import PantauCore
import PantauYAML
import Testing

private let site = Institution(id: "contoh", name: "Dinas Contoh", type: .kecamatan, url: "https://contoh.go.id/")
private let day = CalendarDate(year: 2026, month: 11, day: 29)!

private func linkRule(_ params: String?, file: String = "links.yaml") throws -> RuleDefinition {
    let node = try params.map { text in try #require(try YAMLParser.parse(text, file: file).first) }
    return RuleDefinition(id: "links.broken", plugin: "linkhealth", title: "Tautan rusak", severity: .error, weight: 1,
                          category: "links", appliesTo: Set(InstitutionType.allCases), params: node,
                          location: SourceLocation(file: file, line: 1, column: 1))
}

private func report(_ url: String, _ verdict: LinkVerdict, status: Int? = 404, error: String? = nil,
                    chain: [String] = [], referrers: [String] = ["https://contoh.go.id/"],
                    isInternal: Bool = true) -> LinkReport {
    LinkReport(url: url, verdict: verdict, status: status, error: error, redirectChain: chain, referrers: referrers,
               isInternal: isInternal)
}

private func finish(_ params: String?, _ links: [LinkReport], reachable: Bool = true) throws -> InspectionResult {
    let plugin = try LinkHealthPlugin(rules: [linkRule(params)])
    let inspector = plugin.makeInspector(for: site, auditDate: day)
    return inspector.finish(SiteCrawlSummary(institution: site, auditDate: day, reachable: reachable,
                                             unreachableReason: nil, pagesCrawled: 3, links: links))
}

private func brokenFact(_ result: InspectionResult) -> [LinkReport]? {
    for fact in result.facts {
        if case .brokenLinks(let links) = fact { return links }
    }
    return nil
}

@Suite("LinkHealth plugin")
struct LinkHealthTests {
    @Test("a broken URL is one finding naming its status and every referrer")
    func referrers() throws {
        let pdf = report("https://contoh.go.id/a.pdf", .broken, chain: ["https://contoh.go.id/old.pdf"],
                         referrers: ["https://contoh.go.id/", "https://contoh.go.id/ppid/", "https://contoh.go.id/berita/1"])
        let result = try finish(nil, [pdf])
        let outcome = try #require(result.outcomes.first)
        #expect(outcome.rule == "links.broken")
        #expect(outcome.findings.count == 1)
        let finding = try #require(outcome.findings.first)
        #expect(finding.message == "Tautan rusak: https://contoh.go.id/a.pdf (HTTP 404), ditautkan dari 3 halaman")
        #expect(finding.severity == .error)
        #expect(finding.evidence.count == 4)
        #expect(finding.evidence[0] == Evidence(url: "https://contoh.go.id/a.pdf", status: 404,
                                                redirectChain: ["https://contoh.go.id/old.pdf"]))
        #expect(finding.evidence.dropFirst().map(\.url) == pdf.referrers)
        #expect(finding.evidence.dropFirst().allSatisfy { $0.source == "referrer" })
    }

    @Test("a transport error is named when there is no status")
    func transportError() throws {
        let result = try finish(nil, [report("https://lpse.contoh.go.id/", .broken, status: nil,
                                             error: "Could not resolve host", isInternal: false)])
        #expect(result.outcomes.first?.findings.first?.message
                == "Tautan rusak: https://lpse.contoh.go.id/ (Could not resolve host), ditautkan dari 1 halaman")
    }

    @Test("a soft 404 (status 200) is named by why it is broken, once")
    func softNotFound() throws {
        let result = try finish(nil, [report("https://contoh.go.id/berita/lama/", .broken, status: 200,
                                             error: "soft 404: the page says \"halaman tidak ditemukan\"")])
        let findings = result.outcomes.flatMap(\.findings)
        #expect(findings.count == 1)
        #expect(findings.first?.message == "Tautan rusak: https://contoh.go.id/berita/lama/ "
            + "(soft 404: the page says \"halaman tidak ditemukan\"), ditautkan dari 1 halaman")
    }

    @Test("include_external: false leaves links off the site out")
    func externalToggle() throws {
        let links = [report("https://contoh.go.id/a", .broken), report("https://lain.go.id/b", .broken, isInternal: false)]
        #expect(try finish(nil, links).outcomes.first?.findings.count == 2)
        let internalOnly = try finish("include_external: false", links)
        #expect(internalOnly.outcomes.first?.findings.map { $0.evidence[0].url } == ["https://contoh.go.id/a"])
        #expect(brokenFact(internalOnly)?.map(\.url) == ["https://contoh.go.id/a"])
    }

    @Test("a redirect chain that ends in a working page is not reported; nor are blocked links by default")
    func workingRedirect() throws {
        let links = [
            report("https://contoh.go.id/layanan.html", .ok, status: 200,
                   chain: ["https://contoh.go.id/layanan.html", "https://contoh.go.id/?page_id=9"]),
            report("https://jdih.contoh.go.id/", .blocked, status: 403),
            report("https://contoh.go.id/lambat", .unverified, status: nil, error: "timeout"),
            report("mailto:ppid@contoh.go.id", .skipped, status: nil),
        ]
        let result = try finish(nil, links)
        #expect(result.outcomes.first?.findings.isEmpty == true)
        #expect(result.outcomes.first?.score == 100)
        #expect(brokenFact(result) == [])
    }

    @Test("verdicts chooses which verdicts count")
    func verdicts() throws {
        let links = [report("https://contoh.go.id/a", .broken), report("https://jdih.contoh.go.id/", .blocked, status: 403)]
        let result = try finish("verdicts: [broken, blocked]", links)
        #expect(result.outcomes.first?.findings.map(\.message) == [
            "Tautan rusak: https://contoh.go.id/a (HTTP 404), ditautkan dari 1 halaman",
            "Tautan diblokir: https://jdih.contoh.go.id/ (HTTP 403), ditautkan dari 1 halaman",
        ])
    }

    @Test("score is 100 minus the penalty per reported link, never below 0", arguments: [
        (nil as String?, 3, 85.0),
        ("penalty_per_link: 10", 3, 70.0),
        ("penalty_per_link: 10", 0, 100.0),
        ("penalty_per_link: 5", 30, 0.0),
    ])
    func penalty(params: String?, count: Int, score: Double) throws {
        let links = (0..<count).map { report("https://contoh.go.id/hilang-\($0)", .broken) }
        #expect(try finish(params, links).outcomes.first?.score == score)
    }

    @Test("the brokenLinks fact lists the reported links sorted by URL")
    func factSorted() throws {
        let links = [report("https://contoh.go.id/z", .broken), report("https://contoh.go.id/a", .broken),
                     report("https://contoh.go.id/ok", .ok, status: 200)]
        let result = try finish(nil, links)
        #expect(brokenFact(result)?.map(\.url) == ["https://contoh.go.id/a", "https://contoh.go.id/z"])
        #expect(result.outcomes.first?.findings.map { $0.evidence[0].url } == ["https://contoh.go.id/a", "https://contoh.go.id/z"])
    }

    @Test("an unreachable site has nothing to score")
    func unreachable() throws {
        let result = try finish(nil, [], reachable: false)
        #expect(result.outcomes.first?.score == nil)
        #expect(result.outcomes.first?.findings.isEmpty == true)
    }

    @Test("bad parameters are all reported at their place")
    func badParams() throws {
        let yaml = """
            include_external: perhaps
            penalty_per_link: 0
            verdicts: [broken, ok]
            severity_x: 1
            """
        let error = try #require(throws: RuleErrors.self) { try finish(yaml, []) }
        #expect(error.errors.map(\.location.line).sorted() == [1, 2, 3, 4])
        #expect(error.errors.first { $0.location.line == 3 }?.location.column == 20)
        #expect(error.errors.first { $0.location.line == 3 }?.message.contains("'ok' cannot be reported") == true)
        #expect(error.errors.allSatisfy { $0.location.file == "links.yaml" })
    }
}
