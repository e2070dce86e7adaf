import PantauCore

/// Where one site's links were seen, by URL id (a ``URLTable`` id): which URLs some page linked
/// to, which pages link to each, and whether the crawl decided to follow it.
///
/// The referring pages are what a report lists under a broken link, and only links that are not
/// OK are listed (``LinkReport/referrers``): a few hundred of a site's tens of thousands. So a
/// sighting is not kept in memory: it is appended to a ``SpillLog`` (8 bytes: URL id, page id),
/// which holds its first 256 KiB in memory and the rest in a temporary file, and the report's few
/// lists are gathered in one pass over it at the end (``referrers(of:)``). What stays in memory
/// is three bits per URL. A URL the crawl settles as OK (``settle(_:)``) logs no more sightings;
/// most link occurrences point at pages the crawl fetched (menus, listings, "related posts").
///
/// On the 50,000-page benchmark site the lists held in memory were ~5 MB at the crawl's peak.
struct LinkBook {
    /// URLs some page links to (they are reported).
    private var linked = BitSet()
    /// URLs whose follow decision is made: later sightings need none.
    private var followDecided = BitSet()
    /// URLs whose verdict is a final OK: their sightings are not logged, nor listed.
    private var settled = BitSet()
    /// Sightings, each `url << 32 | page` as 8 bytes, in crawl order.
    private var log: SpillLog
    /// Sightings not yet appended to `log` (appended in batches: one lock per batch).
    private var batch: [UInt64] = []
    /// The last sighting logged, so that a page's repeated links to one URL are logged once.
    private var last: UInt64 = .max

    private static let batchSize = 4096

    /// - Parameter memoryBudget: bytes of sightings kept in memory before the rest go to a
    ///   temporary file (see ``SpillLog``).
    init(memoryBudget: Int = SpillLog.defaultMemoryBudget) {
        log = SpillLog(memoryBudget: memoryBudget)
    }

    /// Records that page `page` links to `url`; true when a followable link still needs the
    /// follow decision.
    mutating func add(_ url: Int32, page: Int32, followable: Bool) -> Bool {
        linked.insert(url)
        if !settled.contains(url) {
            let sighting = UInt64(UInt32(bitPattern: url)) << 32 | UInt64(UInt32(bitPattern: page))
            if sighting != last {
                last = sighting
                batch.append(sighting)
                if batch.count >= Self.batchSize { flush() }
            }
        }
        return followable && !followDecided.contains(url)
    }

    /// Notes that the follow decision on `url` is made for good.
    mutating func decideFollow(_ url: Int32) {
        followDecided.insert(url)
    }

    /// Notes that `url`'s verdict is a final OK: its referring pages are not listed, and later
    /// sightings only mark it linked.
    mutating func settle(_ url: Int32) {
        settled.insert(url)
    }

    /// The ids of every URL some page linked to, in id order.
    func linkedIDs() -> [Int32] { linked.members }

    /// The pages linking to each of `urls`, each list in crawl order with a page once; a URL
    /// settled as OK, or never linked, gets an empty list. One pass over the sightings.
    mutating func referrers(of urls: [Int32]) -> [Int32: [Int32]] {
        flush()
        var lists: [Int32: [Int32]] = [:]
        var wanted = BitSet()
        for url in urls {
            lists[url] = []
            if !settled.contains(url) { wanted.insert(url) }
        }
        guard wanted.count > 0 else { return lists }
        // Pages of one URL's list, to log a page once even when its sightings are not adjacent
        // (a page linking to A, B, A).
        var listed: [Int32: Set<Int32>] = [:]
        log.scan(alignment: 8) { bytes in
            for offset in stride(from: 0, to: bytes.count, by: 8) {
                let sighting = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let url = Int32(bitPattern: UInt32(truncatingIfNeeded: sighting >> 32))
                guard wanted.contains(url) else { continue }
                let page = Int32(bitPattern: UInt32(truncatingIfNeeded: sighting))
                if listed[url, default: []].insert(page).inserted { lists[url, default: []].append(page) }
            }
        }
        return lists
    }

    /// The pages linking to `url`, in crawl order; empty when it was settled as OK.
    mutating func pages(of url: Int32) -> [Int32] { referrers(of: [url])[url] ?? [] }

    private mutating func flush() {
        guard !batch.isEmpty else { return }
        batch.withUnsafeBytes { _ = log.append($0) }
        batch.removeAll(keepingCapacity: true)
    }
}
