import PantauCore

/// One URL waiting to be fetched.
public struct FrontierItem: Sendable, Hashable {
    public var url: String
    /// Link depth from the home page.
    public var depth: Int
    public var role: Page.Role
}

/// The crawl frontier of one site: breadth-first, each normal-form URL at most once.
///
/// Crawled pages (followed links) and requested resources (a plugin's feed, say) have separate
/// budgets, so a plugin cannot starve the crawl and a page cap cannot starve a plugin.
///
/// Every URL it is given is interned in ``urls``, whose ids the site crawl's link bookkeeping
/// uses too: one copy of each URL for the whole crawl. Queued items and the seen set hold ids.
public struct Frontier: Sendable {
    /// A queued item: 12 bytes instead of a `String` and an `Int` per item.
    private struct Queued: Sendable {
        var id: Int32
        var depth: Int32
        var role: Page.Role
    }

    /// Every URL the frontier or the crawl named, by id.
    public private(set) var urls = URLTable()
    /// Every item ever queued, in order; `head` is the next to give out. Chunks wholly below
    /// `head` are released, so the queue holds only what waits (12 bytes an item).
    private var queue = ChunkedArray<Queued>()
    private var head = 0
    /// URLs queued or marked seen, by id.
    private var seen = BitSet()
    private var pagesAdmitted = 0
    private var requestsAdmitted = 0
    private let maxPages: Int
    private let maxRequested: Int
    private let maxDepth: Int
    private let maxURLLength: Int

    /// - Parameters:
    ///   - maxPages: crawled pages at most (the home page included).
    ///   - maxRequested: plugin-requested resources at most.
    ///   - maxDepth: link depth at most (home = 0).
    ///   - maxURLLength: longer URLs are never queued (a crawler trap sign), in characters.
    public init(maxPages: Int, maxRequested: Int = 100, maxDepth: Int, maxURLLength: Int = 2048) {
        self.maxPages = maxPages
        self.maxRequested = maxRequested
        self.maxDepth = maxDepth
        self.maxURLLength = maxURLLength
    }

    /// The id of `url` in ``urls``, interning it if new.
    public mutating func intern(_ url: String) -> Int32 { urls.intern(url) }

    /// Queues `item` unless its URL was seen, or a limit refuses it. Returns true when queued.
    @discardableResult
    public mutating func push(_ item: FrontierItem) -> Bool {
        guard item.url.utf8.count <= maxURLLength else { return false }
        return push(id: urls.intern(item.url), depth: item.depth, role: item.role)
    }

    /// Queues the URL with id `id` (from ``intern(_:)``) at `depth` as `role`, unless it was seen
    /// or a limit refuses it. Returns true when queued.
    @discardableResult
    public mutating func push(id: Int32, depth: Int, role: Page.Role) -> Bool {
        guard !hasSeen(id: id), urls.utf8Count(of: id) <= maxURLLength else { return false }
        switch role {
        case .home, .crawled:
            guard depth <= maxDepth, pagesAdmitted < maxPages else { return false }
            pagesAdmitted += 1
        case .requested:
            guard requestsAdmitted < maxRequested else { return false }
            requestsAdmitted += 1
        }
        markSeen(id: id)
        queue.append(Queued(id: id, depth: Int32(clamping: depth), role: role))
        return true
    }

    /// Marks a URL as known without queuing it (a redirect target already fetched).
    public mutating func markSeen(_ url: String) { markSeen(id: urls.intern(url)) }

    /// Marks the URL with id `id` as known without queuing it.
    public mutating func markSeen(id: Int32) {
        seen.insert(id)
    }

    public func hasSeen(_ url: String) -> Bool { urls.id(of: url).map(hasSeen(id:)) ?? false }

    /// True when the URL with id `id` was queued or marked seen.
    public func hasSeen(id: Int32) -> Bool {
        seen.contains(id)
    }

    /// The next item, breadth first.
    public mutating func next() -> FrontierItem? {
        guard head < queue.count else { return nil }
        let queued = queue[head]
        head += 1
        queue.releaseChunks(below: head)
        return FrontierItem(url: urls[queued.id], depth: Int(queued.depth), role: queued.role)
    }

    public var isEmpty: Bool { head >= queue.count }
}
