import Foundation
@testable import Openness
import PantauCore
import PantauHTML
import PantauYAML
import Testing

// MARK: - A tiny site harness

/// One page of a simulated crawl.
private struct SitePage {
    var url: String
    var html: String
    var status = 200
    var requestedURL: String?
}

private let home = "https://contoh.go.id/"
private let institution = Institution(id: "contoh", name: "Dinas Contoh", type: .opd, url: home)
private let auditDate = CalendarDate(year: 2026, month: 11, day: 29)!

/// Twenty-seven words of ordinary Indonesian content.
private let body27 = "Halaman ini memuat informasi resmi yang disediakan oleh badan publik untuk masyarakat sesuai "
    + "ketentuan keterbukaan informasi publik dan diperbarui secara rutin oleh petugas pengelola informasi setiap bulan."

private func sectionPage(_ url: String, title: String, body: String = body27, status: Int = 200) -> SitePage {
    SitePage(url: url, html: """
        <html><head><title>\(title) – Dinas Contoh</title></head><body>
        <nav class="menu"><a href="/">Beranda</a> <a href="/ppid/">PPID</a></nav>
        <main><h1>\(title)</h1><p>\(body)</p></main><footer>Hak cipta 2026</footer></body></html>
        """, status: status)
}

/// The rule definitions of `yaml`, a `rules:` list like the packs use (only the keys these tests need).
private func definitions(_ yaml: String, file: String = "test.yaml") throws -> [RuleDefinition] {
    let root = try #require(try YAMLParser.parse(yaml, file: file).first)
    var reader = try MappingReader(root)
    return try reader.required("rules").sequence().map { node in
        var rule = try MappingReader(node)
        return RuleDefinition(
            id: try rule.required("id").string(), plugin: "openness", title: try rule.required("title").string(),
            severity: try rule.optional("severity")?.oneOf(Severity.self, named: "severity") ?? .error,
            weight: 1, category: "openness", appliesTo: Set(InstitutionType.allCases),
            params: rule.optional("params"), location: node.location)
    }
}

private func plugin(section: String = "ppid", title: String = "PPID", linkText: String = "['^ppid$']",
                    url: String = "['/ppid/?$']", extra: String = "") throws -> OpennessPlugin {
    try OpennessPlugin(rules: definitions("""
        rules:
          - id: openness.\(section)
            title: \(title)
            params: {section: \(section), link_text: \(linkText), url: \(url)\(extra)}
        """))
}

/// The default pack, as shipped.
private func defaultPack() throws -> OpennessPlugin {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../rules/openness.yaml").standardizedFileURL.path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try OpennessPlugin(rules: definitions(text, file: "rules/openness.yaml"))
}

/// Runs `pages` (the first is the home page) through one inspector, then finishes.
private func crawl(_ plugin: OpennessPlugin, _ pages: [SitePage], links: [LinkReport] = [],
                   reachable: Bool = true) -> (result: InspectionResult, requested: [String]) {
    let inspector = plugin.makeInspector(for: institution, auditDate: auditDate)
    var requested: [String] = []
    for (index, page) in pages.enumerated() {
        let document = HTMLDocument(html: page.html, url: page.url)
        requested += inspector.inspect(Page(
            url: page.url, requestedURL: page.requestedURL ?? page.url, status: page.status, headers: [],
            mediaType: "text/html", body: Array(page.html.utf8), depth: index == 0 ? 0 : 1,
            role: index == 0 ? .home : .crawled, document: document))
    }
    let summary = SiteCrawlSummary(institution: institution, auditDate: auditDate, reachable: reachable,
                                   unreachableReason: reachable ? nil : "connection refused",
                                   pagesCrawled: pages.count, links: links)
    return (inspector.finish(summary), requested)
}

private func sections(_ result: InspectionResult) -> [String: SectionResult] {
    for fact in result.facts {
        if case .sections(let list) = fact { return Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) }) }
    }
    return [:]
}

private let homeWithMenu = SitePage(url: home, html: """
    <html><head><title>Dinas Contoh – Kabupaten Contoh</title></head><body>
    <nav class="main-menu"><a href="/">Beranda</a> <a href="/ppid/">PPID</a>
    <a href="/ppid/informasi-berkala/#isi">Informasi Berkala</a></nav>
    <main><h1>Dinas Contoh</h1><p>Selamat datang. PPID Dinas Contoh melayani permohonan informasi publik setiap hari
    kerja; silakan ajukan permohonan melalui PPID atau datang langsung ke kantor kami di Jalan Merdeka nomor satu.</p>
    </main></body></html>
    """)

// MARK: - Section status

@Suite("Openness plugin")
struct OpennessTests {
    @Test("a matching page with enough words is present and scores 100")
    func present() throws {
        let (result, _) = crawl(try plugin(), [homeWithMenu, sectionPage("https://contoh.go.id/ppid/", title: "PPID")])
        let ppid = try #require(sections(result)["ppid"])
        #expect(ppid.status == .present)
        #expect(ppid.url == "https://contoh.go.id/ppid/")
        #expect(ppid.title == "PPID")
        // 27 words of body plus the h1 "PPID", which sits inside <main>.
        #expect(ppid.wordCount == 28)
        #expect(result.outcomes.map(\.rule) == ["openness.ppid"])
        #expect(result.outcomes.first?.score == 100)
        #expect(result.outcomes.first?.findings.isEmpty == true)
    }

    @Test("a matching page with fewer than min_words is empty, scores 40, and says how many words")
    func empty() throws {
        let (result, _) = crawl(try plugin(section: "informasi-berkala", title: "Informasi Berkala",
                                           linkText: "['^informasi berkala$']", url: "['/informasi-berkala/?$']"),
                                [homeWithMenu, sectionPage("https://contoh.go.id/ppid/informasi-berkala/",
                                                           title: "Informasi Berkala", body: "Segera diperbarui.")])
        let section = try #require(sections(result)["informasi-berkala"])
        #expect(section.status == .empty)
        #expect(section.wordCount == 4)
        let outcome = try #require(result.outcomes.first)
        #expect(outcome.score == 40)
        let finding = try #require(outcome.findings.first)
        #expect(finding.message == "Bagian 'Informasi Berkala' kosong: 4 kata di https://contoh.go.id/ppid/informasi-berkala/")
        #expect(finding.evidence.first?.url == "https://contoh.go.id/ppid/informasi-berkala/")
        #expect(finding.evidence.first?.snippet?.hasPrefix("4 kata") == true)
    }

    @Test("min_words is honoured")
    func minWords() throws {
        let strict = try plugin(extra: ", min_words: 30")
        let (result, _) = crawl(strict, [homeWithMenu, sectionPage("https://contoh.go.id/ppid/", title: "PPID")])
        #expect(sections(result)["ppid"]?.status == .empty)
    }

    @Test("the best candidate is the one with the most words")
    func bestCandidate() throws {
        let (result, _) = crawl(try plugin(), [
            homeWithMenu,
            sectionPage("https://contoh.go.id/ppid/", title: "PPID", body: "Kosong."),
            sectionPage("https://contoh.go.id/?page_id=9", title: "PPID"),
        ])
        let ppid = try #require(sections(result)["ppid"])
        #expect(ppid.status == .present)
        #expect(ppid.url == "https://contoh.go.id/?page_id=9")
    }

    @Test("nothing matching: missing, score 0, one finding")
    func missing() throws {
        let homeOnly = SitePage(url: home, html: "<html><body><nav><a href='/berita/'>Berita</a></nav><main><p>Halo</p></main></body></html>")
        let (result, requested) = crawl(try plugin(), [homeOnly])
        #expect(sections(result)["ppid"]?.status == .missing)
        #expect(sections(result)["ppid"]?.url == nil)
        let outcome = try #require(result.outcomes.first)
        #expect(outcome.score == 0)
        #expect(outcome.findings.map(\.message) == ["Bagian 'PPID' tidak ditemukan"])
        #expect(outcome.findings.first?.severity == .error)
        #expect(requested.isEmpty)
    }

    @Test("a menu entry and text on the home page do not make the section present; the link is requested")
    func menuOnlyMention() throws {
        let (result, requested) = crawl(try plugin(), [homeWithMenu])
        #expect(sections(result)["ppid"]?.status == .missing)
        #expect(requested == ["https://contoh.go.id/ppid/"])
    }

    @Test("the home page is never a section page, even when its title names the section")
    func homeTitleDoesNotCount() throws {
        let portal = SitePage(url: home, html: "<html><head><title>PPID</title></head><body><main><h1>PPID</h1><p>\(body27)</p></main></body></html>")
        let (result, _) = crawl(try plugin(), [portal])
        #expect(sections(result)["ppid"]?.status == .missing)
    }

    @Test("a section's subpage does not count for the parent section")
    func subpageDoesNotCountForParent() throws {
        let pack = try defaultPack()
        let child = sectionPage("https://contoh.go.id/ppid/informasi-berkala/", title: "Informasi Berkala")
        let (result, _) = crawl(pack, [homeWithMenu, child])
        #expect(sections(result)["ppid"]?.status == .missing)
        #expect(sections(result)["informasi-berkala"]?.status == .present)
    }

    @Test("a broken candidate link makes the section missing and the finding says the link is broken")
    func brokenCandidateLink() throws {
        let broken = LinkReport(url: "https://contoh.go.id/ppid/", verdict: .broken, status: 404, error: nil,
                                redirectChain: [], referrers: [home], isInternal: true)
        let (result, _) = crawl(try plugin(), [homeWithMenu], links: [broken])
        #expect(sections(result)["ppid"]?.status == .missing)
        let finding = try #require(result.outcomes.first?.findings.first)
        #expect(finding.message.contains("rusak"))
        #expect(finding.message.contains("https://contoh.go.id/ppid/ (HTTP 404)"))
        #expect(finding.evidence.first?.status == 404)
    }

    @Test("a candidate page that answered 404 is not the section")
    func notFoundCandidatePage() throws {
        let (result, _) = crawl(try plugin(), [homeWithMenu, sectionPage("https://contoh.go.id/ppid/", title: "PPID", status: 404)])
        #expect(sections(result)["ppid"]?.status == .missing)
    }

    @Test("a redirected page matches by its final URL")
    func redirectedPage() throws {
        var page = sectionPage("https://contoh.go.id/ppid/", title: "Layanan")
        page.requestedURL = "https://contoh.go.id/layanan.html"
        let (result, _) = crawl(try plugin(), [homeWithMenu, page])
        #expect(sections(result)["ppid"]?.status == .present)
    }

    @Test("candidate links resolve against <base href> and lose their fragment")
    func linkResolution() throws {
        let page = SitePage(url: home, html: """
            <html><head><base href="https://contoh.go.id/portal/"></head><body>
            <a href="ppid/#atas">PPID</a> <a href="mailto:ppid@contoh.go.id">PPID</a></body></html>
            """)
        let (_, requested) = crawl(try plugin(), [page])
        #expect(requested == ["https://contoh.go.id/portal/ppid/"])
    }

    @Test("an unreachable site has every section missing, one finding per rule")
    func unreachable() throws {
        let (result, _) = crawl(try defaultPack(), [], reachable: false)
        let ruleCount = try defaultPack().rules.count
        #expect(result.outcomes.count == ruleCount)
        #expect(result.outcomes.allSatisfy { $0.score == 0 && $0.findings.count == 1 })
        #expect(sections(result).values.allSatisfy { $0.status == .missing })
        #expect(result.outcomes.first?.findings.first?.message.contains("tidak dapat diakses") == true)
    }

    @Test("rules that do not apply to the institution's type, or are disabled for it, are left out")
    func applicability() throws {
        let pack = try defaultPack()
        var disabled = institution
        disabled.disabledRules = ["openness.kontak"]
        let inspector = pack.makeInspector(for: disabled, auditDate: auditDate)
        let summary = SiteCrawlSummary(institution: disabled, auditDate: auditDate, reachable: true,
                                       unreachableReason: nil, pagesCrawled: 0, links: [])
        let rules = inspector.finish(summary).outcomes.map(\.rule)
        #expect(rules.count == pack.rules.count - 1)
        #expect(!rules.contains("openness.kontak"))
    }
}

// MARK: - The default pack's patterns

@Suite("Openness default pack")
struct OpennessPackTests {
    /// A page's URL and title, and the section it must be found as.
    @Test("label and slug variants are matched", arguments: [
        ("https://contoh.go.id/ppid/", "PPID", "ppid"),
        ("https://contoh.go.id/?page_id=41", "Pejabat Pengelola Informasi dan Dokumentasi", "ppid"),
        ("https://contoh.go.id/ppid/informasi-berkala/", "Informasi Berkala", "informasi-berkala"),
        ("https://contoh.go.id/informasi-publik/berkala", "Daftar", "informasi-berkala"),
        ("https://contoh.go.id/informasi/infoberkala", "Arsip", "informasi-berkala"),
        ("https://contoh.go.id/?page_id=5", "Info Berkala", "informasi-berkala"),
        ("https://contoh.go.id/daftar-informasi/informasi-serta-merta", "Daftar", "informasi-serta-merta"),
        ("https://contoh.go.id/?page_id=6", "Informasi Serta-Merta", "informasi-serta-merta"),
        ("https://contoh.go.id/informasi-tersedia-setiap-saat/", "Arsip", "informasi-setiap-saat"),
        ("https://contoh.go.id/?page_id=7", "Informasi Tersedia Setiap Saat", "informasi-setiap-saat"),
        ("https://contoh.go.id/profil/", "Profil", "profil"),
        ("https://contoh.go.id/?page_id=8", "Profil Kecamatan Bobotsari", "profil"),
        ("https://contoh.go.id/profil/visimisi", "Arsip", "visi-misi"),
        ("https://contoh.go.id/halaman/visi-misi", "Arsip", "visi-misi"),
        ("https://contoh.go.id/?page_id=9", "Visi dan Misi", "visi-misi"),
        ("https://contoh.go.id/profil/struktur-organisasi/", "Arsip", "struktur-organisasi"),
        ("https://contoh.go.id/standar-pelayanan/", "Arsip", "standar-pelayanan"),
        ("https://contoh.go.id/kontak-kami/", "Arsip", "kontak"),
        ("https://contoh.go.id/?page_id=10", "Hubungi Kami", "kontak"),
        // Duties and functions have their own section.
        ("https://contoh.go.id/tupoksi/", "Tupoksi", "tugas-fungsi"),
    ])
    func variants(url: String, title: String, section: String) throws {
        let (result, _) = crawl(try defaultPack(), [homeWithMenu, sectionPage(url, title: title)])
        let found = sections(result).filter { $0.value.status == .present }.map(\.key)
        #expect(found == [section])
    }

    @Test("near misses are not taken for a section", arguments: [
        ("https://contoh.go.id/profil-pimpinan/", "Profil Pimpinan"),
        ("https://contoh.go.id/profil-ppid/dasar-hukum/", "Dasar Hukum"),
        ("https://contoh.go.id/2024/05/02/uji-publik/", "PPID Utama melaksanakan uji publik Daftar Informasi Publik"),
        ("https://contoh.go.id/laporan-berkala/", "Laporan Berkala"),
        ("https://contoh.go.id/standar-pelayanan-minimal/", "Standar Pelayanan Minimal"),
        ("https://contoh.go.id/struktur-tarif/", "Struktur Tarif Retribusi"),
    ])
    func nearMisses(url: String, title: String) throws {
        let (result, _) = crawl(try defaultPack(), [homeWithMenu, sectionPage(url, title: title)])
        #expect(sections(result).values.allSatisfy { $0.status == .missing })
    }

    @Test("the pack starts with the nine core sections; every rule is named after its section")
    func packShape() throws {
        let pack = try defaultPack()
        #expect(pack.rules.prefix(9).map(\.section) == [
            "ppid", "informasi-berkala", "informasi-serta-merta", "informasi-setiap-saat", "profil", "visi-misi",
            "struktur-organisasi", "standar-pelayanan", "kontak",
        ])
        #expect(pack.rules.prefix(9).allSatisfy { $0.minWords == 20 })
        // Document sections (DIP, LKjIP, ...) count with a heading and a download link.
        #expect(pack.rules.allSatisfy { $0.id == "openness.\($0.section)" && [10, 20].contains($0.minWords) })
    }
}

// MARK: - Rule errors

@Suite("Openness rule errors")
struct OpennessRuleErrorTests {
    @Test("a bad regex, an unknown key and a missing section are all reported, each located")
    func collectsAllErrors() throws {
        let yaml = """
            rules:
              - id: openness.ppid
                title: PPID
                params:
                  section: ppid
                  link_text: ['^ppid$', '(unclosed']
              - id: openness.kontak
                title: Kontak
                params:
                  url: '/kontak/?$'
                  min_word: 20
            """
        let error = try #require(throws: RuleErrors.self) { try OpennessPlugin(rules: definitions(yaml)) }
        let byLine = Dictionary(grouping: error.errors, by: \.location.line)
        #expect(error.errors.count == 3)
        #expect(byLine[6]?.first?.message.contains("(unclosed") == true)
        #expect(byLine[6]?.first?.location.column == 29)
        #expect(byLine[6]?.first?.location.file == "test.yaml")
        #expect(byLine[11]?.first?.message.contains("min_word") == true)
        #expect(error.errors.contains { $0.message.contains("'section'") })
    }

    @Test("a rule without patterns, and a section used twice, are errors")
    func structuralErrors() throws {
        let yaml = """
            rules:
              - id: openness.a
                title: A
                params: {section: ppid}
              - id: openness.b
                title: B
                params: {section: kontak, url: '/kontak/'}
              - id: openness.c
                title: C
                params: {section: kontak, url: '/hubungi/'}
            """
        let error = try #require(throws: RuleErrors.self) { try OpennessPlugin(rules: definitions(yaml)) }
        #expect(error.errors.count == 2)
        #expect(error.errors.contains { $0.location.line == 4 && $0.message.contains("link_text") })
        #expect(error.errors.contains { $0.location.line == 10 && $0.message.contains("openness.b") })
    }
}

/// The section-match memo stays bounded and keeps what every page repeats, however many strings
/// a huge site shows it.
@Suite struct MatchMemoTests {
    @Test func repeatedStringsStayRememberedPastTheCapacity() {
        let memo = MatchMemo()
        var computed: [String: Int] = [:]
        func lookUp(_ text: String) -> [Int] {
            memo.indices(for: text) { text in
                computed[text, default: 0] += 1
                return [text.count]
            }
        }
        let menu = (0..<20).map { "https://dinkes.contohkab.go.id/menu-\($0)/" }
        // A site with five times as many distinct URLs as the memo holds, its menu on every page.
        for page in 0..<(MatchMemo.capacity * 5 / 10) {
            for item in menu { #expect(lookUp(item) == [item.count]) }
            for link in 0..<10 {
                let url = "https://dinkes.contohkab.go.id/berita/\(page)-\(link)/"
                #expect(lookUp(url) == [url.count])
            }
            #expect(memo.count <= MatchMemo.capacity)
        }
        for item in menu { #expect(computed[item] == 1, "\(item) matched once, then remembered") }
        let first = "https://dinkes.contohkab.go.id/berita/0-0/"
        _ = lookUp(first)
        #expect(computed[first] == 2, "a string not seen for a whole generation is forgotten")
    }
}
