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
