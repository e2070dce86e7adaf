import PantauCore
import PantauHTML
import PantauYAML
import Testing
@testable import Content
@testable import PantauPattern

private let home = "https://dinkes.contoh.go.id/"
private let institution = Institution(id: "dinkes", name: "Dinas Kesehatan", type: .opd, url: home)

/// One rule definition whose `params` are the given YAML (a mapping), written in `test.yaml`
/// from line 2 on (line 1 is `params:`) and indented by two spaces, so error locations can be
/// asserted: a key written at the start of a line of `params` is at column 3.
private func definition(_ params: String, id: String = "hygiene.test", title: String = "Uji") throws -> RuleDefinition {
    let indented = params.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    let root = try #require(try YAMLParser.parse("params:\n" + indented, file: "test.yaml").first)
    var reader = try MappingReader(root)
    return RuleDefinition(id: id, plugin: "content", title: title, severity: .critical, weight: 1, category: "hygiene",
                          appliesTo: Set(InstitutionType.allCases), params: reader.optional("params"),
                          location: SourceLocation(file: "test.yaml", line: 1, column: 1))
}

private func plugin(_ params: String) throws -> ContentPlugin {
    try ContentPlugin(rules: [definition(params)])
}

/// The errors `params` produce, as `line:column: message`.
private func errors(_ params: String) throws -> [String] {
    do {
        _ = try plugin(params)
        return []
    } catch let failure as RuleErrors {
        return failure.errors.map { "\($0.location.line):\($0.location.column): \($0.message)" }
    }
}

private func page(_ html: String, at url: String = home, role: Page.Role = .crawled, status: Int = 200,
                  headers: [HTTPHeader] = []) -> Page {
    Page(url: url, requestedURL: url, status: status, headers: headers, mediaType: "text/html", body: Array(html.utf8),
         depth: role == .home ? 0 : 1, role: role, document: HTMLDocument(html: html, url: url))
}

/// Runs the pages (the first is the home page) through the plugin's inspector.
private func audit(_ plugin: ContentPlugin, _ pages: [Page], reachable: Bool = true) -> RuleOutcome? {
    let inspector = plugin.makeInspector(for: institution, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!)
    for page in pages { _ = inspector.inspect(page) }
    let summary = SiteCrawlSummary(institution: institution, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!,
                                   reachable: reachable, unreachableReason: reachable ? nil : "timeout",
                                   pagesCrawled: pages.count, links: [])
    return inspector.finish(summary).outcomes.first
}

/// True when a one-condition rule fires on one page.
private func fires(_ condition: String, on html: String, url: String = home, headers: [HTTPHeader] = [],
                   region: String = "page") throws -> Bool {
    let rule = try plugin("region: \(region)\nmatch:\n  - \(condition)")
    return !(audit(rule, [page(html, at: url, role: .home, headers: headers)])?.findings.isEmpty ?? true)
}

@Suite("Content plugin")
struct ContentPluginTests {
    // MARK: Conditions

    struct ConditionCase: Sendable, CustomTestStringConvertible {
        var condition: String
        var matching: String
        var other: String
        var testDescription: String { condition }
    }

    static let conditionCases: [ConditionCase] = [
        .init(condition: "xpath_exists: //meta[@name='generator']",
              matching: "<html><head><meta name='generator' content='WordPress 6.1'></head><body></body></html>",
              other: "<html><head></head><body><p>generator</p></body></html>"),
        .init(condition: "xpath_count: {xpath: '//nav//a', min: 3}",
              matching: "<html><body><nav><a href='/1'>1</a><a href='/2'>2</a><a href='/3'>3</a></nav></body></html>",
              other: "<html><body><nav><a href='/1'>1</a><a href='/2'>2</a></nav><a href='/3'>3</a></body></html>"),
        .init(condition: "xpath_count: {xpath: '//h1', max: 0}",
              matching: "<html><body><h2>Berita</h2></body></html>",
              other: "<html><body><h1>Berita</h1></body></html>"),
        .init(condition: "xpath_text: {xpath: '//h1', pattern: '^halo dunia!$'}",
              matching: "<html><body><h1>Halo  dunia!</h1></body></html>".replacingOccurrences(of: "  ", with: " "),
              other: "<html><body><h1>Halo dunia pendidikan!</h1><p>Halo dunia!</p></body></html>"),
        .init(condition: "text: '\\bmaxwin\\b'",
              matching: "<html><body><p>Gampang MAXWIN hari ini</p></body></html>",
              other: "<html><body><p>maxwinner</p><script>var maxwin = 1;</script></body></html>"),
        .init(condition: "attribute: {xpath: '//meta[@name=\"generator\"]', name: content, pattern: '^wordpress'}",
              matching: "<html><head><meta name='generator' content='WordPress 6.1.9'></head><body></body></html>",
              other: "<html><head><meta name='generator' content='Joomla'><meta name='x' content='WordPress'></head><body></body></html>"),
        .init(condition: "link: {hidden: true, external: true}",
              matching: "<html><body><div hidden><a href='https://spam.example/'>x</a></div></body></html>",
              other: "<html><body><a href='https://spam.example/'>x</a><div style='display:none'><a href='/ppid/'>PPID</a></div></body></html>"),
        .init(condition: "link: {external: true, href: 'judi', text: '^daftar$'}",
              matching: "<html><body><a href='https://agen-judi.example/'>Daftar</a></body></html>",
              other: "<html><body><a href='https://agen-judi.example/'>Beranda</a><a href='/judi/'>Daftar</a></body></html>"),
        .init(condition: "link: {external: true, xpath: '//a[ancestor-or-self::*[contains(@style, \"-9999\")]]'}",
              matching: "<html><body><p style='left:-9999px'><a href='http://bandar.example/'>b</a></p></body></html>",
              other: "<html><body><p style='left:-9999px'><a href='/ppid/'>b</a></p><a href='http://bandar.example/'>b</a></body></html>"),
        .init(condition: "not: {xpath_exists: '//a[contains(@href, \"/ppid\")]'}",
              matching: "<html><body><a href='/profil/'>Profil</a></body></html>",
              other: "<html><body><a href='/ppid/'>PPID</a></body></html>"),
        .init(condition: "all: [{text: 'judi online'}, {text: 'daftar sekarang'}]",
              matching: "<html><body><p>Judi online: daftar sekarang!</p></body></html>",
              other: "<html><body><p>Bahaya judi online bagi pelajar.</p></body></html>"),
        .init(condition: "any: [{text: 'sbobet'}, {text: 'slot88'}]",
              matching: "<html><body><p>slot88</p></body></html>",
              other: "<html><body><p>slot 8</p></body></html>"),
    ]

    @Test(arguments: conditionCases)
    func eachCondition(_ testCase: ConditionCase) throws {
        #expect(try fires(testCase.condition, on: testCase.matching))
        #expect(try !fires(testCase.condition, on: testCase.other))
    }

    @Test func urlAndHeaderConditions() throws {
        let html = "<html><body><p>Selamat datang</p></body></html>"
        #expect(try fires("url: '^http://'", on: html, url: "http://kel.contoh.go.id/"))
        #expect(try !fires("url: '^http://'", on: html, url: "https://kel.contoh.go.id/"))
        let php = [HTTPHeader(name: "X-Powered-By", value: "PHP/5.6.40")]
        #expect(try fires("header: {name: x-powered-by, pattern: 'PHP/5\\.'}", on: html, headers: php))
        #expect(try !fires("header: {name: x-powered-by, pattern: 'PHP/8\\.'}", on: html, headers: php))
        #expect(try !fires("header: {name: server, pattern: '.'}", on: html, headers: php))
    }

    @Test func caseSensitivity() throws {
        let html = "<html><body><p>LOREM IPSUM</p></body></html>"
        let insensitive = try plugin("match: [{text: 'lorem ipsum'}]")
        let sensitive = try plugin("case_sensitive: true\nmatch: [{text: 'lorem ipsum'}]")
        #expect(audit(insensitive, [page(html, role: .home)])?.findings.count == 1)
        #expect(audit(sensitive, [page(html, role: .home)])?.findings.isEmpty == true)
    }

    // MARK: Regions

    @Test func regionsChooseTheTextThatTextConditionsRead() throws {
        let html = """
            <html><head><title>Dinas</title><meta name="description" content="Just another WordPress site"></head>
            <body><nav><ul class="menu"><li><a href="/a/">Halaman Contoh</a></li></ul></nav>
            <main><p>Isi berita posyandu.</p></main><footer><p>Hak cipta slot88</p></footer></body></html>
            """
        #expect(try fires("text: 'halaman contoh'", on: html, region: "navigation"))
        #expect(try !fires("text: 'halaman contoh'", on: html, region: "content"))
        #expect(try fires("text: 'halaman contoh'", on: html, region: "page"))
        #expect(try fires("text: 'slot88'", on: html, region: "footer"))
        #expect(try !fires("text: 'slot88'", on: html, region: "navigation"))
        #expect(try fires("text: 'posyandu'", on: html, region: "content"))
        #expect(try !fires("text: 'posyandu'", on: html, region: "footer"))
        #expect(try fires("text: 'just another wordpress'", on: html, region: "head"))
        #expect(try !fires("text: 'just another wordpress'", on: html, region: "page"))
        #expect(try fires("text: '^Dinas'", on: html, region: "page"), "the page region starts with the title")
    }

    // MARK: Aggregation and scope

    private let spam = "<html><body><p>slot gacor</p></body></html>"
    private let clean = "<html><body><p>berita</p></body></html>"

    private func outcome(_ trigger: String, _ pages: [String], scope: String = "every-page") throws -> RuleOutcome? {
        let rule = try plugin("scope: \(scope)\ntrigger_when: \(trigger)\nmatch: [{text: 'slot gacor'}]")
        let built = pages.enumerated().map { index, html in
            page(html, at: home + (index == 0 ? "" : "p\(index)/"), role: index == 0 ? .home : .crawled)
        }
        return audit(rule, built)
    }

    @Test func aggregationModes() throws {
        #expect(try outcome("any-page", [clean, spam])?.findings.count == 1)
        #expect(try outcome("any-page", [clean, clean])?.findings.isEmpty == true)
        #expect(try outcome("all-pages", [spam, spam])?.findings.count == 1)
        #expect(try outcome("all-pages", [spam, clean])?.findings.isEmpty == true)
        #expect(try outcome("no-page", [clean, clean])?.findings.count == 1)
        #expect(try outcome("no-page", [clean, spam])?.findings.isEmpty == true)
        #expect(try outcome("{at_least: 2}", [spam, clean, spam])?.findings.count == 1)
        #expect(try outcome("{at_least: 2}", [spam, clean, clean])?.findings.isEmpty == true)
    }

    @Test func homeScopeLooksOnlyAtTheHomePage() throws {
        #expect(try outcome("any-page", [clean, spam], scope: "home")?.findings.isEmpty == true)
        #expect(try outcome("any-page", [spam, clean], scope: "home")?.findings.count == 1)
        // Only the home page is examined, so "no page" means "not on the home page".
        #expect(try outcome("no-page", [clean, spam], scope: "home")?.findings.count == 1)
    }

    @Test func errorPagesAndUnreachableSitesAreNotJudged() throws {
        let rule = try plugin("trigger_when: no-page\nmatch: [{text: 'ppid'}]")
        let notFound = audit(rule, [page(clean, role: .home, status: 404)])
        #expect(notFound?.score == nil && notFound?.findings.isEmpty == true)
        let unreachable = audit(rule, [], reachable: false)
        #expect(unreachable?.score == nil && unreachable?.findings.isEmpty == true)
    }

    @Test func scoresAndEvidence() throws {
        let rule = try plugin("score_when_triggered: 25\nmax_evidence: 2\nmatch: [{text: 'slot\\s*gacor'}]")
        let pages = (0..<4).map { page(spam, at: home + "p\($0)/", role: $0 == 0 ? .home : .crawled) }
        let fired = try #require(audit(rule, pages))
        #expect(fired.score == 25)
        let finding = try #require(fired.findings.first)
        #expect(fired.findings.count == 1, "one finding per rule per site")
        #expect(finding.severity == .critical)
        #expect(finding.evidence.map(\.url) == [home + "p0/", home + "p1/"])
        #expect(finding.evidence.map(\.snippet) == ["slot gacor", "slot gacor"])
        #expect(audit(rule, [page(clean, role: .home)])?.score == 100)
    }

    // MARK: Message template

    @Test func messagePlaceholders() throws {
        let long = String(repeating: "judi ", count: 60)
        let rule = try plugin("message: 'Spam di {url}: \"{match}\" ({count} dari {pages} halaman)'\nmatch: [{text: 'judi[a-z ]*'}]")
        let pages = [page(clean, role: .home), page("<html><body><p>\(long)</p></body></html>", at: home + "a/")]
        let message = try #require(audit(rule, pages)?.findings.first?.message)
        let quoted = String(repeating: "judi ", count: 24).dropLast() + "…"
        #expect(quoted.count == MessageTemplate.maxMatchLength)
        #expect(message == "Spam di \(home)a/: \"\(quoted)\" (1 dari 2 halaman)")
    }

    @Test func noPageMessageNamesTheHomePage() throws {
        let rule = try plugin("trigger_when: no-page\nmessage: 'Tidak ada PPID ({pages} halaman): {url}'\nmatch: [{text: ppid}]")
        let finding = try #require(audit(rule, [page(clean, role: .home)])?.findings.first)
        #expect(finding.message == "Tidak ada PPID (1 halaman): \(home)")
        #expect(finding.evidence == [Evidence(url: home)])
    }

    @Test func defaultMessageIsTheTitle() throws {
        let rule = try plugin("match: [{text: slot}]")
        #expect(audit(rule, [page(spam, role: .home)])?.findings.first?.message == "Uji: \(home)")
    }

    // MARK: Located errors

    @Test func badRegexIsLocated() throws {
        let found = try errors("match:\n  - text: 'slot(gacor'")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("3:13: invalid regular expression 'slot(gacor'") == true)
    }

    @Test func badXPathIsLocated() throws {
        #expect(try errors("match:\n  - xpath_exists: '//a[@href'").first?.hasPrefix("3:21: invalid XPath '//a[@href'") == true)
        // A number is not a set of nodes to look for.
        #expect(try errors("match:\n  - xpath_count: {xpath: 'count(//a)', min: 1}").first?
            .hasPrefix("3:28: XPath 'count(//a)' must select nodes") == true)
    }

    @Test func unknownKeysSuggestTheNearestOne() throws {
        #expect(try errors("regoin: content\nmatch: [{text: x}]") == ["2:3: unknown key 'regoin'; did you mean 'region'?"])
        #expect(try errors("match: [{txt: x}]").first?.hasPrefix("2:12: unknown condition 'txt'; did you mean 'text'?") == true)
        #expect(try errors("match: [{xpath_text: {xpath: //h1, patern: x}}]").contains("2:38: unknown key 'patern'; did you mean 'pattern'?"))
        #expect(try errors("scope: every-pages\nmatch: [{text: x}]").first?.hasPrefix("2:10: unknown scope 'every-pages'; did you mean 'every-page'?") == true)
        #expect(try errors("trigger_when: no-pages\nmatch: [{text: x}]").first?.hasPrefix("2:17: unknown trigger_when 'no-pages'; did you mean 'no-page'?") == true)
        #expect(try errors("message: 'di {link}'\nmatch: [{text: x}]").first?.hasPrefix("2:12: unknown placeholder '{link}'") == true)
    }

    @Test func everyErrorOfARuleInOneRun() throws {
        let found = try errors("""
            scope: all
            match:
              - text: '(('
              - xpath_exists: '//['
              - link: {hidden: yes, xpath: //a}
              - xpath_count: {xpath: //a, min: 5, max: 2}
            max_evidence: 0
            """)
        #expect(found.count == 6, "\(found)")
        #expect(found.map { $0.prefix(while: { $0 != ":" }) } == ["2", "4", "5", "6", "7", "8"])
    }

    @Test func missingOrEmptyMatch() throws {
        #expect(try errors("scope: home") == ["2:3: missing required key 'match'"])
        #expect(try errors("match: []") == ["2:10: the list of conditions is empty"])
        #expect(try errors("match: [{text: a, url: b}]").first?.contains("exactly one key") == true)
    }

    // MARK: Bounded regex work

    @Test func regexReadsOnlyTheStartOfAHugeText() throws {
        let filler = String(repeating: "a", count: BoundedRegex.maxInputUTF16)
        let regex = try BoundedRegex("slot gacor")
        let late = regex.search(filler + " slot gacor")
        #expect(late.match == nil && late.truncated)
        let early = regex.search("slot gacor " + filler)
        #expect(early.match == "slot gacor" && early.truncated)
        #expect(regex.search("slot gacor").truncated == false)
    }

    @Test func regexCapOnAPageAndAcrossXPathNodes() throws {
        let filler = String(repeating: "x", count: BoundedRegex.maxInputUTF16)
        #expect(try !fires("text: 'slot gacor'", on: "<html><body><p>\(filler)</p><p>slot gacor</p></body></html>"))
        // Many nodes share one budget: the node after the cap is not searched.
        #expect(try !fires("xpath_text: {xpath: //p, pattern: 'slot gacor'}",
                           on: "<html><body><p>\(filler)</p><p>slot gacor</p></body></html>"))
        #expect(try fires("xpath_text: {xpath: //p, pattern: 'slot gacor'}",
                          on: "<html><body><p>slot gacor</p><p>\(filler)</p></body></html>"))
    }

    @Test(arguments: ["(a+)+b", "(\\w*\\s?)*$", "(x|y+)*z", "((ab)*c+)+", "(a{1,})+"])
    func nestedUnboundedQuantifiersAreRefusedAtLoad(_ pattern: String) {
        #expect(BoundedRegex.nestedQuantifier(in: pattern) != nil, "\(pattern)")
        #expect(throws: BoundedRegex.CatastrophicPattern.self) { try BoundedRegex(pattern) }
    }

    @Test(arguments: ["\\bslot\\s*gacor\\b", "(judi|togel)\\s+(online|bola)", "[(a+)]+", "\\(a+\\)+", "(ab){2,3}", "(a+)b"])
    func ordinaryPatternsAreAccepted(_ pattern: String) throws {
        #expect(BoundedRegex.nestedQuantifier(in: pattern) == nil, "\(pattern)")
        _ = try BoundedRegex(pattern)
    }

    @Test func aRefusedPatternIsALocatedError() throws {
        let found = try errors("match:\n  - text: '(a+)+b'")
        #expect(found.count == 1)
        #expect(found.first?.contains("exponential") == true)
    }
}
