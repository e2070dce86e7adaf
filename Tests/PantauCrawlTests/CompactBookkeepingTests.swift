import Testing
@testable import PantauCrawl

@Suite("Compact crawl bookkeeping: URL table, link book, anchor sets")
struct CompactBookkeepingTests {
    @Test func urlTableGivesOneIdPerURLAndTheURLBack() {
        var table = URLTable()
        let urls = (0..<5_000).map { "http://a.test/berita/\($0)/?hal=\($0 % 7)" } + ["http://a.test/ä ü", "http://a.test/", ""]
        let ids = urls.map { table.intern($0) }
        #expect(ids == (0..<Int32(urls.count)).map { $0 }, "dense ids in order of first sight")
        let again = urls.map { table.intern($0) }
        #expect(again == ids, "interning again gives the same id")
        #expect(ids.map { table[$0] } == urls)
        #expect(urls.map { table.id(of: $0) } == ids)
        #expect(table.id(of: "http://a.test/berita/5000/") == nil)
        #expect(table.count == urls.count)
        #expect(table.utf8Count(of: ids[urls.count - 3]) == "http://a.test/ä ü".utf8.count)
    }

    @Test func linkBookDropsReferrersOnceSettledAndKeepsTheRest() {
        var book = LinkBook()
        let first = book.add(3, page: 0, followable: true)
        let repeated = book.add(3, page: 0, followable: true) // a repeat on one page is kept once
        let notFollowable = book.add(5, page: 0, followable: false)
        book.decideFollow(3)
        let decided = book.add(3, page: 1, followable: true)
        #expect(first && repeated && !notFollowable && !decided)
        #expect(book.pages(of: 3) == [0, 1])
        book.settle(3)
        _ = book.add(3, page: 2, followable: true)
        #expect(book.pages(of: 3) == [], "a settled OK link keeps no referrers")
        _ = book.add(5, page: 2, followable: false)
        #expect(book.pages(of: 5) == [0, 2])
        book.settle(9) // fetched, never linked
        #expect(book.linkedIDs() == [3, 5])
    }

    @Test func anchorSetsAnswerExactlyForPagesStoredAsDifferences() {
        var sets = AnchorSets()
        let template = (0..<40).map { "menu-item-\($0)" } + ["masthead", "content", "colophon"]
        var pages: [[String]] = []
        for post in 0..<50 {
            var names = template + ["post-\(post)"]
            if post % 5 == 0 { names.removeAll { $0 == "colophon" } }
            pages.append(names)
        }
        pages.append((0..<30).map { "lain-\($0)" }) // another template
        pages.append([]) // no names at all
        for (page, names) in pages.enumerated() { sets.add(names.map(AnchorSets.hash), page: Int32(page * 2)) }
        for (page, names) in pages.enumerated() {
            for name in names { #expect(sets.contains(AnchorSets.hash(name), page: Int32(page * 2)) == true) }
            for absent in ["post-\(page + 1)", "footer", "lain-31"] where !names.contains(absent) {
                #expect(sets.contains(AnchorSets.hash(absent), page: Int32(page * 2)) == false, "page \(page): \(absent)")
            }
        }
        #expect(sets.contains(AnchorSets.hash("colophon"), page: 0) == false, "a base name the page lacks")
        #expect(sets.contains(AnchorSets.hash("content"), page: 1) == nil, "not a parsed page")
        #expect(sets.contains(AnchorSets.hash("content"), page: 1_000) == nil)
    }

    @Test func linkResultsKeepEveryResultWhateverItsStorage() {
        var results = LinkResults()
        let redirected = LinkCheckResult(verdict: .ok, status: 200, error: nil, redirectChain: ["http://a.test/lama"])
        let broken = LinkCheckResult(verdict: .broken, status: 404, error: nil, redirectChain: [])
        let noContent = LinkCheckResult(verdict: .ok, status: 204, error: nil, redirectChain: [])
        results[0] = LinkResults.plainOK
        results[130] = redirected
        results[7] = broken
        results[8] = noContent
        #expect(results[0] == LinkResults.plainOK)
        #expect(results[130] == redirected)
        #expect(results[7] == broken)
        #expect(results[8] == noContent)
        #expect(results[1] == nil)
        #expect(results[100_000] == nil)
        results[0] = broken // a soft 404 found after the 200
        #expect(results[0] == broken)
        results[7] = LinkResults.plainOK
        #expect(results[7] == LinkResults.plainOK)
        results[7] = nil
        #expect(results[7] == nil)
    }
}
