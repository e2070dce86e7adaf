import Testing
@testable import PantauHTML

@Suite("HTMLDocument text and XPath")
struct TextAndXPathTests {
    private let page = """
    <html><head><title>Beranda</title><style>body { color: red }</style></head><body>
    <header class="site-header">Minggu, 29 November 2026</header>
    <nav><ul><li>Beranda</li><li>Profil</li></ul></nav>
    <div id="main-menu">Menu Utama</div>
    <main>
      <article>
        <header class="entry-header"><h1>Rapat Koordinasi</h1><time datetime="2019-02-06">Rabu, 6 Februari 2019</time></header>
        <p>Dinas <b>Kesehatan</b> menggelar rapat.</p><p>Hasilnya baik.</p>
        <script>var tracking = 1;</script>
        <div class="breadcrumbs">Beranda / Berita</div>
        <form><input name="q"> Cari</form>
      </article>
    </main>
    <aside class="widget">Berita Terbaru</aside>
    <noscript>Aktifkan JavaScript</noscript>
    <footer>&copy; 2026 Pemerintah Kabupaten</footer>
    </body></html>
    """

    @Test func visibleTextDropsScriptsAndSeparatesBlocks() {
        let doc = HTMLDocument(html: page, url: "https://contoh.go.id/")
        let text = doc.visibleText()
        #expect(text.hasPrefix("Minggu, 29 November 2026 Beranda Profil Menu Utama Rapat Koordinasi"))
        #expect(text.contains("Dinas Kesehatan menggelar rapat. Hasilnya baik."))
        #expect(!text.contains("tracking"))
        #expect(!text.contains("color"))
        #expect(!text.contains("JavaScript"))
        #expect(text.hasSuffix("© 2026 Pemerintah Kabupaten"))
    }

    @Test func contentTextKeepsOnlyTheMainContent() {
        let doc = HTMLDocument(html: page, url: "https://contoh.go.id/")
        #expect(doc.contentText() == "Rapat Koordinasi Rabu, 6 Februari 2019 Dinas Kesehatan menggelar rapat. Hasilnya baik.")
    }

    @Test func contentTextFallsBackToBodyWithoutChrome() {
        let doc = HTMLDocument(html: """
        <body class="home has-sidebar"><header>Hari ini</header><div class="megamenu">Menu</div>
        <p>Isi&nbsp;halaman</p><p>kedua</p><div id="sidebar">Samping</div><footer>Hak cipta</footer></body>
        """, url: "u")
        #expect(doc.contentText() == "Isi halaman kedua")
    }

    @Test func blockElementsSeparateWordsInlineOnesDoNot() {
        let doc = HTMLDocument(html: "<p>a</p><p>b</p><div>c<br>d</div><span>Ka</span><b>bupaten</b>", url: "u")
        #expect(doc.visibleText() == "a b c d Kabupaten")
    }

    @Test func selectCopiesElements() throws {
        let doc = HTMLDocument(html: #"<ul><li class="x">Satu <i>1</i></li><li data-n="2">Dua</li></ul>"#, url: "u")
        let items = try doc.select("//li")
        #expect(items == [
            HTMLElement(name: "li", attributes: ["class": "x"], text: "Satu 1"),
            HTMLElement(name: "li", attributes: ["data-n": "2"], text: "Dua"),
        ])
    }

    @Test func stringsOfElementsAttributesTextAndValues() throws {
        let doc = HTMLDocument(html: #"<h1> Judul  Berita </h1><a href="/a?x=1&amp;y=2">A</a><a href="/b">B</a>"#, url: "u")
        #expect(try doc.strings("//h1") == ["Judul Berita"])
        #expect(try doc.strings("//a/@href") == ["/a?x=1&y=2", "/b"])
        #expect(try doc.strings("//a/text()") == ["A", "B"])
        #expect(try doc.strings("string(//h1)") == ["Judul Berita"])
        #expect(try doc.strings("count(//a)") == ["2"])
        #expect(try doc.strings("count(//a) > 5") == ["false"])
        #expect(try doc.strings("//table").isEmpty)
    }

    @Test func invalidXPathThrowsWithLibxmlMessage() {
        let doc = HTMLDocument(html: "<p>x</p>", url: "u")
        #expect(throws: XPathError.self) { try doc.select("//p[") }
        do {
            _ = try doc.strings("//p[@class=")
            Issue.record("expected an error")
        } catch {
            #expect(error.expression == "//p[@class=")
            #expect(!error.message.isEmpty)
            #expect(error.description.hasPrefix("invalid XPath '//p[@class=': "))
        }
        #expect(throws: XPathError.self) { try doc.select("count(//p)") }
        #expect(throws: XPathError.self) { try doc.strings("unknownfn(//p)") }
    }

    @Test func validateXPath() throws {
        try HTMLDocument.validateXPath("//a[contains(@href, 'ppid')]/@href")
        #expect(throws: XPathError.self) { try HTMLDocument.validateXPath("//a[") }
        #expect(throws: XPathError.self) { try HTMLDocument.validateXPath("") }
    }

    @Test func brokenMarkupIsRecovered() throws {
        let doc = HTMLDocument(html: "<html><body><div><p>Satu<p>Dua</div><a href=/x>tautan<table><tr><td>sel</body>", url: "u")
        #expect(try doc.strings("//p") == ["Satu", "Dua"])
        #expect(doc.links().map(\.href) == ["/x"])
        #expect(doc.visibleText().contains("sel"))
    }

    @Test func headerEncodingDecodesWindows1252() {
        // "Café – “Rabu”" in windows-1252: 0x96 en dash, 0x93/0x94 curly quotes, 0xE9 é.
        var bytes = Array("<html><body><p>Caf".utf8)
        bytes += [0xE9, 0x20, 0x96, 0x20, 0x93]
        bytes += Array("Rabu".utf8)
        bytes += [0x94]
        bytes += Array("</p></body></html>".utf8)
        for label in ["windows-1252", "ISO-8859-1", "latin1"] {
            let doc = HTMLDocument(bytes: bytes, url: "u", encoding: label)
            #expect(doc.visibleText() == "Café – “Rabu”", "label \(label)")
        }
    }

    @Test func metaCharsetIsHonouredAndUnknownLabelsIgnored() {
        var bytes = Array(#"<html><head><meta charset="iso-8859-1"></head><body>Sele"#.utf8)
        bytes += [0xE7]
        bytes += Array("ai</body></html>".utf8)
        #expect(HTMLDocument(bytes: bytes, url: "u").visibleText() == "Seleçai")
        let utf8 = Array("<p>Señor</p>".utf8)
        #expect(HTMLDocument(bytes: utf8, url: "u", encoding: "x-no-such-charset").visibleText() == "Señor")
        #expect(HTMLDocument(bytes: utf8, url: "u", encoding: "utf8").visibleText() == "Señor")
    }

    @Test func wordCount() {
        #expect(TextMetrics.wordCount("Dinas Kesehatan, 2019: 3 kegiatan.") == 5)
    }
}
