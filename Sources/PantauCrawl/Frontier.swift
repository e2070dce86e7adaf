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
public struct Frontier: Sendable {
    private var queue: [FrontierItem] = []
    private var head = 0
    private var seen: Set<String> = []
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

    /// Queues `item` unless its URL was seen, or a limit refuses it. Returns true when queued.
    @discardableResult
    public mutating func push(_ item: FrontierItem) -> Bool {
        guard item.url.utf8.count <= maxURLLength, !seen.contains(item.url) else { return false }
        switch item.role {
        case .home, .crawled:
            guard item.depth <= maxDepth, pagesAdmitted < maxPages else { return false }
            pagesAdmitted += 1
        case .requested:
            guard requestsAdmitted < maxRequested else { return false }
            requestsAdmitted += 1
        }
        seen.insert(item.url)
        queue.append(item)
        return true
    }

    /// Marks a URL as known without queuing it (a redirect target already fetched).
    public mutating func markSeen(_ url: String) { seen.insert(url) }

    public func hasSeen(_ url: String) -> Bool { seen.contains(url) }

    /// The next item, breadth first.
    public mutating func next() -> FrontierItem? {
        guard head < queue.count else { return nil }
        defer {
            head += 1
            if head > 1024, head * 2 > queue.count { // keep memory flat on long crawls
                queue.removeFirst(head)
                head = 0
            }
        }
        return queue[head]
    }

    public var isEmpty: Bool { head >= queue.count }
}
