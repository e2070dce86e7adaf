import PantauCore
import PantauHTML
import PantauYAML
import Testing
@testable import Freshness

@Suite("Freshness plugin")
struct FreshnessTests {
    static let audit = CalendarDate(year: 2026, month: 11, day: 29)!
    static let home = "https://dinkes.contoh.go.id/"
    static let institution = Institution(id: "dinkes", name: "Dinas Kesehatan", type: .opd, url: home)

    // MARK: Helpers

    private func htmlPage(_ html: String, at url: String = FreshnessTests.home, status: Int = 200,
                          role: Page.Role = .crawled) -> Page {
        Page(url: url, requestedURL: url, status: status, headers: [], mediaType: "text/html", body: Array(html.utf8),
             depth: 0, role: role, document: HTMLDocument(html: html, url: url))
    }

    private func feedPage(_ url: String, _ xml: String, mediaType: String? = "application/rss+xml") -> Page {
        Page(url: url, requestedURL: url, status: 200, headers: [], mediaType: mediaType, body: Array(xml.utf8),
             depth: 1, role: .requested, document: nil)
    }

    private func inspector(_ rules: [FreshnessRule] = [FreshnessRule(id: "freshness.aktif")]) -> FreshnessInspector {
        FreshnessInspector(rules: rules, auditDate: Self.audit)
    }

    private func summary(reachable: Bool = true, reason: String? = nil) -> SiteCrawlSummary {
        SiteCrawlSummary(institution: Self.institution, auditDate: Self.audit, reachable: reachable,
                         unreachableReason: reason, pagesCrawled: 3, links: [])
    }

    private func latest(_ result: InspectionResult) -> LatestContent? {
        for fact in result.facts { if case .latestContent(let content) = fact { return content } }
        return nil
    }

    private func activity(_ result: InspectionResult) -> ActivityClass? {
        for fact in result.facts { if case .activity(let activity) = fact { return activity } }
        return nil
    }

    private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    private let rss = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Dinkes</title>
    <lastBuildDate>Sat, 28 Nov 2026 10:00:00 +0000</lastBuildDate>
    <item><title>Posyandu</title><pubDate>Wed, 06 Feb 2019 03:00:00 +0000</pubDate></item>
    <item><title>Rapat</title><pubDate>Tue, 05 Feb 2019 03:00:00 +0000</pubDate></item>
    </channel></rss>
    """

    // MARK: Sources

    @Test func seedsTheWordPressFeedUnderTheHomePage() {
        #expect(inspector().seedRequests(home: "https://dinkes.contoh.go.id") == ["https://dinkes.contoh.go.id/feed/"])
        #expect(inspector().seedRequests(home: "https://contoh.go.id/portal/") == ["https://contoh.go.id/portal/feed/"])
        #expect(inspector().seedRequests(home: "https://contoh.go.id/index.php") == ["https://contoh.go.id/feed/"])
    }

    @Test func rssItemsCountButNotLastBuildDate() {
        let inspector = inspector()
        _ = inspector.inspect(feedPage("https://dinkes.contoh.go.id/feed/", rss))
        let result = inspector.finish(summary())
        #expect(latest(result) == LatestContent(date: day("2019-02-06"), source: "rss", url: "https://dinkes.contoh.go.id/feed/"))
        #expect(activity(result) == .tidakAktif)
    }

    @Test func feedIsRecognisedByItsBodyWithoutAMediaType() {
        let inspector = inspector()
        _ = inspector.inspect(feedPage("https://dinkes.contoh.go.id/feed/", "\u{FEFF}  " + rss, mediaType: nil))
        #expect(inspector.latest?.source == .rss)
    }

    @Test func atomEntriesPublishedOrUpdated() {
        let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><updated>2026-11-29T01:00:00Z</updated>
        <entry><title>A</title><published>2026-10-01T09:00:00+07:00</published><updated>2026-10-03T09:00:00+07:00</updated></entry>
        <entry><title>B</title><published>2026-09-01T09:00:00+07:00</published></entry></feed>
        """
        let inspector = inspector()
        _ = inspector.inspect(feedPage("https://dinkes.contoh.go.id/feed/atom/", atom, mediaType: "application/atom+xml"))
        #expect(inspector.latest?.date == day("2026-10-03"))
        #expect(inspector.latest?.source == .atom)
    }

    @Test func sitemapsAreNotFeeds() {
        let sitemap = #"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://dinkes.contoh.go.id/</loc><lastmod>2026-11-20</lastmod></url></urlset>"#
        let inspector = inspector()
        _ = inspector.inspect(feedPage("https://dinkes.contoh.go.id/sitemap.xml", sitemap, mediaType: "application/xml"))
        #expect(inspector.latest == nil)
    }

    @Test func feedBeatsText() {
        let inspector = inspector()
        _ = inspector.inspect(htmlPage(#"<html><body><main><p>Agenda: Senin, 16 November 2026</p></main></body></html>"#))
        #expect(inspector.latest?.source == .text)
        _ = inspector.inspect(feedPage("https://dinkes.contoh.go.id/feed/", rss))
        #expect(inspector.latest?.source == .rss)
        #expect(inspector.latest?.date == day("2019-02-06"))
    }

    @Test func jsonLDMetaAndTime() {
        let page = """
        <html><head>
        <meta property="article:published_time" content="2026-06-01T08:00:00+07:00">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
          {"@type":"Article","datePublished":"2026-07-01T08:00:00+07:00","dateModified":"2026-07-02T08:00:00+07:00"}]}</script>
        </head><body>
        <header><time datetime="2026-11-29">Minggu, 29 November 2026</time></header>
        <article><time class="entry-date published" datetime="2026-05-01T10:00:00+07:00">1 Mei 2026</time></article>
        </body></html>
        """
        let single = { (html: String) -> ContentDate? in
            let inspector = inspector()
            _ = inspector.inspect(htmlPage(html, at: "https://dinkes.contoh.go.id/berita/rapat/"))
            return inspector.latest
        }
        #expect(single(page)?.date == day("2026-07-02"))
        #expect(single(page)?.source == .jsonLD)
        let metaOnly = #"<html><head><meta property="article:modified_time" content="2026-06-05T08:00:00+00:00"></head><body></body></html>"#
        #expect(single(metaOnly)?.source == .meta)
        #expect(single(metaOnly)?.date == day("2026-06-05"))
        let timeOnly = #"<html><body><header><time datetime="2026-11-28">x</time></header><div class="post"><time datetime="2026-05-01">1 Mei 2026</time></div></body></html>"#
        #expect(single(timeOnly)?.source == .time)
        #expect(single(timeOnly)?.date == day("2026-05-01"))
    }

    @Test func datedURLsOfThePageAndItsAnchors() {
        let inspector = inspector()
        _ = inspector.inspect(htmlPage("<html><body></body></html>", at: "https://dinkes.contoh.go.id/2026/03/04/rapat-koordinasi/"))
        #expect(inspector.latest == ContentDate(date: day("2026-03-04"), source: .url,
                                                url: "https://dinkes.contoh.go.id/2026/03/04/rapat-koordinasi/",
                                                snippet: "https://dinkes.contoh.go.id/2026/03/04/rapat-koordinasi/"))
        _ = inspector.inspect(htmlPage("""
        <html><body><nav><a href="/artikel/2026/4/7/posyandu-balita">Posyandu</a>
        <a href="https://berita.example/2026/11/20/lain">luar</a><a href="/2026/11/">arsip</a>
        <a style="display:none" href="/2026/11/25/spam">x</a></nav></body></html>
        """))
        #expect(inspector.latest?.date == day("2026-04-07"))
        #expect(inspector.latest?.url == "https://dinkes.contoh.go.id/artikel/2026/4/7/posyandu-balita")
        #expect(DatedPath.date(in: "https://x.go.id/2019/02/06/") == nil)
        #expect(DatedPath.date(in: "https://x.go.id/2019/02/31/slug") == nil)
    }

    @Test func advertisedFeedsAreRequestedOnce() {
        let inspector = inspector()
        #expect(inspector.seedRequests(home: Self.home) == ["https://dinkes.contoh.go.id/feed/"])
        let html = """
        <html><head><link rel="alternate" type="application/rss+xml" href="/feed/">
        <link rel="alternate" type="application/rss+xml" href="/comments/feed/">
        <link rel="alternate" type="application/atom+xml" href="feed.xml"></head><body></body></html>
        """
        #expect(inspector.inspect(htmlPage(html)) == ["https://dinkes.contoh.go.id/feed.xml"])
        #expect(inspector.inspect(htmlPage(html)).isEmpty)
    }

    // MARK: Traps

    @Test func todaysDateHeaderIsIgnored() {
        let inspector = inspector()
        _ = inspector.inspect(htmlPage("""
        <html><body><header>Minggu, 29 November 2026</header>
        <div class="topbar">Minggu, 29 November 2026</div>
        <main><h2>Rapat</h2><p>Diposting Rabu, 6 Februari 2019</p></main></body></html>
        """))
        #expect(inspector.latest?.date == day("2019-02-06"))
        #expect(inspector.latest?.snippet == "Rabu, 6 Februari 2019")
    }

    @Test func copyrightFooterAndFutureDatesAreIgnored() {
        let inspector = inspector()
        _ = inspector.inspect(htmlPage("""
        <html><body><main><p>Rapat 5 Maret 2024</p><p>Pendaftaran dibuka 1 Desember 2026</p>
        <p>© 28/11/2026 Dinas Kesehatan</p></main>
        <footer>Copyright © 2026 · Diperbarui 27 November 2026</footer></body></html>
        """))
        #expect(inspector.latest?.date == day("2024-03-05"))
    }

    @Test func tomorrowIsToleratedForClockSkew() {
        let inspector = inspector()
        _ = inspector.inspect(feedPage("https://dinkes.contoh.go.id/feed/", """
        <rss><channel><item><pubDate>Mon, 30 Nov 2026 01:00:00 +0700</pubDate></item>
        <item><pubDate>Tue, 01 Dec 2026 01:00:00 +0700</pubDate></item></channel></rss>
        """))
        #expect(inspector.latest?.date == day("2026-11-30"))
    }

    @Test func errorPagesAreIgnored() {
        let inspector = inspector()
        _ = inspector.inspect(htmlPage("<main>1 November 2026</main>", at: "https://dinkes.contoh.go.id/2026/11/01/hilang/", status: 404))
        #expect(inspector.latest == nil)
    }

    // MARK: Classification

    private func result(age: Int, rule: FreshnessRule = FreshnessRule(id: "freshness.aktif")) -> InspectionResult {
        let inspector = inspector([rule])
        let date = Self.audit.adding(days: -age)
        _ = inspector.inspect(htmlPage(#"<html><head><meta property="article:published_time" content="\#(date)"></head></html>"#))
        return inspector.finish(summary())
    }

    @Test(arguments: [(0, ActivityClass.aktif, 100.0), (90, .aktif, 100), (91, .kurangAktif, 50), (180, .kurangAktif, 50),
                      (181, .tidakAktif, 0), (2490, .tidakAktif, 0)])
    func thresholds(_ age: Int, _ expected: ActivityClass, _ score: Double) {
        let result = result(age: age)
        #expect(activity(result) == expected)
        #expect(result.outcomes.map(\.rule) == ["freshness.aktif"])
        #expect(result.outcomes.first?.score == score)
        #expect(result.outcomes.first?.findings.isEmpty == (expected == .aktif))
    }

    @Test func findingNamesTheDateItsAgeAndSource() throws {
        let rule = FreshnessRule(id: "freshness.aktif", severity: .error)
        let finding = try #require(result(age: 2490, rule: rule).outcomes.first?.findings.first)
        #expect(finding.message.hasPrefix("Konten terbaru 2020-02-04 (2.490 hari lalu): situs tidak aktif"))
        #expect(finding.severity == .error)
        #expect(finding.evidence == [Evidence(url: Self.home, snippet: "2020-02-04", date: "2020-02-04", source: "meta")])
        let kurang = try #require(result(age: 100).outcomes.first?.findings.first)
        #expect(kurang.message.hasPrefix("Konten terbaru 2026-08-21 (100 hari lalu): situs kurang aktif"))
    }

    @Test func customThresholds() {
        let rule = FreshnessRule(id: "freshness.ketat", aktifDays: 30, kurangAktifDays: 60)
        #expect(activity(result(age: 31, rule: rule)) == .kurangAktif)
        #expect(activity(result(age: 61, rule: rule)) == .tidakAktif)
    }

    @Test func noDatedContentIsTidakAktif() throws {
        let inspector = inspector()
        _ = inspector.inspect(htmlPage("<html><body><main>Selamat datang</main></body></html>"))
        let result = inspector.finish(summary())
        #expect(activity(result) == .tidakAktif)
        #expect(latest(result) == LatestContent(date: nil, source: nil, url: nil))
        let finding = try #require(result.outcomes.first?.findings.first)
        #expect(finding.message.contains("Tidak ditemukan konten bertanggal"))
        #expect(result.outcomes.first?.score == 0)
    }

    @Test func unreachableSiteIsTidakAktif() throws {
        let inspector = inspector()
        let result = inspector.finish(summary(reachable: false, reason: "Could not resolve host"))
        #expect(activity(result) == .tidakAktif)
        let finding = try #require(result.outcomes.first?.findings.first)
        #expect(finding.message.contains("tidak dapat diakses"))
        #expect(finding.evidence.first?.error == "Could not resolve host")
        #expect(result.outcomes.first?.score == 0)
    }

    @Test func indonesianThousands() {
        #expect(IndonesianNumber.format(2490) == "2.490")
        #expect(IndonesianNumber.format(1_234_567) == "1.234.567")
        #expect(IndonesianNumber.format(90) == "90")
    }

    // MARK: Rules and parameters

    private func definition(_ yaml: String?, id: String = "freshness.aktif",
                            appliesTo: Set<InstitutionType> = Set(InstitutionType.allCases)) throws -> RuleDefinition {
        let params = try yaml.map { text throws in try YAMLParser.parse(text, file: "rules/freshness.yaml")[0] }
        return RuleDefinition(id: id, plugin: "freshness", title: "Situs aktif", severity: .warning, weight: 1,
                              category: "freshness", appliesTo: appliesTo, params: params,
                              location: SourceLocation(file: "rules/freshness.yaml", line: 1, column: 3))
    }

    private func errors(_ yaml: String) throws -> [YAMLError] {
        do {
            _ = try FreshnessPlugin(rules: [try definition(yaml)])
            return []
        } catch let failure as RuleErrors {
            return failure.errors
        }
    }

    @Test func defaultsAndCustomParameters() throws {
        #expect(FreshnessPlugin.id == "freshness")
        #expect(FreshnessPlugin.defaultCategory == "freshness")
        let plain = try FreshnessPlugin(rules: [try definition(nil)])
        #expect(plain.rules.map(\.aktifDays) == [90])
        #expect(plain.rules.map(\.kurangAktifDays) == [180])
        let custom = try FreshnessPlugin(rules: [try definition("aktif_days: 30\nkurang_aktif_days: 1_000\n")])
        #expect(custom.rules.first == FreshnessRule(id: "freshness.aktif", aktifDays: 30, kurangAktifDays: 1000))
    }

    @Test func parameterErrorsAreLocated() throws {
        let unknown = try errors("aktif_days: 30\nkurang_aktf_days: 60\n")
        #expect(unknown.count == 1)
        #expect(unknown.first?.location == SourceLocation(file: "rules/freshness.yaml", line: 2, column: 1))
        #expect(unknown.first?.message.contains("unknown key 'kurang_aktf_days'") == true)

        let range = try errors("aktif_days: 0\nkurang_aktif_days: 4000\n")
        #expect(range.map(\.location.line) == [1, 2])
        #expect(range.map(\.location.column) == [13, 20])

        let notNumber = try errors("aktif_days: sembilan puluh\n")
        #expect(notNumber.map(\.location.line) == [1])

        let quoted = try errors("aktif_days: \"90\"\n")
        #expect(quoted.count == 1)

        let order = try errors("aktif_days: 200\nkurang_aktif_days: 100\n")
        #expect(order.count == 1)
        #expect(order.first?.location == SourceLocation(file: "rules/freshness.yaml", line: 2, column: 20))
        #expect(order.first?.message.contains("must be less than") == true)

        let orderWithDefault = try errors("aktif_days: 180\n")
        #expect(orderWithDefault.first?.location.line == 1)

        let notMapping = try errors("- 90\n")
        #expect(notMapping.count == 1)
    }

    @Test func everyRulesErrorsAreCollected() throws {
        let rules = [try definition("aktif_days: 0\n", id: "a"), try definition("foo: 1\n", id: "b")]
        #expect(throws: RuleErrors.self) { try FreshnessPlugin(rules: rules) }
        do {
            _ = try FreshnessPlugin(rules: rules)
        } catch let failure as RuleErrors {
            #expect(failure.errors.count == 2)
        }
    }

    @Test func inspectorUsesOnlyRulesThatApply() throws {
        let plugin = try FreshnessPlugin(rules: [try definition(nil, id: "freshness.opd", appliesTo: [.opd]),
                                                 try definition(nil, id: "freshness.kelurahan", appliesTo: [.kelurahan]),
                                                 try definition(nil, id: "freshness.semua")])
        var institution = Self.institution
        institution.disabledRules = ["freshness.semua"]
        let result = plugin.makeInspector(for: institution, auditDate: Self.audit).finish(summary())
        #expect(result.outcomes.map(\.rule) == ["freshness.opd"])
    }
}
