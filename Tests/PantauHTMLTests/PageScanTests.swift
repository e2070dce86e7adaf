import PantauCore
import PantauDemo
import Testing
@testable import PantauHTML

/// The one-pass scan (``PageScanner``) must read a page exactly as a walk of libxml2's tree does:
/// the same links (kinds, hrefs, texts, rel, hidden), title, visible text and content text.
@Suite struct PageScanTests {
    /// Markup that exercises every rule of the walk: implied and auto-closed elements, chrome inside
    /// and outside articles, script-like elements, nested hidden scopes, images as anchor text,
    /// broken nesting, entities, non-breaking spaces, srcset, JSON-LD.
    static let tricky: [String] = [
        "<p>Tanpa html, head atau body <a href='/x'>tautan</a>",
        "<title>Judul <b>tebal</b></title><p>isi",
        """
        <html lang="id"><head><title> Dinas   Kesehatan </title><base href=" /sub/ ">
        <link rel="Stylesheet" href="/s.css"><link rel="alternate" type="application/RSS+xml" href="/feed/">
        <script type="application/ld+json">{"datePublished": "2026-11-02"}</script></head>
        <body><header><nav class="main-menu"><a href="/">Beranda</a><a href="/ppid/">PPID</a></nav></header>
        <main><article><header><h1>Berita <i>hari</i> ini</h1><time datetime="2026-11-02">2 Nov</time></header>
        <p>Isi&nbsp;berita&#160;satu <a href="a b.html#x"><img src="i.png" alt=" Foto  kegiatan "></a></p>
        <footer>Penulis: Admin</footer></article>
        <aside class="widget"><a href="/lain/">Lain</a></aside><form><input name=q>cari</form></main>
        <div style="DISPLAY: none"><p><a href="http://spam.example/">slot</a></p></div>
        <p style="position:absolute; left:-9999px"><a href="http://spam2.example/">daftar</a></p>
        <span hidden><a href="/h">h</a></span><a href="/v">v</a>
        <img srcset="a.png 1x, b,c.png 2x" src="x.png"><object data="o.swf"></object>
        <noscript><a href="/ns"><img src="n.png" title="judul gambar"></a></noscript>
        <footer class="site-footer">Hak cipta 2026</footer></body></html>
        """,
        "<body><div id='content'><div class='entry-content'><p>Isi <nav>menu</nav>utama</p></div></div><main>Utama</main></body>",
        "<body><div role='MAIN'><p>Peran</p><div class='sidebar'>samping</div><header>Kepala</header></div></body>",
        "<body><article><div><header>Judul artikel</header></div></article><article>Kedua</article></body>",
        "<body><p>a<b>b</b>c<p>d<br>e<table><tr><td>f<td>g</table><ul><li>h<li>i</ul></body>",
        "<body><a href='/1'><span>satu</span><a href='/2'>dua</a></a><a href=''>kosong</a><a>tanpa</a></body>",
        "<body><a href='/img'><img alt=''><img title='  '><img alt='ketiga'></a></body>",
        "<body><div class='has-sidebar no-menu'>tata letak <div class='Breadcrumbs'>remah</div></div></body>",
        "<body><template><a href='/t'>t</a></template><style>p{}</style><script>var a='<a href=x>';</script>teks</body>",
        "<body><p>A<div>B</div>C</p></body></html><p>setelah html</p>",
        "<body><iframe src='/f'></iframe><video src='/v.mp4'><track src='/t.vtt'><source src='/s.mp4' srcset='/s2.mp4'></video><embed src='/e'><area href='/area'></body>",
        "",
        "   ",
        "<html><head><title>Hanya kepala</title><meta name='description' content='isi'></head></html>",
    ]

    @Test(arguments: Array(tricky.indices))
    func scanMatchesTheTreeOnTrickyMarkup(index: Int) {
        let html = Self.tricky[index]
        assertScanMatchesTree(HTMLDocument(html: html, url: "https://dinkes.contohkab.go.id/berita/"), html)
    }

    @Test func scanMatchesTheTreeOnEveryDemoPage() {
        let district = DemoDistrict(seed: 1, auditDate: CalendarDate(year: 2026, month: 12, day: 1)!)
        let pages = district.htmlPages(port: 8080)
        #expect(pages.count > 1_000)
        for page in pages {
            assertScanMatchesTree(HTMLDocument(bytes: page.html, url: page.url), page.url)
        }
    }

    private func assertScanMatchesTree(_ document: HTMLDocument, _ label: String) {
        let tree = document.treeAnswers
        #expect(document.links() == tree.links, "links of \(label)")
        #expect(document.visibleText() == tree.visibleText, "visible text of \(label)")
        #expect(document.contentText() == tree.contentText, "content text of \(label)")
        #expect(document.title == tree.title, "title of \(label)")
        for xpath in ["//title | //h1 | //h2 | //h3 | //a", "//h1", "//a"] {
            let fast = (try? document.strings(xpath)) ?? []
            let slow = (try? document.strings(xpath + " | //nothing")) ?? []
            #expect(fast == slow, "\(xpath) on \(label)")
        }
        #expect(Set(document.fragmentTargets) == Set((try? document.strings("//@id | //a/@name")) ?? []), "ids of \(label)")
        let headings = document.headings.filter { !$0.isInChrome && $0.level == 1 }.map(\.text)
        #expect(headings == (try? document.strings("//h1[not(ancestor::nav or ancestor::aside or ancestor::footer)]")),
                "h1 of \(label)")
        #expect(document.jsonLDScripts == (try? document.strings("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]")),
                "JSON-LD of \(label)")
    }

    /// libxml2's tree builder drops text nested deeper than its limit (256 elements) without a
    /// word; the scan keeps it, so spam buried in deep markup is still read.
    @Test func textNestedBelowTheTreesDepthLimitIsKept() {
        let html = String(repeating: "<div>", count: 300) + "slot gacor" + String(repeating: "</div>", count: 300)
        let document = HTMLDocument(html: "<body>" + html + "</body>", url: "https://dinkes.contohkab.go.id/")
        #expect(document.visibleText() == "slot gacor")
        #expect(document.treeAnswers.visibleText == "")
    }

    /// Attributes are found wherever they stand, past the ones the scan packs (14) too.
    @Test func attributesPastTheFourteenthAreRead() {
        let filler = (1...15).map { "data-x\($0)=\"\($0)\"" }.joined(separator: " ")
        let document = HTMLDocument(html: """
            <body><a \(filler) href="/jauh/" rel="Nofollow" hidden>jauh</a><a href="/a/" href="/b/">dua</a>
            <img \(filler) title="t" alt="Logo" src="/logo.png"></body>
            """, url: "https://dinkes.contohkab.go.id/")
        let links = document.links()
        #expect(links.map(\.href) == ["/jauh/", "/a/", "/logo.png"], "the first of a repeated attribute wins")
        #expect(links.first?.rel == "nofollow")
        #expect(links.first?.isHidden == true)
        #expect(links == document.treeAnswers.links)
    }

    @Test func hiddenLinksIncludeTinyFontsAndOffscreenPositions() {
        let document = HTMLDocument(html: """
            <body><p style="font-size: 0"><a href="http://a.example/">a</a></p>
            <p style="FONT-SIZE:1px;color:red"><a href="http://b.example/">b</a></p>
            <p style="text-indent:-9999px"><a href="http://c.example/">c</a></p>
            <p style="font-size:0.9em"><a href="http://d.example/">d</a></p></body>
            """, url: "https://dinkes.contohkab.go.id/")
        #expect(document.links().map(\.isHidden) == [true, true, true, false])
    }

    @Test func timesRecordWhereTheDateStands() {
        let document = HTMLDocument(html: """
            <body><header><time datetime="2026-12-01">hari ini</time></header>
            <article class="post"><header><time class="entry-date" datetime=" 2026-11-02 ">2 Nov</time></header></article>
            <nav><time datetime="2026-01-01">x</time></nav><footer><time datetime="2025-01-01">y</time></footer></body>
            """, url: "https://dinkes.contohkab.go.id/")
        let times = document.times
        #expect(times.map(\.datetime) == ["2026-12-01", "2026-11-02", "2026-01-01", "2025-01-01"])
        #expect(times.map(\.isInSiteHeader) == [true, false, false, false])
        #expect(times.map(\.isInArticle) == [false, true, false, false])
        #expect(times[1].classes == "post entry-date")
        #expect(times.map(\.isInNav) == [false, false, true, false])
        #expect(times.map(\.isInSiteFooter) == [false, false, false, true])
    }

    @Test func metasKeepTheirAttributesAndPlace() {
        let document = HTMLDocument(html: """
            <html><head><meta http-equiv="Refresh" content=" 0;  url=/baru/ "><meta property="article:published_time" content="2026-11-02T08:00:00+07:00"></head>
            <body><meta name="x" content="badan"></body></html>
            """, url: "https://dinkes.contohkab.go.id/")
        #expect(document.metas == [
            HTMLMeta(httpEquiv: "Refresh", content: "0; url=/baru/", isInHead: true),
            HTMLMeta(property: "article:published_time", content: "2026-11-02T08:00:00+07:00", isInHead: true),
            HTMLMeta(name: "x", content: "badan", isInHead: false),
        ])
    }
}

/// The resolver's copy-free path must take exactly the hrefs that parsing would return unchanged.
@Suite struct NormalFormFastPathTests {
    @Test(arguments: [
        "http://127.0.0.1:8088/2019/02/06/rapat/", "https://dinkes.contohkab.go.id/", "http://a.go.id/x?y=1",
        "http://a.go.id", "HTTP://a.go.id/", "http://A.go.id/", "http://a.go.id:80/", "https://a.go.id:443/x",
        "http://a.go.id:8080/", "http://a.go.id:08/", "http://a.go.id:/", "http://a.go.id/a/./b", "http://a.go.id/a/../b",
        "http://a.go.id/a/..", "http://a.go.id/.", "http://a.go.id/..?x", "http://a.go.id/x?", "http://a.go.id/x#top",
        "http://a.go.id/a b", "http://a.go.id/.well-known/x", "http://a.go.id/a..b/", "http://a.go.id/x?a=/../",
        "http://user@a.go.id/", "http://[::1]/", "http://a.go.id/%7Euser", "ftp://a.go.id/", "http:/a.go.id/",
        "https://a.go.id/wp-content/themes/sukamaju/style.css?ver=1.4.2", "http://xn--mnchen-3ya.de/", "http://a.go.id/ü",
    ])
    func fastPathAgreesWithParsing(href: String) {
        var copy = href
        let fast = copy.withUTF8(URLResolver.isNormalAbsolute)
        let parsed = URLResolver.parseAbsolute(Array(href.utf8))?.normalized
        let plain = href.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } && !href.contains("#")
        #expect(fast == (plain && parsed == href), "\(href): parsed \(parsed ?? "nil")")
        if fast { #expect(URLResolver(base: "http://lain.go.id/")?.resolve(href) == href) }
    }
}

/// ``TextBuffer`` against a plain reference: split at white space, join with one space.
@Suite struct TextBufferTests {
    @Test func collapsingMatchesTheReferenceOnRandomText() {
        let alphabet: [String] = ["a", "b", "é", " ", " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            // Scalars, not Characters: "\r\n" is one Character.
            let spaces: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0C}", "\u{A0}"]
            let expected = text.unicodeScalars.split(whereSeparator: spaces.contains)
                .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            var buffer = TextBuffer()
            // Fed in arbitrary chunks at scalar boundaries, as the parser delivers text.
            var rest = Substring(text).unicodeScalars
            while !rest.isEmpty {
                let take = Int.random(in: 1...rest.count, using: &generator)
                buffer.append(String(String.UnicodeScalarView(rest.prefix(take))))
                rest = rest.dropFirst(take)
            }
            #expect(buffer.string == expected, "\(Array(text.unicodeScalars))")
        }
    }
}
