import Foundation
import PantauCore
import PantauFetch
import PantauHTTPServer
import Testing
@testable import PantauCrawl

@Suite("Crawl behaviours: meta refresh, soft 404, fragments, traps, sitemaps, charsets, scope, https")
struct CrawlBehaviourTests {
    @Test func metaRefreshIsFollowedLikeARedirect() async throws {
        let log = PageLog()
        let outcome = try await CrawlHarness().crawl(inspectors: [log]) { request in
            switch request.path {
            case "/": return .html(#"<html><head><meta http-equiv="Refresh" content="0; URL='/portal/'"></head><body>Mengalihkan…</body></html>"#)
            case "/portal/": return .page("Portal Dinas", #"<a href="/lama/">lama</a> <a href="/profil/">profil</a>"#)
            case "/lama/": return .html(#"<html><head><meta http-equiv="refresh" content="2;url=/profil/"></head></html>"#)
            case "/profil/": return .page("Profil")
            default: return .notFound
            }
        }
        let root = outcome.root
        #expect(outcome.summary.reachable)
        #expect(log.page(root + "/portal/")?.role == .home, "the refresh target takes the home page's place")
        #expect(log.page(root + "/") == nil, "a refresh stub is not inspected")
        #expect(log.page(root + "/lama/") == nil)
        #expect(outcome.summary.pagesCrawled == 2) // /portal/, /profil/
        let old = try #require(outcome.link("/lama/"))
        #expect(old.verdict == .ok)
        #expect(old.redirectChain == [root + "/lama/"], "the refresh is recorded as the link's redirect")
        #expect(outcome.hits["GET dinas.test /profil/"] == 1)
    }

    @Test func softNotFoundPagesAreBrokenLinksAndNotInspected() async throws {
        let log = PageLog()
        let notFound = """
            <html><head><title>Dinas Kesehatan</title></head><body><nav>Beranda Profil</nav><main>
            <h2>Maaf</h2><p>Konten yang Anda cari belum tersedia atau sudah dipindahkan. Silakan kembali ke beranda
            atau gunakan kotak pencarian di atas untuk menemukan informasi lain.</p><p>Kode 83741</p></main></body></html>
            """
        let outcome = try await CrawlHarness().crawl(inspectors: [log]) { request in
            switch request.path {
            case "/": return .page("Dinas Kesehatan", #"<a href="/ada/">ada</a> <a href="/hilang/">hilang</a> <a href="/judul/">judul</a> <a href="/perbup-404/">perbup</a>"#)
            case "/ada/": return .page("Pelayanan", "<p>Jam pelayanan Senin sampai Jumat pukul 08.00 sampai 16.00.</p>")
            case "/judul/": return .page("Halaman Tidak Ditemukan", "<p>Periksa kembali alamatnya.</p>")
            case "/perbup-404/": return .page("Perbup Nomor 404 Tahun 2023 tentang Retribusi", "<p>Isi peraturan.</p>")
            case "/robots.txt": return .notFound
            default: return .html(notFound.replacingOccurrences(of: "83741", with: String(request.path.count)))
            }
        }
        let root = outcome.root
        for path in ["/hilang/", "/judul/"] {
            let link = try #require(outcome.link(path))
            #expect(link.verdict == .broken, "\(path)")
            #expect(link.status == 200)
            #expect(link.error?.hasPrefix("soft 404: ") == true)
            #expect(log.page(root + path) == nil, "\(path) must not reach the inspectors")
        }
        #expect(outcome.link("/ada/")?.verdict == .ok)
        #expect(outcome.link("/perbup-404/")?.verdict == .ok, "a real page with 404 in a long title")
        #expect(log.page(root + "/ada/") != nil)
        #expect(Set(outcome.observations(.softNotFound).map(\.url)) == [root + "/hilang/", root + "/judul/"])
        #expect(outcome.hits.keys.contains { $0.hasPrefix("GET dinas.test /pantau-404-check-") }, "one probe per site")
    }

    @Test func honestNotFoundGivesNoTemplate() async throws {
        let outcome = try await CrawlHarness().crawl { request in
            switch request.path {
            case "/": return .page("Beranda", #"<a href="/a/">a</a> <a href="/b/">b</a>"#)
            case "/a/", "/b/": return .page("Dinas")  // same short template as each other: still real pages
            default: return .notFound
            }
        }
        #expect(outcome.observations(.softNotFound).isEmpty)
        #expect(outcome.link("/a/")?.verdict == .ok)
    }

    @Test func fragmentsMustNameAnElement() async throws {
        let outcome = try await CrawlHarness().crawl { request in
            switch request.path {
            case "/": return .page("Beranda", """
                <a href="/profil/#visi">visi</a> <a href="/profil/#misi">misi</a> <a href="/profil/#lama">nama</a>
                <a href="#kontak">kontak</a> <a href="#top">atas</a> <a href="#hilang">?</a> <p id="kontak">Kontak</p>
                <a href="/dok.pdf#page=2">dok</a>
                """)
            case "/profil/": return .page("Profil", #"<h2 id="visi">Visi</h2><a name="lama"></a><a href="/#tidak-ada">x</a>"#)
            case "/dok.pdf": return ServerResponse(status: 200, headers: [("Content-Type", "application/pdf")], body: Array("%PDF-1.4".utf8))
            default: return .notFound
            }
        }
        let root = outcome.root
        let missing = outcome.observations(.missingFragment)
        #expect(Set(missing.map(\.url)) == [root + "/profil/#misi", root + "/#hilang", root + "/#tidak-ada"])
        #expect(missing.first { $0.url.hasSuffix("#misi") }?.referrer == root + "/")
        #expect(missing.first { $0.url.hasSuffix("#tidak-ada") }?.referrer == root + "/profil/")
        #expect(outcome.link("/profil/")?.verdict == .ok, "the page itself works; only the fragment is missing")
    }

    @Test func trapsAreNotCrawledButStillChecked() async throws {
        let listing = (1...30).map { #"<a href="/berita/?page=\#($0)">\#($0)</a>"# }.joined()
        let outcome = try await CrawlHarness().crawl { request in
            switch request.path {
            case "/": return .page("Beranda", listing + """
                <a href="/agenda/?ical=1">ical</a> <a href="/calendar/2031/05/">kalender</a>
                <a href="/events/?month=2031-05">bulan</a> <a href="/berita/a/?replytocom=5">balas</a>
                <a href="/index.php?PHPSESSID=abc">sesi</a> <a href="/dokumen/?tahun=2023">dokumen</a>
                """)
            default: return .page("Halaman \(request.path)")
            }
        }
        let pageGets = outcome.hits.keys.filter { $0.hasPrefix("GET dinas.test /berita/?page=") }
        #expect(pageGets.count == 20, "at most 20 query variants of one path are crawled")
        for path in ["/agenda/?ical=1", "/calendar/2031/05/", "/events/?month=2031-05", "/berita/a/?replytocom=5", "/index.php?PHPSESSID=abc"] {
            #expect(outcome.hits["GET dinas.test \(path)"] == nil, "\(path) is a trap")
            #expect(outcome.link(path)?.verdict == .ok, "\(path) is still checked as a link")
        }
        #expect(outcome.hits["GET dinas.test /dokumen/?tahun=2023"] == 1)
        let traps = Set(outcome.observations(.trap).map(\.detail))
        #expect(traps.count == 4)
        #expect(traps.contains { $0.contains("10 URL(s)") && $0.contains(CrawlTraps.Trap.queryVariants.rawValue) })
    }

    @Test func sitemapsFromRobotsIndexAndGzipFeedTheFrontier() async throws {
        let log = PageLog()
        var limits = CrawlLimits()
        limits.maxPages = 300
        let outcome = try await CrawlHarness().crawl(limits: limits, inspectors: [log]) { request in
            switch request.path {
            case "/robots.txt": return .text("User-agent: *\nDisallow: /p/13/\nSitemap: /peta-situs.xml\n")
            case "/": return .page("Beranda")
            case "/peta-situs.xml":
                return .text("""
                    <?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                    <sitemap><loc>/pages.xml</loc></sitemap><sitemap><loc>/posts.xml.gz</loc></sitemap>
                    <sitemap><loc>http://luar.test/sitemap.xml</loc></sitemap></sitemapindex>
                    """, contentType: "application/xml")
            case "/posts.xml.gz": return ServerResponse(status: 200, headers: [("Content-Type", "application/x-gzip")], body: GzipFixtures.sitemap)
            case "/pages.xml":
                return .text(#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/tersembunyi/</loc><lastmod>2026-11-20</lastmod></url></urlset>"#,
                             contentType: "text/xml")
            case "/tersembunyi/": return .page("Tidak ditautkan")
            default:
                return request.path.hasPrefix("/p/") ? .page("Berita \(request.path)") : .notFound
            }
        }
        let root = outcome.root
        #expect(log.page(root + "/tersembunyi/")?.role == .crawled, "a page only the sitemap lists is crawled")
        #expect(log.page(root + "/pages.xml")?.role == .requested, "sitemaps reach the plugins (lastmod)")
        #expect(log.page(root + "/pages.xml").map { String(decoding: $0.body, as: UTF8.self).contains("<lastmod>2026-11-20") } == true)
        #expect(log.pages.contains { $0.url.hasPrefix(root + "/p/") }, "URLs of a gzipped sitemap are crawled")
        #expect(outcome.summary.pagesCrawled == 201, "home, /tersembunyi/ and 199 of the 200 gzipped URLs")
        #expect(outcome.hits["GET dinas.test /p/13/"] == nil, "robots.txt still applies")
        #expect(outcome.hits.keys.allSatisfy { !$0.contains("luar.test") })
    }

    @Test func charsetsFromHeaderMetaAndBOMBecomeUTF8() async throws {
        let log = PageLog()
        // "Café “Kopi”" in windows-1252: é = E9, “ = 93, ” = 94.
        let cp1252: [UInt8] = Array("<html><head><title>Caf".utf8) + [0xE9, 0x20, 0x93] + Array("Kopi".utf8) + [0x94]
            + Array("</title></head><body>x</body></html>".utf8)
        let metaOnly: [UInt8] = Array(#"<html><head><meta charset="windows-1252"><title>Caf"#.utf8) + [0xE9]
            + Array("</title></head><body>x</body></html>".utf8)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<html><head><title>Café</title></head><body>x</body></html>".utf8)
        let outcome = try await CrawlHarness().crawl(inspectors: [log]) { request in
            switch request.path {
            case "/": return .page("Beranda", #"<a href="/header/">1</a><a href="/meta/">2</a><a href="/bom/">3</a>"#)
            case "/header/": return ServerResponse(status: 200, headers: [("Content-Type", "text/html; charset=windows-1252")], body: cp1252)
            case "/meta/": return ServerResponse(status: 200, headers: [("Content-Type", "text/html")], body: metaOnly)
            case "/bom/": return ServerResponse(status: 200, headers: [("Content-Type", "text/html")], body: bom)
            default: return .notFound
            }
        }
        #expect(log.page(outcome.root + "/header/")?.title == "Café “Kopi”")
        #expect(log.page(outcome.root + "/meta/")?.title == "Café")
        #expect(log.page(outcome.root + "/bom/")?.title == "Café")
    }

    @Test func onlyHTMLReachesTheParser() async throws {
        let log = PageLog()
        let outcome = try await CrawlHarness().crawl(inspectors: [log]) { request in
            switch request.path {
            case "/": return .page("Beranda", #"<a href="/unduh?id=7">unduh</a> <a href="/data">data</a> <a href="/polos">polos</a>"#)
            case "/unduh?id=7": return ServerResponse(status: 200, headers: [("Content-Type", "text/html")], body: Array("%PDF-1.4 binary".utf8))
            case "/data": return .text(#"{"html": "<a href='/x/'>x</a>"}"#, contentType: "application/json")
            case "/polos": return .text("<!DOCTYPE html><html><body><a href='/dari-polos/'>x</a></body></html>")
            case "/dari-polos/": return .page("Dari polos")
            default: return .notFound
            }
        }
        let root = outcome.root
        #expect(log.page(root + "/unduh?id=7") == nil || log.page(root + "/unduh?id=7")?.title == nil)
        #expect(outcome.hits["GET dinas.test /x/"] == nil, "links inside JSON are not links")
        #expect(log.page(root + "/dari-polos/") != nil, "an HTML document served as text/plain is parsed")
        #expect(outcome.summary.pagesCrawled == 3) // /, /polos, /dari-polos/
    }

    @Test func neverLeavesTheInstitutionsScope() async throws {
        let outcome = try await CrawlHarness().crawl(extraHosts: ["lain.test", "sub.dinas.test"]) { request in
            switch (request.host, request.path) {
            case ("dinas.test", "/"):
                let port = request.header("Host")?.split(separator: ":").last.map(String.init) ?? ""
                return .page("Beranda", """
                    <a href="http://lain.test:\(port)/">lain</a> <a href="http://sub.dinas.test:\(port)/">sub</a>
                    <a href="/dalam/">dalam</a>
                    """)
            case (_, "/"), ("dinas.test", "/dalam/"): return .page("Halaman", #"<a href="/lebih/">lebih</a>"#)
            default: return .page("Lebih")
            }
        }
        #expect(outcome.hits["GET dinas.test /dalam/"] == 1)
        #expect(outcome.hits.keys.filter { $0.hasPrefix("GET lain.test") || $0.hasPrefix("GET sub.dinas.test") }.isEmpty,
                "other sites (a subdomain too) are checked, never crawled")
        #expect(outcome.hits["HEAD lain.test /"] == 1)
        #expect(outcome.summary.links.first { $0.url.contains("lain.test") }?.isInternal == false)
    }

    @Test func gzipBombIsCutAtTheBodyCap() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            ServerResponse(status: 200, headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: GzipFixtures.zeros)
        }
        var config = FetchConfiguration()
        config.resolve = [ResolveEntry(host: "dinas.test", port: server.port, address: "127.0.0.1")]
        config.onlyResolved = true
        let engine = try FetchEngine(configuration: config)
        let result = try await engine.fetch(FetchRequest(url: "http://dinas.test:\(server.port)/", maxBodyBytes: 64 * 1024))
        engine.shutdown()
        try await server.stop()
        #expect(result.bodyTruncated)
        #expect(result.body.count <= 64 * 1024, "the cap counts decoded bytes (1 MiB here)")
        #expect(result.body.count > 0 && result.body.allSatisfy { $0 == 0 }, "the body was decoded, not passed through")
    }

    @Test func plainHTTPWithoutHTTPSIsNoted() async throws {
        let outcome = try await CrawlHarness().crawl(resolveHTTPSPort: true) { request in
            request.path == "/" ? .page("Beranda") : .notFound
        }
        let noted = outcome.observations(.httpOnly)
        #expect(noted.count == 1)
        #expect(noted.first?.url == outcome.root + "/")
        #expect(outcome.summary.reachable)
    }

    @Test func undecidableHTTPSProbeNotesNothing() async throws {
        let outcome = try await CrawlHarness().crawl { request in request.path == "/" ? .page("Beranda") : .notFound }
        #expect(outcome.summary.observations.filter { $0.kind == .httpOnly || $0.kind == .tlsProblem }.isEmpty,
                "https://dinas.test/ is outside --resolve: not tried, not judged")
    }
}
