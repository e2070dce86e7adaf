import Foundation
import Testing
@testable import PantauCrawl

@Suite("URL resolution and normal form")
struct CrawlURLTests {
    let base = URL(string: "http://dinkes.contohkab.test:8080/profil/visi-misi/")!

    @Test(arguments: [
        ("../../ppid/", "http://dinkes.contohkab.test:8080/ppid/"),
        ("/berita/?page=2#top", "http://dinkes.contohkab.test:8080/berita/?page=2"),
        ("//cdn.contohkab.test/a.js", "http://cdn.contohkab.test/a.js"),
        ("struktur", "http://dinkes.contohkab.test:8080/profil/visi-misi/struktur"),
        ("  /kontak/  ", "http://dinkes.contohkab.test:8080/kontak/"),
        ("/wp-content/uploads/Laporan Keuangan 2023.pdf", "http://dinkes.contohkab.test:8080/wp-content/uploads/Laporan%20Keuangan%202023.pdf"),
        ("/berita/%E2%80%9Cjudul%E2%80%9D/", "http://dinkes.contohkab.test:8080/berita/%E2%80%9Cjudul%E2%80%9D/"),
        ("/kegiatan/pelatihan-ʻalam/", "http://dinkes.contohkab.test:8080/kegiatan/pelatihan-%CA%BBalam/"),
        ("HTTP://DINKES.contohkab.test:80/a/./b/../c", "http://dinkes.contohkab.test/a/c"),
        ("https://dinkes.contohkab.test:443", "https://dinkes.contohkab.test/"),
    ])
    func resolves(href: String, expected: String) {
        #expect(CrawlURL.resolve(href, against: base) == expected)
    }

    @Test func keepsCaseOfPathAndQuery() {
        #expect(CrawlURL.normalize("http://Host.TEST/Berita/Index.PHP?ID=AbC") == "http://host.test/Berita/Index.PHP?ID=AbC")
    }

    @Test func schemes() {
        #expect(CrawlURL.scheme(of: "mailto:ppid@contohkab.go.id") == "mailto")
        #expect(CrawlURL.scheme(of: "JavaScript:void(0)") == "javascript")
        #expect(CrawlURL.scheme(of: "/relative/path") == nil)
    }

    @Test func siteHostIgnoresWWWAndPort() {
        #expect(CrawlURL.siteHost(of: "https://www.dinkes.test:8443/x") == "dinkes.test")
    }

    @Test func binaryLookingURLs() {
        #expect(CrawlURL.looksBinary("http://a.test/uploads/LKjIP-2023.PDF"))
        #expect(CrawlURL.looksBinary("http://a.test/img/logo.png?v=3"))
        #expect(!CrawlURL.looksBinary("http://a.test/berita/2023.12/"))
        #expect(!CrawlURL.looksBinary("http://a.test/index.php?file=a.pdf"))
    }
}
