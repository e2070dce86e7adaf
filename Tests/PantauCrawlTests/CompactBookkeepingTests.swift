import Testing
@testable import PantauCore
@testable import PantauCrawl

@Suite("Compact crawl bookkeeping: URL table, link book, anchor sets")
struct CompactBookkeepingTests {
    /// Budgets: everything in memory, a few URLs in memory and the rest in the file, and every
    /// byte past the write buffer in the file.
    @Test(arguments: [SpillLog.defaultMemoryBudget, 1_000, 0])
    func urlTableGivesOneIdPerURLAndTheURLBack(memoryBudget: Int) {
        var table = URLTable(memoryBudget: memoryBudget)
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
        #expect(table.hasSpilled == (memoryBudget < 100_000), "5,000 URLs are ~170 KB")
    }

    @Test(arguments: [SpillLog.defaultMemoryBudget, 100_000, 0])
    func urlTableKeepsEveryURLExactAcrossMemoryAndFileAndHugeURLs(memoryBudget: Int) {
        var table = URLTable(memoryBudget: memoryBudget)
        // Lengths around the log's 64 KiB write buffer, URLs longer than it (a data: URI can
        // be), and empty ones in between.
        var urls: [String] = []
        var length = 0
        for index in 0..<3_000 {
            let size = [1, 97, 2_000, 0, 65_536, 70_001, 131_072, 5][index % 8 == 0 ? (index / 8) % 8 : 1]
            let url = "http://a.test/\(index)/" + String(repeating: "x", count: max(0, size - 16))
            urls.append(index % 300 == 7 ? "" : url)
            length += url.utf8.count
        }
        urls += ["http://a.test/ä ü"]
        let ids = urls.map { table.intern($0) }
        let distinct = Dictionary(urls.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, url) in urls.enumerated() {
            #expect(ids[index] == ids[distinct[url]!], "one id per distinct URL")
            #expect(table[ids[index]] == url)
            #expect(table.id(of: url) == ids[index])
            #expect(table.utf8Count(of: ids[index]) == url.utf8.count)
            #expect(table.fingerprint(of: ids[index]) == URLTable.fingerprint(url))
        }
        #expect(table.count == distinct.count)
        #expect(length > 1 << 20, "the URLs are more than the default budget")
        #expect(table.hasSpilled)
    }

    @Test func urlTableCopiesAppendWithoutTouchingEachOther() {
        var first = URLTable(memoryBudget: 500)
        for index in 0..<100 { _ = first.intern("http://a.test/\(index)") }
        var second = first // shares the log
        let a = first.intern("http://a.test/hanya-pertama")
        let b = second.intern("http://b.test/hanya-kedua-yang-lebih-panjang")
        #expect(a == 100 && b == 100)
        #expect(first[a] == "http://a.test/hanya-pertama")
        #expect(second[b] == "http://b.test/hanya-kedua-yang-lebih-panjang")
        #expect(first.id(of: "http://b.test/hanya-kedua-yang-lebih-panjang") == nil)
        #expect(second[99] == "http://a.test/99" && first[99] == "http://a.test/99")
    }

    @Test func fingerprintsNameTheSameURLInEveryTable() {
        var siteA = URLTable()
        var siteB = URLTable(memoryBudget: 0)
        let shared = "https://portal.sukamaju.go.id/ppid/"
        let idA = siteA.intern(shared)
        _ = siteB.intern("https://kec.test/")
        let idB = siteB.intern(shared)
        let idOther = siteB.intern("https://portal.sukamaju.go.id/ppid")
        var index = FingerprintIndex()
        let id = index.intern(siteA.fingerprint(of: idA))
        #expect(index.intern(siteB.fingerprint(of: idB)) == id, "the same bytes from another table are the same URL")
        #expect(index.intern(siteB.fingerprint(of: idOther)) != id)
        #expect(index.count == 2)
        #expect(index[id] == URLTable.fingerprint(shared))
        #expect(URLTable.fingerprint(UnsafeBufferPointer(start: nil, count: 0)) == URLTable.fingerprint(""),
                "an empty URL has one fingerprint however its bytes are given")
    }

    /// 64-bit fingerprints stand for the URLs: over 300,000 URLs shaped like a crawl's (one site,
    /// counters, query variants, lengths across the 8-byte steps) none may share one, nor may
    /// their low 32 bits cluster (they pick the hash slot).
    @Test func fingerprintsOfSimilarURLsDoNotCollide() {
        var seen = Set<UInt64>()
        var collisions: [String] = []
        var low = [Int](repeating: 0, count: 1 << 10)
        var count = 0
        for page in 0..<100_000 {
            for url in ["http://a.test/berita/\(page)/", "http://a.test/berita/\(page)/?hal=\(page % 13)",
                        "http://a.test/\(String(repeating: "x", count: page % 40))\(page)"] {
                let fingerprint = URLTable.fingerprint(url)
                if !seen.insert(fingerprint).inserted { collisions.append(url) }
                low[Int(fingerprint & 1023)] += 1
                count += 1
            }
        }
        #expect(collisions.isEmpty)
        // Pearson's chi-squared over the 1,024 buckets: 1,023 degrees of freedom, so a uniform
        // hash gives 1,023 ± 45; 1,300 is six standard deviations.
        let expected = Double(count) / 1024
        let chiSquared = low.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquared < 1_300, "slot bits spread evenly (chi-squared \(chiSquared))")
    }

    @Test func siteLinksKeepOKLinksAsIdsAndAnswerLikeTheFullList() {
        var table = URLTable()
        let root = "http://a.test"
        let plain = table.intern("\(root)/")
        let redirected = table.intern("\(root)/lama")
        let external = table.intern("http://luar.test/")
        let noContent = table.intern("\(root)/kosong")
        let broken = LinkReport(url: "\(root)/hilang", verdict: .broken, status: 404, error: nil, redirectChain: [],
                                referrers: ["\(root)/"], isInternal: true)
        let mail = LinkReport(url: "mailto:a@a.test", verdict: .skipped, status: nil, error: "mailto: link",
                              redirectChain: [], referrers: [], isInternal: false)
        var links = SiteLinks(urls: table)
        links.addOK(id: plain, status: 200, redirectChain: [], isInternal: true)
        links.addOK(id: redirected, status: 200, redirectChain: ["\(root)/lama"], isInternal: true)
        links.addOK(id: external, status: 200, redirectChain: [], isInternal: false)
        links.addOK(id: noContent, status: 204, redirectChain: [], isInternal: true)
        links.add(broken)
        links.add(mail)
        let expected = [
            LinkReport(url: "\(root)/", verdict: .ok, status: 200, error: nil, redirectChain: [], referrers: [], isInternal: true),
            broken,
            LinkReport(url: "\(root)/kosong", verdict: .ok, status: 204, error: nil, redirectChain: [], referrers: [], isInternal: true),
            LinkReport(url: "\(root)/lama", verdict: .ok, status: 200, error: nil, redirectChain: ["\(root)/lama"],
                       referrers: [], isInternal: true),
            LinkReport(url: "http://luar.test/", verdict: .ok, status: 200, error: nil, redirectChain: [], referrers: [],
                       isInternal: false),
            mail,
        ]
        #expect(links.all == expected)
        #expect(links.count == 6 && links.count(of: .ok) == 4 && links.count(of: .broken) == 1 && links.count(of: .skipped) == 1)
        #expect(links.notOK == [broken, mail])
        for report in expected { #expect(links.link(for: report.url) == report) }
        #expect(links.link(for: "\(root)/tidak-ditautkan") == nil)
        let fromList = SiteLinks(expected.reversed())
        #expect(fromList.all == expected, "a plain list gives the same answers")
        for report in expected { #expect(fromList.link(for: report.url) == report) }
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

    /// The book against a plain reference (an array of referring pages per URL), over random
    /// sightings, follow decisions and settlements, with the sightings in memory, mostly in the
    /// temporary file, and all of them there.
    @Test(arguments: [SpillLog.defaultMemoryBudget, 64, 0])
    func linkBookMatchesAPlainReferenceOnRandomSightings(memoryBudget: Int) {
        struct Reference { var pages: [Int32] = []; var linked = false; var decided = false; var settled = false }
        var book = LinkBook(memoryBudget: memoryBudget)
        var reference: [Int32: Reference] = [:]
        var random = SystemRandomNumberGenerator()
        var page: Int32 = 0
        for _ in 0..<20_000 {
            let url = Int32.random(in: 0..<300, using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0:
                book.settle(url)
                reference[url, default: Reference()].settled = true
                reference[url]!.pages = []
            case 1 where reference[url]?.linked == true:  // the crawl decides on URLs it has seen linked
                book.decideFollow(url)
                reference[url]!.decided = true
            case 2:
                page += 1
            default:
                let followable = Bool.random(using: &random)
                var expected = reference[url, default: Reference()]
                let needsDecision = book.add(url, page: page, followable: followable)
                #expect(needsDecision == (followable && !expected.decided))
                expected.linked = true
                if !expected.settled, expected.pages.last != page { expected.pages.append(page) }
                reference[url] = expected
            }
        }
        let lists = book.referrers(of: Array(0..<300))
        for url in Int32(0)..<300 {
            #expect(lists[url] == (reference[url]?.pages ?? []), "url \(url)")
        }
        #expect(book.linkedIDs() == reference.filter(\.value.linked).keys.sorted())
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
        // A page with exactly an earlier page's names stores no difference.
        sets.add(pages[3].map(AnchorSets.hash), page: 500)
        #expect(pages[3].allSatisfy { sets.contains(AnchorSets.hash($0), page: 500) == true })
        #expect(sets.contains(AnchorSets.hash("post-4"), page: 500) == false)
        #expect(sets.contains(AnchorSets.hash("content"), page: 1) == nil, "not a parsed page")
        #expect(sets.contains(AnchorSets.hash("content"), page: 1_000) == nil)
    }

    /// A difference longer than its 16-bit count can say makes the page a base of its own.
    @Test func anchorSetsKeepHugePagesWhole() {
        var sets = AnchorSets()
        let common = (0..<70_000).map { UInt32($0 * 2) }
        let extra = (0..<66_000).map { UInt32($0 * 2 + 1) }
        sets.add(common, page: 0)
        sets.add(common + extra, page: 1)
        #expect(sets.contains(UInt32(65_999 * 2 + 1), page: 1) == true)
        #expect(sets.contains(UInt32(139_998), page: 1) == true)
        #expect(sets.contains(UInt32(65_999 * 2 + 1), page: 0) == false)
        #expect(sets.contains(UInt32(70_000 * 2 + 1), page: 1) == false)
    }

    @Test func chunkedArrayBehavesLikeAnArray() {
        var chunked = ChunkedArray<Int>()
        var plain: [Int] = []
        for value in 0..<10_000 {
            chunked.append(value * 3)
            plain.append(value * 3)
        }
        chunked.extend(to: 10_005, with: -1)
        plain += repeatElement(-1, count: 5)
        chunked.extend(to: 10, with: 7) // already longer: nothing
        for index in stride(from: 0, to: plain.count, by: 7) {
            chunked[index] += 1
            plain[index] += 1
        }
        #expect(Array(chunked) == plain)
        let copy = chunked
        chunked[5_000] = 0
        chunked.append(42)
        #expect(copy[5_000] == plain[5_000] && copy.count == plain.count, "a copy keeps its values")
        chunked.releaseChunks(below: 8_200)
        #expect(chunked[8_192] == plain[8_192] && chunked[10_004] == -1, "chunks above the index stay")
        #expect(chunked.count == plain.count + 1)
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
