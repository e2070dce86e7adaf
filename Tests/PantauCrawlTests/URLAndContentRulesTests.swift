import Foundation
import PantauHTML
import Testing
@testable import PantauCrawl

@Suite("WHATWG-style URL clean-up, IDN hosts and punycode")
struct URLCleanupTests {
    let base = URL(string: "http://dinas.test/profil/")!

    @Test(arguments: [
        // IDN hosts become IDNA ASCII; ASCII hosts are left alone.
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
        ("http://BÜCHER.example/Buku", "http://xn--bcher-kva.example/Buku"),
        ("//münchen.example/a", "http://xn--mnchen-3ya.example/a"),
        ("http://dinas-kesehatan.contoh.id", "http://dinas-kesehatan.contoh.id/"),
        ("http://user@bücher.example:8080/x", "http://user@xn--bcher-kva.example:8080/x"),
        // Backslashes are slashes in http(s) URLs, but not in the query.
        ("\\berita\\2024\\", "http://dinas.test/berita/2024/"),
        ("http:\\\\dinas.test\\ppid", "http://dinas.test/ppid"),
        ("/cari?q=a\\b", "http://dinas.test/cari?q=a%5Cb"),
        // Tabs and newlines vanish even inside the URL (attribute values wrapped by editors).
        ("/ber\nita/\t2024/", "http://dinas.test/berita/2024/"),
        ("\n  /kontak/\r\n", "http://dinas.test/kontak/"),
        // Protocol-relative, dot segments, query order and case kept.
        ("//cdn.dinas.test/a.css", "http://cdn.dinas.test/a.css"),
        ("../a/./b/../c/", "http://dinas.test/a/c/"),
        ("/cari?Z=1&a=2&A=3", "http://dinas.test/cari?Z=1&a=2&A=3"),
        ("/cari?", "http://dinas.test/cari?"),
    ])
    func cleansAndResolves(href: String, expected: String) {
        #expect(CrawlURL.resolve(href, against: base) == expected)
    }

    @Test func otherSchemesKeepTheirBackslashes() {
        #expect(CrawlURL.prepare("mailto:a\\b@dinas.test", relativeIsSpecial: true) == "mailto:a%5Cb@dinas.test")
    }

    @Test func normalFormIsIdempotent() throws {
        for url in ["http://xn--bcher-kva.example/Buku?b=2&a=1", "http://dinas.test/a%2Fb/", "https://dinas.test/"] {
            let once = try #require(CrawlURL.normalize(url))
            #expect(CrawlURL.normalize(once) == once)
            #expect(once == url, "the normal form never changes an already normal URL")
        }
    }

    @Test func ampersandEntitiesInAttributesAreDecodedByTheParser() throws {
        let document = HTMLDocument(html: #"<a href="/cari?kategori=2&amp;tahun=2024&amp;page=3">x</a>"#,
                                    url: "http://dinas.test/")
        let href = try #require(document.links().first?.href)
        #expect(CrawlURL.resolve(href, against: base) == "http://dinas.test/cari?kategori=2&tahun=2024&page=3")
    }

    /// RFC 3492 §7.1 sample strings and common IDN test labels.
    @Test(arguments: [
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
        ("安室奈美恵-with-SUPER-MONKEYS", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),
        ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
    ])
    func punycode(input: String, expected: String) {
        #expect(Punycode.encode(input) == expected)
    }

    @Test func idnaMapsIdeographicFullStops() {
        #expect(IDNA.toASCII("bücher。example") == "xn--bcher-kva.example")
        #expect(IDNA.toASCII("Dinas.TEST") == "dinas.test")
    }
}

@Suite("Crawler traps")
struct CrawlTrapsTests {
    @Test(arguments: [
        ("http://d.test/agenda/?ical=1", CrawlTraps.Trap.calendar),
        ("http://d.test/calendar/2031/05/", .calendar),
        ("http://d.test/kalender/2031-05/", .calendar),
        ("http://d.test/events/?month=2031-05", .calendar),
        ("http://d.test/?tribe-bar-date=2031-05-01", .calendar),
        ("http://d.test/berita/judul/?replytocom=12", .commentReply),
        ("http://d.test/berita/judul/?share=facebook", .commentReply),
        ("http://d.test/index.php?PHPSESSID=abc123", .sessionID),
        ("http://d.test/page.php?id=3&sid=9f8e", .sessionID),
        ("http://d.test/portal;jsessionid=ABC?x=1", .sessionID),
    ])
    func recognisesKnownTraps(url: String, trap: CrawlTraps.Trap) {
        var traps = CrawlTraps()
        #expect(traps.check(url) == trap)
    }

    @Test(arguments: [
        "http://d.test/2023/05/berita-baru/", // WordPress date permalinks are news, not a calendar
        "http://d.test/dokumen/?tahun=2023",  // a year filter of a document list
        "http://d.test/agenda/rapat-koordinasi/",
        "http://d.test/berita/?page=2",
    ])
    func letsRealPagesThrough(url: String) {
        var traps = CrawlTraps()
        #expect(traps.check(url) == nil)
    }

    @Test func capsQueryVariantsPerPath() {
        var traps = CrawlTraps(maxQueryVariantsPerPath: 3)
        let verdicts = (1...5).map { traps.check("http://d.test/berita/?page=\($0)") }
        #expect(verdicts == [nil, nil, nil, .queryVariants, .queryVariants])
        #expect(traps.check("http://d.test/berita/?page=2") == nil, "a variant already admitted stays admitted")
        #expect(traps.check("http://d.test/lain/?page=9") == nil, "the cap is per path")
    }
}

@Suite("Meta refresh, soft-404 wording, fragments, content sniffing, gzip")
struct ContentRulesTests {
    @Test(arguments: [
        ("0; url=/portal/", "/portal/"),
        ("0;URL='https://dinas.test/x'", "https://dinas.test/x"),
        ("5 ; url = \"/a b/\"", "/a b/"),
        ("0.5, /baru/", "/baru/"),
        ("3;/langsung/", "/langsung/"),
    ])
    func metaRefreshTargets(content: String, target: String) {
        #expect(MetaRefresh.target(content) == target)
    }

    @Test func metaRefreshWithoutURLOnlyReloads() {
        #expect(MetaRefresh.target("300") == nil)
        #expect(MetaRefresh.target("") == nil)
    }

    @Test(arguments: [
        ("text/html; charset=UTF-8", "text/html", "UTF-8"),
        ("Text/HTML;Charset=\"windows-1252\"", "text/html", "windows-1252"),
        ("  application/xhtml+xml ;\tcharset = 'iso-8859-1' ; q=1", "application/xhtml+xml", "iso-8859-1"),
        ("text/plain", "text/plain", nil),
    ] as [(String, String, String?)])
    func contentTypeHeader(value: String, type: String, charset: String?) {
        let headers = [(name: "Server", value: "nginx"), (name: "CONTENT-TYPE", value: "image/png"), (name: "content-Type", value: value)]
        let (mediaType, parsedCharset) = MediaSniffing.contentType(headers)
        #expect(mediaType == type, "the last Content-Type wins, in any letter case")
        #expect(parsedCharset == charset)
        #expect(MediaSniffing.contentType([(name: "Content-Length", value: "12")]) == (nil, nil))
    }

    @Test func notFoundWording() {
        // The byte pre-check must let every phrase through, in any letter case.
        for phrase in SoftNotFound.notFoundPhrases {
            #expect(SoftNotFound.declaredNotFound("Dinas Kesehatan | " + phrase.uppercased()) != nil, "\(phrase)")
        }
        #expect(SoftNotFound.declaredNotFound("Berita Terbaru | Dinas Kesehatan") == nil)
        #expect(SoftNotFound.declaredNotFound("Halaman Tidak Ditemukan - Dinas Kesehatan") != nil)
        #expect(SoftNotFound.declaredNotFound("Page not found – Kecamatan") != nil)
        #expect(SoftNotFound.declaredNotFound("404 | Dinas Pendidikan") != nil)
        #expect(SoftNotFound.declaredNotFound("Perbup Nomor 404 Tahun 2023 tentang Retribusi") == nil)
        #expect(SoftNotFound.declaredNotFound("Korban banjir belum ditemukan") == nil)
    }

    @Test func checkableFragments() {
        #expect(FragmentCheck.isCheckable("visi-misi"))
        #expect(!FragmentCheck.isCheckable("top"))
        #expect(!FragmentCheck.isCheckable("!/beranda"))
        #expect(!FragmentCheck.isCheckable("page=2"))
        #expect(!FragmentCheck.isCheckable(":~:text=anggaran"))
    }

    @Test func onlyHTMLIsParsedAsHTML() {
        let html = Array("<!DOCTYPE html><html><body>x</body></html>".utf8)
        #expect(MediaSniffing.isHTML(mediaType: "text/html", body: html))
        #expect(MediaSniffing.isHTML(mediaType: nil, body: html))
        #expect(MediaSniffing.isHTML(mediaType: "text/plain", body: html))
        #expect(!MediaSniffing.isHTML(mediaType: "image/png", body: html), "a declared image is never parsed")
        #expect(!MediaSniffing.isHTML(mediaType: "application/json", body: Array("{\"html\": 1}".utf8)))
        #expect(!MediaSniffing.isHTML(mediaType: "text/html", body: Array("%PDF-1.7 ...".utf8)), "a PDF labelled text/html")
        #expect(!MediaSniffing.isHTML(mediaType: "text/plain", body: Array("User-agent: *".utf8)))
    }

    @Test func gunzipsSitemapsAndCapsBombs() {
        #expect(Gzip.decompress(GzipFixtures.sitemap, maxBytes: 1 << 20) == Array(GzipFixtures.sitemapXML.utf8))
        #expect(Gzip.decompress(GzipFixtures.zeros, maxBytes: 2 << 20) == [UInt8](repeating: 0, count: 1 << 20))
        #expect(Gzip.decompress(GzipFixtures.zeros, maxBytes: 64 * 1024) == nil, "expansion beyond the cap is refused")
        #expect(Gzip.decompress(Array("<urlset/>".utf8), maxBytes: 1024) == nil)
    }
}
