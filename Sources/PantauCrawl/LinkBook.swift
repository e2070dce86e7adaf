/// Where one site's links were seen, by URL id (a ``URLTable`` id): which URLs some page linked
/// to, which pages link to each, and whether the crawl decided to follow it.
///
/// The referring pages are what a report lists under a broken link, and only links that are not
/// OK are listed (``LinkReport/referrers``). Most link occurrences point at pages the crawl
/// itself fetched (menus, listings, "related posts"): once such a URL is settled as OK by the
/// crawl (``settle(_:)``), its list is dropped and later sightings are not kept. So what stays is
/// 4 bytes per occurrence of a link whose verdict is still open (documents, images, external
/// links, pages not fetched yet), not of every link on every page.
struct LinkBook {
    /// One URL's record: 16 bytes, plus its list while it is open.
    private struct Sightings {
        /// Ids of the pages linking to it, each once, in crawl order (a page's links arrive
        /// together, so a repeat is always the last entry). Empty once settled.
        var pages: [Int32] = []
        /// True when some page links to it (it is reported).
        var linked = false
        /// True once the crawl decided whether to follow it: later sightings need no decision.
        var followDecided = false
        /// True once its verdict is a final OK: referring pages are no longer kept.
        var settled = false
    }

    private var records: [Sightings] = []

    /// Records that page `page` links to `url`; true when a followable link still needs the
    /// follow decision.
    mutating func add(_ url: Int32, page: Int32, followable: Bool) -> Bool {
        let index = Int(url)
        if index >= records.count { records.append(contentsOf: repeatElement(Sightings(), count: index - records.count + 1)) }
        records.withUnsafeMutableBufferPointer { records in
            records[index].linked = true
            if !records[index].settled, records[index].pages.last != page { records[index].pages.append(page) }
        }
        return followable && !records[index].followDecided
    }

    /// Notes that the follow decision on `url` is made for good.
    mutating func decideFollow(_ url: Int32) {
        if Int(url) < records.count { records[Int(url)].followDecided = true }
    }

    /// Notes that `url`'s verdict is a final OK: its referring pages are dropped, and later
    /// sightings only mark it linked.
    mutating func settle(_ url: Int32) {
        let index = Int(url)
        if index >= records.count { records.append(contentsOf: repeatElement(Sightings(), count: index - records.count + 1)) }
        records[index].settled = true
        records[index].pages = []
    }

    /// The ids of every URL some page linked to, in id order.
    func linkedIDs() -> [Int32] {
        records.indices.compactMap { records[$0].linked ? Int32($0) : nil }
    }

    /// The pages linking to `url`, in crawl order; empty when it was settled as OK.
    func pages(of url: Int32) -> [Int32] {
        Int(url) < records.count ? records[Int(url)].pages : []
    }
}
