/// Where one site's links were seen, by URL id (a ``URLTable`` id): which URLs some page linked
/// to, which pages link to each, and whether the crawl decided to follow it.
///
/// The referring pages are what a report lists under a broken link, and only links that are not
/// OK are listed (``LinkReport/referrers``). Most link occurrences point at pages the crawl
/// itself fetched (menus, listings, "related posts"): once such a URL is settled as OK by the
/// crawl (``settle(_:)``), its list is dropped and later sightings are not kept. So what stays is
/// 8 bytes per referring page of a link whose verdict is still open (documents, images, external
/// links, pages not fetched yet), not of every link on every page.
struct LinkBook {
    /// Per URL id: ``linked``, ``followDecided``, ``settled``.
    private var flags: [UInt8] = []
    /// Per URL id: 1 + the index in ``nodes`` of its newest sighting, 0 when it has none.
    private var newest: [Int32] = []
    /// Sightings, each chained to the one before it for the same URL (newest first). Nodes of a
    /// settled URL go on the free list and are reused.
    ///
    /// Why one pool and not an array per URL: an array costs a heap object (32-byte header,
    /// malloc rounding) per open URL, and a 50,000-page site has ~76,000 URLs, most of them open
    /// while the crawl has not reached them: 3.9 MB of 28.9 MB at the heap's peak (heaptrack).
    /// Here a URL costs 5 bytes and a sighting 8.
    private var nodes: [Node] = []
    /// 1 + the index of the first free node, 0 when none; free nodes chain through `previous`.
    private var freeNodes: Int32 = 0

    private struct Node {
        /// The referring page's id.
        var page: Int32
        /// 1 + the index of the URL's previous sighting (or the next free node), 0 at the end.
        var previous: Int32
    }

    /// Some page links to the URL (it is reported).
    private static let linked: UInt8 = 1
    /// The crawl decided whether to follow it: later sightings need no decision.
    private static let followDecided: UInt8 = 2
    /// Its verdict is a final OK: referring pages are no longer kept.
    private static let settled: UInt8 = 4

    /// Records that page `page` links to `url`; true when a followable link still needs the
    /// follow decision.
    mutating func add(_ url: Int32, page: Int32, followable: Bool) -> Bool {
        let index = Int(url)
        grow(to: index)
        let state = flags[index]
        flags[index] = state | Self.linked
        // A page's links arrive together, so a repeat on one page is always the newest sighting.
        if state & Self.settled == 0, newest[index] == 0 || nodes[Int(newest[index]) - 1].page != page {
            newest[index] = allocate(Node(page: page, previous: newest[index]))
        }
        return followable && state & Self.followDecided == 0
    }

    /// Notes that the follow decision on `url` is made for good.
    mutating func decideFollow(_ url: Int32) {
        if Int(url) < flags.count { flags[Int(url)] |= Self.followDecided }
    }

    /// Notes that `url`'s verdict is a final OK: its referring pages are dropped, and later
    /// sightings only mark it linked.
    mutating func settle(_ url: Int32) {
        let index = Int(url)
        grow(to: index)
        flags[index] |= Self.settled
        var node = newest[index]
        newest[index] = 0
        while node != 0 {
            let previous = nodes[Int(node) - 1].previous
            nodes[Int(node) - 1].previous = freeNodes
            freeNodes = node
            node = previous
        }
    }

    /// The ids of every URL some page linked to, in id order.
    func linkedIDs() -> [Int32] {
        flags.indices.compactMap { flags[$0] & Self.linked != 0 ? Int32($0) : nil }
    }

    /// The pages linking to `url`, in crawl order; empty when it was settled as OK.
    func pages(of url: Int32) -> [Int32] {
        guard Int(url) < newest.count else { return [] }
        var pages: [Int32] = []
        var node = newest[Int(url)]
        while node != 0 {
            pages.append(nodes[Int(node) - 1].page)
            node = nodes[Int(node) - 1].previous
        }
        return pages.reversed()
    }

    private mutating func grow(to index: Int) {
        guard index >= flags.count else { return }
        let added = index - flags.count + 1
        flags.append(contentsOf: repeatElement(0, count: added))
        newest.append(contentsOf: repeatElement(0, count: added))
    }

    /// Stores `node` in a free node or a new one; returns 1 + its index.
    private mutating func allocate(_ node: Node) -> Int32 {
        if freeNodes != 0 {
            let reused = freeNodes
            freeNodes = nodes[Int(reused) - 1].previous
            nodes[Int(reused) - 1] = node
            return reused
        }
        nodes.append(node)
        return Int32(nodes.count)
    }
}
