import Foundation
import PantauCore
import PantauHTML

/// Checks that links of the form `page#fragment` point at something on the page: an element
/// whose `id` is `fragment`, or an `<a name>` (HTML Living Standard, "find a potential indicated
/// element"). A missing target scrolls nowhere; on long regulation pages that is a broken link to
/// the paragraph the reader was sent to.
///
/// Only internal pages the crawl parsed are judged; links to documents, external pages or pages
/// beyond the page cap are not. Pages and referrers are URL ids of the crawl's ``URLTable``.
struct FragmentCheck {
    /// Target page → fragment (percent-decoded) → referring pages: the links not settled when
    /// they were seen.
    private var wanted: [Int32: [String: Set<Int32>]] = [:]
    /// The names every parsed page offers; kept for the whole crawl, since a link to a page may
    /// come after the page.
    private var anchors = AnchorSets()

    /// Fragments that never name an element: the document's top (HTML §7.4.6.4), hash-bang and
    /// client-side routes, PDF open parameters and text fragments (`#page=2`, `#:~:text=`).
    static func isCheckable(_ fragment: String) -> Bool {
        guard !fragment.isEmpty, fragment.lowercased() != "top" else { return false }
        guard let first = fragment.first, first != "!", first != "/", first != ":" else { return false }
        return !fragment.contains("=")
    }

    /// Notes a link `href` (as written) that resolved to page `target`, seen on page `referrer`.
    mutating func addLink(_ href: String, target: Int32, referrer: Int32) {
        guard let hash = href.firstIndex(of: "#") else { return }
        let raw = String(href[href.index(after: hash)...])
        let fragment = raw.removingPercentEncoding ?? raw
        guard Self.isCheckable(fragment) else { return }
        // A target already parsed that has the name is settled: nothing to remember (most such
        // links are a page's own `#content` skip link, one per page).
        if anchors.contains(AnchorSets.hash(fragment), page: target) == true { return }
        wanted[target, default: [:]][fragment, default: []].insert(referrer)
    }

    /// Notes the ids and names a parsed page offers.
    mutating func addTargets(of document: HTMLDocument, page: Int32) {
        anchors.add(document.fragmentTargets.map(AnchorSets.hash), page: page)
    }

    /// One observation per (page, fragment) whose page was parsed and lacks the target.
    func missing(urls: URLTable, isInternal: (String) -> Bool) -> [CrawlObservation] {
        var result: [CrawlObservation] = []
        for (id, page) in wanted.keys.map({ ($0, urls[$0]) }).sorted(by: { $0.1 < $1.1 }) where isInternal(page) {
            for (fragment, referrers) in wanted[id, default: [:]].sorted(by: { $0.key < $1.key })
            where anchors.contains(AnchorSets.hash(fragment), page: id) == false {
                let sorted = referrers.map { urls[$0] }.sorted()
                let others = sorted.count > 1 ? " (and \(sorted.count - 1) more pages link to it)" : ""
                result.append(CrawlObservation(kind: .missingFragment, url: page + "#" + fragment,
                                               detail: "no element with id or name \"\(fragment)\" on \(page)\(others)",
                                               referrer: sorted.first))
            }
        }
        return result
    }
}

/// The `id` and `a/@name` values of every parsed page of a site, as 32-bit hashes, stored as a
/// difference from a shared set.
///
/// Pages of one site come from a few templates: a WordPress post carries ~45 ids (menu items,
/// widgets, `masthead`, `content`) of which one or two (`post-20783`) are its own. So a page is
/// stored as a reference to a base set (the names of an earlier page of its template) plus the
/// names it adds and the base names it lacks: ~12 bytes a page instead of 4 bytes a name. A page
/// close to none of the recently used bases becomes a base itself, so a site without templates
/// costs 4 bytes a name, no more.
///
/// The hash is `String.hashValue` (consistent with `==` within a run) cut to 32 bits: a false
/// "present" needs one of a page's names to collide with the fragment, ~50 in 4 billion.
struct AnchorSets {
    /// Where a page's names are, in 8 bytes (the records are indexed by URL id, pages or not:
    /// 76,000 of them on the 50,000-page benchmark site).
    private struct PageNames: Sendable {
        /// `pool` index of the difference: a count word (`added << 16 | removed`), then the
        /// `added` names and the `removed` base names, each run sorted; ``noDifference`` when
        /// the page has exactly its base's names.
        var start: UInt32
        /// An index into `bases`; -1 for the empty set, -2 for an id that is no parsed page.
        var base: Int32

        static let noDifference = UInt32.max
        static let notParsed = PageNames(start: noDifference, base: -2)
    }

    /// Bases tried for a new page: the most recently used first.
    static let recentBases = 8
    /// Longest run of added or removed names a difference can hold (16 bits of the count word).
    static let maxDifference = Int(UInt16.max)

    private var pool: [UInt32] = []
    /// Each base's run in `pool` (sorted hashes).
    private var bases: [Range<UInt32>] = []
    private var recent: [Int32] = []
    /// By URL id.
    private var pages = ChunkedArray<PageNames>()

    static func hash(_ name: String) -> UInt32 { UInt32(truncatingIfNeeded: name.hashValue) }

    /// Stores the names (hashes) of page `page`; a page added twice keeps the later set.
    mutating func add(_ names: [UInt32], page: Int32) {
        let sorted = Array(Set(names)).sorted()
        var best: (base: Int32, added: [UInt32], removed: [UInt32])?
        for base in recent {
            let (added, removed) = Self.difference(sorted, from: pool[range(base)])
            if added.count + removed.count < (best.map { $0.added.count + $0.removed.count } ?? Int.max) {
                best = (base, added, removed)
            }
        }
        let record: PageNames
        if sorted.isEmpty {
            record = PageNames(start: PageNames.noDifference, base: -1)
        } else if let best, (best.added.count + best.removed.count) * 2 <= sorted.count,
                  best.added.count <= Self.maxDifference, best.removed.count <= Self.maxDifference {
            if best.added.isEmpty, best.removed.isEmpty {
                record = PageNames(start: PageNames.noDifference, base: best.base)
            } else {
                record = PageNames(start: UInt32(pool.count), base: best.base)
                pool.append(UInt32(best.added.count) << 16 | UInt32(best.removed.count))
                pool += best.added
                pool += best.removed
            }
            touch(best.base)
        } else {
            let base = Int32(bases.count)
            bases.append(UInt32(pool.count)..<UInt32(pool.count + sorted.count))
            pool += sorted
            record = PageNames(start: PageNames.noDifference, base: base)
            touch(base)
        }
        pages.extend(to: Int(page) + 1, with: PageNames.notParsed)
        pages[Int(page)] = record
    }

    /// Whether page `page` has a name with hash `hash`; nil when the page was not parsed.
    func contains(_ hash: UInt32, page: Int32) -> Bool? {
        guard Int(page) < pages.count, pages[Int(page)].base != -2 else { return nil }
        let record = pages[Int(page)]
        if record.start != PageNames.noDifference {
            let counts = pool[Int(record.start)]
            let added = (Int(record.start) + 1)..<(Int(record.start) + 1 + Int(counts >> 16))
            let removed = added.upperBound..<(added.upperBound + Int(counts & 0xFFFF))
            if Self.search(pool[added], hash) { return true }
            if Self.search(pool[removed], hash) { return false }
        }
        return record.base >= 0 && Self.search(pool[range(record.base)], hash)
    }

    private func range(_ base: Int32) -> Range<Int> {
        Int(bases[Int(base)].lowerBound)..<Int(bases[Int(base)].upperBound)
    }

    private mutating func touch(_ base: Int32) {
        recent.removeAll { $0 == base }
        recent.insert(base, at: 0)
        if recent.count > Self.recentBases { recent.removeLast() }
    }

    /// `names − base` and `base − names`, both sorted inputs and outputs.
    private static func difference(_ names: [UInt32], from base: ArraySlice<UInt32>) -> (added: [UInt32], removed: [UInt32]) {
        var added: [UInt32] = []
        var removed: [UInt32] = []
        var i = names.startIndex
        var j = base.startIndex
        while i < names.endIndex || j < base.endIndex {
            if j == base.endIndex || (i < names.endIndex && names[i] < base[j]) {
                added.append(names[i]); i += 1
            } else if i == names.endIndex || base[j] < names[i] {
                removed.append(base[j]); j += 1
            } else {
                i += 1; j += 1
            }
        }
        return (added, removed)
    }

    private static func search(_ sorted: ArraySlice<UInt32>, _ hash: UInt32) -> Bool {
        var low = sorted.startIndex
        var high = sorted.endIndex
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < hash { low = mid + 1 } else { high = mid }
        }
        return low < sorted.endIndex && sorted[low] == hash
    }
}
