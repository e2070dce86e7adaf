import Testing
import PantauHTML

@Suite("XMLDocument")
struct XMLDocumentTests {
    @Test func rssItemsWithNamespaces() throws {
        let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>Dinkes</title><lastBuildDate>Sun, 29 Nov 2026 01:00:00 +0000</lastBuildDate>
        <item><title>Rapat &amp; Koordinasi</title><pubDate>Wed, 06 Feb 2019 03:00:00 +0000</pubDate>
          <dc:creator><![CDATA[admin]]></dc:creator><content:encoded><![CDATA[<p>Isi</p>]]></content:encoded></item>
        <item><title>Kedua</title><pubDate>Tue, 05 Feb 2019 03:00:00 +0000</pubDate></item>
        </channel></rss>
        """
        let doc = try #require(XMLDocument(bytes: Array(rss.utf8)))
        #expect(doc.rootName == "rss")
        #expect(try doc.strings("//item/pubDate") == ["Wed, 06 Feb 2019 03:00:00 +0000", "Tue, 05 Feb 2019 03:00:00 +0000"])
        #expect(try doc.strings("//item/title") == ["Rapat & Koordinasi", "Kedua"])
        #expect(try doc.strings("//item/dc:creator", namespaces: ["dc": "http://purl.org/dc/elements/1.1/"]) == ["admin"])
        #expect(try doc.strings("//item/content:encoded",
                                namespaces: ["content": "http://purl.org/rss/1.0/modules/content/"]) == ["<p>Isi</p>"])
        #expect(try doc.select("//item").count == 2)
        #expect(throws: XPathError.self) { try doc.strings("//dc:creator") } // prefix not registered
    }

    @Test func atomEntriesWithDefaultNamespace() throws {
        let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Kecamatan</title><updated>2026-11-29T00:00:00Z</updated>
        <entry><title>Posyandu</title><published>2023-12-13T10:30:00+07:00</published><updated>2023-12-14T08:00:00+07:00</updated>
        <link rel="alternate" href="https://contoh.go.id/posyandu"/></entry></feed>
        """
        let doc = try #require(XMLDocument(bytes: Array(atom.utf8)))
        #expect(doc.rootName == "feed")
        let ns = ["atom": "http://www.w3.org/2005/Atom"]
        #expect(try doc.strings("//atom:entry/atom:published", namespaces: ns) == ["2023-12-13T10:30:00+07:00"])
        #expect(try doc.strings("//*[local-name()='entry']/*[local-name()='updated']") == ["2023-12-14T08:00:00+07:00"])
        #expect(try doc.strings("//atom:entry/atom:link/@href", namespaces: ns) == ["https://contoh.go.id/posyandu"])
        #expect(try doc.strings("//entry/published").isEmpty) // unprefixed names mean no namespace in XPath 1.0
        let entries = try doc.select("//atom:entry/atom:link", namespaces: ns)
        #expect(entries.first?.name == "link")
        #expect(entries.first?.attributes["rel"] == "alternate")
    }

    @Test func sitemapRootAndNotXML() throws {
        let sitemap = #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://contoh.go.id/</loc><lastmod>2024-01-02</lastmod></url></urlset>"#
        let doc = try #require(XMLDocument(bytes: Array(sitemap.utf8)))
        #expect(doc.rootName == "urlset")
        #expect(try doc.strings("//*[local-name()='lastmod']") == ["2024-01-02"])
        #expect(XMLDocument(bytes: Array("just some text".utf8)) == nil)
        #expect(XMLDocument(bytes: []) == nil)
    }
}

/// The one-pass reader must pick out what the equivalent XPath selects.
@Suite struct XMLScannerTests {
    static let sitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc> https://contoh.go.id/a/ </loc><lastmod>2026-11-02</lastmod></url>
          <url><loc><![CDATA[https://contoh.go.id/b/?x=1&y=2]]></loc></url>
          <extra><url><loc>https://contoh.go.id/too-deep/</loc></url></extra>
          <url><loc>https://contoh.go.id/c/&amp;d</loc></url>
        </urlset>
        """

    @Test func sitemapLocationsAsTheXPathSelectsThem() throws {
        let bytes = Array(Self.sitemap.utf8)
        let scan = XMLScanner.scan(bytes, parents: ["url", "sitemap"], names: ["loc"], parentDepth: 2)
        let document = try #require(XMLDocument(bytes: bytes))
        let xpath = try document.strings("/*/*[local-name()='url' or local-name()='sitemap']/*[local-name()='loc']")
        #expect(scan.root == "urlset")
        #expect(scan.items.map(\.text) == xpath)
        #expect(xpath == ["https://contoh.go.id/a/", "https://contoh.go.id/b/?x=1&y=2", "https://contoh.go.id/c/&d"])
        #expect(XMLScanner.scan(bytes, parents: ["url"], names: ["loc"], parentDepth: 2, limit: 2).items.count == 2)
    }

    @Test func feedItemsAtAnyDepthWithTheirParents() {
        let rss = Array("""
            <rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><pubDate>2020-01-01</pubDate>
            <item><title>A</title><pubDate>Mon, 02 Nov 2026 08:00:00 +0700</pubDate></item>
            <item><dc:date>2026-10-01</dc:date></item></channel></rss>
            """.utf8)
        let scan = XMLScanner.scan(rss, parents: ["item", "entry"], names: ["pubDate", "date", "published", "updated"])
        #expect(scan.root == "rss")
        #expect(scan.items == [
            XMLScanner.Item(parent: "item", name: "pubDate", text: "Mon, 02 Nov 2026 08:00:00 +0700"),
            XMLScanner.Item(parent: "item", name: "date", text: "2026-10-01"),
        ], "the channel's own pubDate is not an item's")
    }

    @Test func notXMLAndEntitiesAreHarmless() {
        #expect(XMLScanner.scan(Array("<html><body>halo".utf8), parents: ["url"], names: ["loc"]).items.isEmpty)
        #expect(XMLScanner.scan([], parents: ["url"], names: ["loc"]).root == nil)
        #expect(XMLScanner.scan(Array("bukan xml".utf8), parents: ["url"], names: ["loc"]).root == nil)
        let xxe = Array("""
            <?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <urlset><url><loc>a&x;b</loc></url></urlset>
            """.utf8)
        let scan = XMLScanner.scan(xxe, parents: ["url"], names: ["loc"], parentDepth: 2)
        #expect(scan.items.allSatisfy { !$0.text.contains("root:") }, "external entities are never read")
    }
}
