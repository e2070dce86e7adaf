import Testing
@testable import PantauCrawl

@Suite("Crawl frontier")
struct FrontierTests {
    @Test func breadthFirstAndEachURLOnce() {
        var frontier = Frontier(maxPages: 10, maxDepth: 5)
        let home = frontier.push(FrontierItem(url: "http://a.test/", depth: 0, role: .home))
        let first = frontier.push(FrontierItem(url: "http://a.test/x", depth: 1, role: .crawled))
        let again = frontier.push(FrontierItem(url: "http://a.test/x", depth: 1, role: .crawled))
        #expect(home && first && !again)
        #expect(frontier.next()?.url == "http://a.test/")
        #expect(frontier.next()?.url == "http://a.test/x")
        #expect(frontier.next() == nil)
    }

    @Test func pageDepthAndLengthLimits() {
        var frontier = Frontier(maxPages: 2, maxDepth: 1, maxURLLength: 30)
        let home = frontier.push(FrontierItem(url: "http://a.test/", depth: 0, role: .home))
        let tooDeep = frontier.push(FrontierItem(url: "http://a.test/deep", depth: 2, role: .crawled))
        let tooLong = frontier.push(FrontierItem(url: "http://a.test/" + String(repeating: "x", count: 40),
                                                 depth: 1, role: .crawled))
        let second = frontier.push(FrontierItem(url: "http://a.test/b", depth: 1, role: .crawled))
        let overCap = frontier.push(FrontierItem(url: "http://a.test/c", depth: 1, role: .crawled))
        // A plugin's request has its own budget and ignores the page cap.
        let requested = frontier.push(FrontierItem(url: "http://a.test/feed/", depth: 1, role: .requested))
        #expect(home && !tooDeep && !tooLong && second && !overCap && requested)
    }

    /// Items given out free their chunks: a long crawl pushing and taking in turns (as a crawl
    /// does) still gives every item once, in order, across many chunks.
    @Test func longCrawlGivesEveryItemOnceInOrder() {
        var frontier = Frontier(maxPages: 100_000, maxDepth: 100)
        var pushed: [String] = []
        var taken: [String] = []
        for index in 0..<30_000 {
            let url = "http://a.test/\(index)"
            if frontier.push(FrontierItem(url: url, depth: index % 50, role: .crawled)) { pushed.append(url) }
            if index % 3 == 0, let item = frontier.next() { taken.append(item.url) }
        }
        while let item = frontier.next() { taken.append(item.url) }
        #expect(taken == pushed)
        #expect(pushed.count == 30_000)
    }
}
