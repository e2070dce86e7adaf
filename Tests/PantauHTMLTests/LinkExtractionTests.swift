import Testing
@testable import PantauHTML

@Suite("HTMLDocument.links")
struct LinkExtractionTests {
    private func links(_ html: String) -> [HTMLLink] {
        HTMLDocument(html: html, url: "https://contoh.go.id/").links()
    }

    @Test func everyKindInDocumentOrder() {
        let html = """
        <html><head>
        <link rel="stylesheet" href="/style.css">
        <link rel="alternate" type="application/rss+xml" href="/feed/">
        <link rel="alternate" type="application/atom+xml" href="/atom.xml">
        <link rel="icon" href="/favicon.ico">
        <script src="/app.js"></script>
        </head><body>
        <a href="/berita">Berita</a>
        <map><area href="/peta" alt="Peta"></map>
        <img src="/logo.png">
        <iframe src="https://maps.example/embed"></iframe>
        <embed src="/flash.swf">
        <object data="/doc.pdf"></object>
        <video src="/v.mp4"><track src="/subs.vtt"></video>
        <audio src="/a.mp3"></audio>
        <picture><source src="/s.webm"></picture>
        </body></html>
        """
        let found = links(html).map { "\($0.kind.rawValue) \($0.href)" }
        #expect(found == [
            "stylesheet /style.css", "feed /feed/", "feed /atom.xml", "otherLink /favicon.ico", "script /app.js",
            "anchor /berita", "area /peta", "image /logo.png", "frame https://maps.example/embed",
            "embed /flash.swf", "embed /doc.pdf", "embed /v.mp4", "embed /subs.vtt",
            "embed /a.mp3", "embed /s.webm",
        ])
    }

    @Test func framesetFrames() {
        let found = links(#"<html><frameset><frame src="/atas.html"><frame src="/isi.html"></frameset></html>"#)
        #expect(found.map(\.href) == ["/atas.html", "/isi.html"])
        #expect(found.allSatisfy { $0.kind == .frame })
    }

    @Test func relIsLowercasedAndStylesheetWinsOverAlternate() {
        let found = links(#"<link rel="Alternate StyleSheet" href="/alt.css"><a rel="NoFollow" href="/x">x</a>"#)
        #expect(found.map(\.kind) == [.stylesheet, .anchor])
        #expect(found.map(\.rel) == ["alternate stylesheet", "nofollow"])
    }

    @Test func sourceSetCandidatesAreImageLinks() {
        let html = #"<img src="/a.jpg" srcset="/a-300.jpg 300w, /a-600.jpg 600w,/cdn/w_100,h_50/a.jpg 2x">"#
        #expect(links(html).map(\.href) == ["/a.jpg", "/a-300.jpg", "/a-600.jpg", "/cdn/w_100,h_50/a.jpg"])
        #expect(links(html).allSatisfy { $0.kind == .image })
    }

    @Test func anchorTextIsCollapsedOrFallsBackToImageAltThenTitle() {
        let found = links("""
        <a href="/a">  Dinas
           <b>Kesehatan</b>  </a>
        <a href="/b"><img src="/i.png" alt="Logo Dinkes"></a>
        <a href="/c"><img src="/j.png" title="Judul"></a>
        """)
        let anchors = found.filter { $0.kind == .anchor }
        #expect(anchors.map(\.text) == ["Dinas Kesehatan", "Logo Dinkes", "Judul"])
        #expect(found.filter { $0.kind == .image }.map(\.text) == ["", ""])
    }

    @Test func hiddenLinksAreMarked() {
        let found = links("""
        <div style="display: none"><p><a href="https://slot.example/">slot gacor</a></p></div>
        <span style="VISIBILITY:hidden"><a href="/v">v</a></span>
        <a hidden href="/h">h</a>
        <div style="display:block"><a href="/shown">shown</a></div>
        <a href="/after">after</a>
        """)
        #expect(found.map(\.isHidden) == [true, true, true, false, false])
    }

    @Test func emptyHrefsAreSkippedAndValuesTrimmedAndDecoded() {
        let found = links(#"<a href="">e</a><a href="   ">s</a><a>none</a><a href="  /cari?a=1&amp;b=2  ">q</a>"#)
        #expect(found.map(\.href) == ["/cari?a=1&b=2"])
    }

    @Test func baseTitleAndLanguage() {
        let doc = HTMLDocument(html: """
        <html lang="id"><head><title>  Dinas
        Kesehatan &amp; KB </title><base href=" https://contoh.go.id/sub/ "></head><body></body></html>
        """, url: "https://contoh.go.id/")
        #expect(doc.title == "Dinas Kesehatan & KB")
        #expect(doc.baseHref == "https://contoh.go.id/sub/")
        #expect(doc.language == "id")
        #expect(doc.url == "https://contoh.go.id/")
        let bare = HTMLDocument(html: "<p>x</p>", url: "u")
        #expect(bare.title == nil)
        #expect(bare.baseHref == nil)
        #expect(bare.language == nil)
    }

    @Test func emptyBodyGivesAnEmptyDocument() throws {
        let doc = HTMLDocument(bytes: [], url: "https://contoh.go.id/")
        #expect(doc.links().isEmpty)
        #expect(doc.visibleText() == "")
        #expect(try doc.select("//a").isEmpty)
    }

    @Test func sourceSetParserKeepsCommasInsideURLs() {
        #expect(sourceSetURLs("a.jpg, b.jpg 2x , c,d.jpg 3x") == ["a.jpg", "b.jpg", "c,d.jpg"])
        #expect(sourceSetURLs("  ") == [])
        #expect(sourceSetURLs("x.jpg,, y.jpg") == ["x.jpg", "y.jpg"])
    }
}
