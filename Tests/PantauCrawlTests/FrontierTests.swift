import Testing
@testable import PantauCrawl

@Suite("Crawl frontier")
struct FrontierTests {
    @Test func breadthFirstAndEachURLOnce() {
        var frontier = Frontier(maxPages: 10, maxDepth: 5)
        #expect(frontier.push(FrontierItem(url: "http://a.test/", depth: 0, role: .home)))
        #expect(frontier.push(FrontierItem(url: "http://a.test/x", depth: 1, role: .crawled)))
        #expect(!frontier.push(FrontierItem(url: "http://a.test/x", depth: 1, role: .crawled)))
        #expect(frontier.next()?.url == "http://a.test/")
        #expect(frontier.next()?.url == "http://a.test/x")
        #expect(frontier.next() == nil)
    }

    @Test func pageDepthAndLengthLimits() {
        var frontier = Frontier(maxPages: 2, maxDepth: 1, maxURLLength: 30)
        #expect(frontier.push(FrontierItem(url: "http://a.test/", depth: 0, role: .home)))
        #expect(!frontier.push(FrontierItem(url: "http://a.test/deep", depth: 2, role: .crawled)))
        #expect(!frontier.push(FrontierItem(url: "http://a.test/" + String(repeating: "x", count: 40), depth: 1, role: .crawled)))
        #expect(frontier.push(FrontierItem(url: "http://a.test/b", depth: 1, role: .crawled)))
        #expect(!frontier.push(FrontierItem(url: "http://a.test/c", depth: 1, role: .crawled)))
        // A plugin's request has its own budget and ignores the page cap.
        #expect(frontier.push(FrontierItem(url: "http://a.test/feed/", depth: 1, role: .requested)))
    }
}
