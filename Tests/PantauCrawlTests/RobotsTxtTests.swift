import Testing
@testable import PantauCrawl

@Suite("robots.txt (RFC 9309)")
struct RobotsTxtTests {
    @Test func choosesTheGroupNamingOurTokenOverTheStarGroup() {
        let robots = RobotsTxt(text: """
            User-agent: *
            Disallow: /

            User-agent: Pantau
            Disallow: /private/
            """, userAgentToken: "pantau")
        #expect(robots.allows("/berita/"))
        #expect(!robots.allows("/private/x"))
    }

    @Test func fallsBackToTheStarGroupAndMergesConsecutiveAgents() {
        let robots = RobotsTxt(text: """
            User-agent: googlebot
            User-agent: bingbot
            Disallow: /search

            User-agent: *
            Disallow: /wp-admin/
            Allow: /wp-admin/admin-ajax.php
            """, userAgentToken: "pantau")
        #expect(robots.allows("/search"))
        #expect(!robots.allows("/wp-admin/options.php"))
        #expect(robots.allows("/wp-admin/admin-ajax.php"))
    }

    @Test func longestMatchWinsAndAllowWinsTies() {
        let robots = RobotsTxt(text: """
            User-agent: *
            Disallow: /ppid
            Allow: /ppid/informasi
            Disallow: /x
            Allow: /x
            """, userAgentToken: "pantau")
        #expect(!robots.allows("/ppid/dip"))
        #expect(robots.allows("/ppid/informasi-berkala/"))
        #expect(robots.allows("/x/y"))
    }

    @Test func wildcardsAndEndAnchor() {
        let robots = RobotsTxt(text: """
            User-agent: *
            Disallow: /*.pdf$
            Disallow: /*?replytocom=
            """, userAgentToken: "pantau")
        #expect(!robots.allows("/uploads/lkjip.pdf"))
        #expect(robots.allows("/uploads/lkjip.pdf?download=1"))
        #expect(!robots.allows("/2019/02/06/berita/?replytocom=12"))
        #expect(robots.allows("/2019/02/06/berita/"))
    }

    @Test func emptyDisallowAllowsEverythingAndCommentsAreIgnored() {
        let robots = RobotsTxt(text: "User-agent: * # everyone\nDisallow:\n", userAgentToken: "pantau")
        #expect(robots.allows("/anything"))
    }

    @Test func readsSitemapsAndCrawlDelay() {
        let robots = RobotsTxt(text: """
            User-agent: *
            Crawl-delay: 2
            Disallow: /wp-admin/
            Sitemap: https://dinkes.contohkab.go.id/wp-sitemap.xml
            """, userAgentToken: "pantau")
        #expect(robots.sitemaps == ["https://dinkes.contohkab.go.id/wp-sitemap.xml"])
        #expect(robots.crawlDelay == 2)
    }

    @Test func statusFallbacks() {
        #expect(RobotsTxt.allowAll.allows("/x"))
        #expect(!RobotsTxt.disallowAll.allows("/"))
    }
}
