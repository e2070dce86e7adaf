import Foundation
import PantauHTML
import Testing
@testable import PantauCrawl

/// The fast link resolver must give exactly what the full resolver (`CrawlURL.resolve`) gives,
/// or decline (nil) so that the crawl asks the full resolver.
@Suite struct URLResolverTests {
    static let bases = [
        "http://127.0.0.1:8088/",
        "http://dinkes.contohkab.go.id/2019/02/06/rapat-koordinasi/",
        "https://contohkab.go.id/profil/visi-misi",
        "https://contohkab.go.id/index.php?page_id=12",
        "http://example.go.id:8080/a/b/c.html",
    ]

    static let hrefs = [
        "/", "/ppid/", "/2019/02/06/slug/", "page/2/", "../", "../../x", "./", ".", "..", "a/./b/../c",
        "?page_id=41", "?s=kata+kunci", "#top", "/berita/#komentar", "x.pdf#page=2",
        "//contohkab.go.id/berita/", "//CONTOHKAB.go.id:80/", "http://Example.GO.id", "HTTP://example.go.id:80/a",
        "https://example.go.id:443/b?c=d", "https://example.go.id:8443/", "http://example.go.id/a/../../b",
        "/wp-content/uploads/2019/02/foto-1.png", "/a%20b/", "/%7Euser/", "/path;params", "/a?b=c&d=e",
        "/a?b=c?d", "tel:+62281", "mailto:ppid@contohkab.go.id", "javascript:void(0)", "data:image/png;base64,xx",
        "ftp://files.go.id/x", "/a b", "/é", "http://user@host.go.id/", "http://[::1]/", "http://host.go.id:/",
        "http://host.go.id:0080/", "/a\\b", "/a?", "?", "/a|b", "/{x}", "http://xn--bcher-kva.example/",
        "/a'b", "/a(b)", "/a*b", "/a!b", "/a$b", "/a,b", "/a=b", "/a@b", "/a:b", "a:b", "1a:b", "/~x",
    ]

    @Test(arguments: bases)
    func agreesWithTheFullResolver(base: String) throws {
        let resolver = try #require(URLResolver(base: base))
        let baseURL = try #require(URL(string: base))
        for href in Self.hrefs {
            guard let fast = resolver.resolve(href) else { continue }
            #expect(fast == CrawlURL.resolve(href, against: baseURL), "href '\(href)' against \(base)")
        }
    }

    @Test func resolvesThePlainCases() throws {
        let resolver = try #require(URLResolver(base: "http://Host.go.id:80/a/b/c?q=1"))
        #expect(resolver.normalized == "http://host.go.id/a/b/c?q=1")
        #expect(resolver.resolve("d") == "http://host.go.id/a/b/d")
        #expect(resolver.resolve("../d") == "http://host.go.id/a/d")
        #expect(resolver.resolve("/x/./y/../z") == "http://host.go.id/x/z")
        #expect(resolver.resolve("?p=2") == "http://host.go.id/a/b/c?p=2")
        #expect(resolver.resolve("#frag") == "http://host.go.id/a/b/c?q=1")
        #expect(resolver.resolve("//other.go.id") == "http://other.go.id/")
        #expect(resolver.resolve("HTTPS://Other.go.id:443/p#f") == "https://other.go.id/p")
    }

    @Test func declinesWhatItCannotDecide() throws {
        let resolver = try #require(URLResolver(base: "http://host.go.id/"))
        for href in ["mailto:a@b.go.id", "/a b", "/é", "http://u@h.go.id/", "http://[::1]/", "/a\\b", "/a?", "", " /a"] {
            #expect(resolver.resolve(href) == nil, "\(href)")
        }
        #expect(URLResolver(base: "mailto:a@b.go.id") == nil)
    }

    @Test func splitsANormalURL() throws {
        let parts = try #require(URLResolver.hostAndPath(ofNormalized: "http://host.go.id:8080/a/b?c=d"))
        #expect(parts.host == "host.go.id")
        #expect(parts.pathAndQuery == "/a/b?c=d")
        #expect(URLResolver.hostAndPath(ofNormalized: "https://host.go.id")?.pathAndQuery == "/")
        #expect(URLResolver.hostAndPath(ofNormalized: "http://u@host.go.id/") == nil)
        #expect(URLResolver.hostAndPath(ofNormalized: "http://[::1]/") == nil)
        #expect(URLResolver.hostAndPath(ofNormalized: "http://Host.go.id/") == nil)
        #expect(URLResolver.hostAndPath(ofNormalized: "http:/host.go.id/") == nil)
        #expect(URLResolver.hostAndPath(ofNormalized: "mailto:a@b.go.id") == nil)
        let query = try #require(URLResolver.hostAndPath(ofNormalized: "https://host.go.id?q=/x:y"))
        #expect(query.host == "host.go.id" && query.pathAndQuery == "?q=/x:y")
        let unicode = try #require(URLResolver.hostAndPath(ofNormalized: "http://xn--dinas-kesehatan-ab.go.id/berita/é"))
        #expect(unicode.host == "xn--dinas-kesehatan-ab.go.id" && unicode.pathAndQuery == "/berita/é")
        let bare = try #require(URLResolver.hostAndPath(ofNormalized: "http://"))
        #expect(bare.host == "" && bare.pathAndQuery == "/")
    }
}
