import Foundation
import PantauCore
import PantauHTML

/// Checks that links of the form `page#fragment` point at something on the page: an element
/// whose `id` is `fragment`, or an `<a name>` (HTML Living Standard, "find a potential indicated
/// element"). A missing target scrolls nowhere; on long regulation pages that is a broken link to
/// the paragraph the reader was sent to.
///
/// Only internal pages the crawl parsed are judged; links to documents, external pages or pages
/// beyond the page cap are not.
struct FragmentCheck {
    /// Target page (normal form, no fragment) → fragment (percent-decoded) → referring pages.
    private var wanted: [String: [String: Set<String>]] = [:]
    /// Page URL → the hashes (`String.hashValue`, consistent with `==` within a run) of its `id`
    /// and `a/@name` values. Every parsed page is kept for the whole crawl, so 8 bytes a name
    /// rather than a `String` in a `Set` (~70 bytes): at 50,000 pages of ~45 ids that is the
    /// difference between ~20 MB and ~150 MB. A false "present" needs a 64-bit hash collision
    /// among one page's names.
    private var anchors: [String: [Int]] = [:]

    /// Fragments that never name an element: the document's top (HTML §7.4.6.4), hash-bang and
    /// client-side routes, PDF open parameters and text fragments (`#page=2`, `#:~:text=`).
    static func isCheckable(_ fragment: String) -> Bool {
        guard !fragment.isEmpty, fragment.lowercased() != "top" else { return false }
        guard let first = fragment.first, first != "!", first != "/", first != ":" else { return false }
        return !fragment.contains("=")
    }

    /// Notes a link `href` (as written) that resolved to `target` on page `referrer`.
    mutating func addLink(_ href: String, target: String, referrer: String) {
        guard let hash = href.firstIndex(of: "#") else { return }
        let raw = String(href[href.index(after: hash)...])
        let fragment = raw.removingPercentEncoding ?? raw
        guard Self.isCheckable(fragment) else { return }
        // A target already parsed that has the name is settled: nothing to remember (most such
        // links are a page's own `#content` skip link, one per page).
        if let names = anchors[target], names.contains(fragment.hashValue) { return }
        wanted[target, default: [:]][fragment, default: []].insert(referrer)
    }

    /// Notes the ids and names a parsed page offers.
    mutating func addTargets(of document: HTMLDocument, page: String) {
        anchors[page] = Array(Set(document.fragmentTargets.map(\.hashValue)))
    }

    /// One observation per (page, fragment) whose page was parsed and lacks the target.
    func missing(isInternal: (String) -> Bool) -> [CrawlObservation] {
        var result: [CrawlObservation] = []
        for (page, fragments) in wanted.sorted(by: { $0.key < $1.key }) {
            guard let names = anchors[page], isInternal(page) else { continue }
            for (fragment, referrers) in fragments.sorted(by: { $0.key < $1.key })
            where !names.contains(fragment.hashValue) {
                let sorted = referrers.sorted()
                let others = sorted.count > 1 ? " (and \(sorted.count - 1) more pages link to it)" : ""
                result.append(CrawlObservation(kind: .missingFragment, url: page + "#" + fragment,
                                               detail: "no element with id or name \"\(fragment)\" on \(page)\(others)",
                                               referrer: sorted.first))
            }
        }
        return result
    }
}
