import PantauCore
import PantauHTML
import PantauPattern
import Synchronization

/// Looks for each rule's section on one site.
///
/// Per page (every HTML page the crawl delivers):
/// 1. The page is a *candidate* for a section when it answered 2xx, is not the home page, and
///    its URL (after redirects, or as requested) matches a `url` pattern, or a part of its
///    `<title>` or an `<h1>` outside nav/aside/footer matches a `link_text` pattern. Its content
///    words are counted with `TextMetrics.wordCount(contentText())`; content text includes the
///    page's own `<h1>` when the theme puts it inside `<main>`, so "Informasi Berkala" plus three
///    words counts as 5. The home page is never a candidate: its menu names every section, and
///    its content is the home page's own.
/// 2. Anchors whose text matches `link_text`, or whose resolved URL matches `url`, are candidate
///    *links*; the inspector asks the crawl to fetch them. A link alone never makes a section
///    present: the page it leads to must match by its own URL, title or heading (an anchor "PPID"
///    inside a news post can point anywhere). Candidate links explain a missing section when they
///    are broken.
public final class SectionInspector: SiteInspector {
    private let rules: [SectionRule]
    private var found: [SectionEvidence]
    private var asked: Set<String> = []
    private var homeURLs: Set<String> = []
    private let pageExaminer: SectionExaminer

    init(rules: [SectionRule]) {
        self.rules = rules
        self.found = Array(repeating: SectionEvidence(), count: rules.count)
        self.pageExaminer = SectionExaminer(matches: SectionMatches(rules: rules))
    }

    public var examiner: (any PageExaminer)? { pageExaminer }

    public func inspect(_ page: Page, examined: (any Sendable)?) -> [String] {
        guard page.document != nil, !rules.isEmpty else { return [] }
        let notes = examined as? SectionExaminer.Notes ?? pageExaminer.notes(page)
        if page.role == .home {
            homeURLs.insert(WebAddress.withoutFragment(page.url))
            homeURLs.insert(WebAddress.withoutFragment(page.requestedURL))
        }
        if let candidate = notes.candidate {
            for index in candidate.rules { found[index].add(candidate.page) }
        }
        var wanted: [String] = []
        for link in notes.links {
            for index in link.rules { found[index].links.insert(link.target) }
            if asked.insert(link.target).inserted { wanted.append(link.target) }
        }
        return wanted
    }

    public func finish(_ summary: SiteCrawlSummary) -> InspectionResult {
        var homes = homeURLs
        homes.insert(WebAddress.withoutFragment(summary.institution.url))
        var sections: [SectionResult] = []
        var outcomes: [RuleOutcome] = []
        for (rule, evidence) in zip(rules, found) {
            let verdict = SectionVerdict.judge(rule: rule, evidence: evidence.excludingPages(homes),
                                               summary: summary)
            sections.append(verdict.section)
            outcomes.append(verdict.outcome)
        }
        return InspectionResult(outcomes: outcomes, facts: [.sections(sections)])
    }
}

/// Reads one page for the section rules, on any task: whether the page itself is a candidate
/// for some sections (measured), and which of its anchors point at one.
struct SectionExaminer: PageExaminer {
    struct Notes: Sendable {
        /// The rules (indices) this page is a candidate for, and the page measured.
        var candidate: (rules: [Int], page: CandidatePage)?
        /// Anchors that match a rule by text or URL: the absolute target, fragment removed, and
        /// the rules (indices, ascending).
        var links: [(target: String, rules: [Int])] = []
    }

    let matches: SectionMatches

    func examine(_ page: Page) -> any Sendable { notes(page) }

    func notes(_ page: Page) -> Notes {
        var notes = Notes()
        guard let document = page.document, !matches.rules.isEmpty else { return notes }
        if page.role != .home, (200..<300).contains(page.status) { notes.candidate = candidate(page, document) }
        notes.links = links(page, document)
        return notes
    }

    private func candidate(_ page: Page, _ document: HTMLDocument) -> (rules: [Int], page: CandidatePage)? {
        let view = PageSignals(page: page, document: document)
        var matching = Set<Int>()
        for text in view.texts { matching.formUnion(matches.byText(text)) }
        for address in view.addresses { matching.formUnion(matches.byPath(address)) }
        guard !matching.isEmpty else { return nil }
        let text = document.contentText()
        let measured = CandidatePage(url: page.url, requestedURL: page.requestedURL, words: TextMetrics.wordCount(text),
                                     excerpt: String(text.prefix(SectionVerdict.excerptLength)))
        return (matching.sorted(), measured)
    }

    private func links(_ page: Page, _ document: HTMLDocument) -> [(target: String, rules: [Int])] {
        var result: [(target: String, rules: [Int])] = []
        let base = document.baseHref
        // Plain links are resolved once per page by the document; the rest go through WebAddress.
        let absolute = document.absoluteLinks()
        // Links read in place: a copy of each would cost a reference count per string.
        document.links().withUnsafeBufferPointer { links in
            for index in links.indices where links[index].kind == .anchor {
                let target: String
                let byPath: [Int]
                // A resolver result is in normal form, so its path is cut out without Foundation.
                if let fast = absolute[index] {
                    target = fast
                    byPath = matches.byURL(fast)
                } else {
                    guard let slow = WebAddress.resolve(links[index].href, page: page.url, baseHref: base) else { continue }
                    target = slow
                    byPath = matches.byPath(WebAddress.pathAndQuery(slow) ?? "")
                }
                let byText = matches.byText(links[index].text)
                guard !byText.isEmpty || !byPath.isEmpty else { continue }
                result.append((target, Set(byText + byPath).sorted()))
            }
        }
        return result
    }
}

/// Which section rules match a text or an address, remembered for the whole site: the same menu,
/// sidebar and post links recur on every page, and each pattern costs microseconds. Shared by
/// the examiners of one site, which run concurrently.
final class SectionMatches: Sendable {
    let rules: [SectionRule]
    private let texts = MatchMemo()
    private let paths = MatchMemo()
    /// The same as `paths`, keyed by an absolute URL in normal form: no path to cut out per link.
    private let urls = MatchMemo()
    /// Every rule's `link_text` patterns, and every rule's `url` patterns: a new text or path is
    /// read once for all of their literals.
    private let textPatterns: PatternGroup
    private let urlPatterns: PatternGroup

    init(rules: [SectionRule]) {
        self.rules = rules
        textPatterns = PatternGroup(rules.flatMap(\.linkText.expressions))
        urlPatterns = PatternGroup(rules.flatMap(\.url.expressions))
    }

    /// Rules whose `link_text` matches `text`.
    func byText(_ text: String) -> [Int] {
        texts.indices(for: text) { text in
            let folded = textPatterns.prepare(text)
            return rules.indices.filter { rules[$0].linkText.matches(folded) }
        }
    }

    /// Rules whose `url` matches a path with query.
    func byPath(_ path: String) -> [Int] {
        paths.indices(for: path) { path in
            let folded = urlPatterns.prepare(path)
            return rules.indices.filter { rules[$0].url.matches(folded) }
        }
    }

    /// Rules whose `url` matches the path and query of an absolute URL in normal form.
    func byURL(_ url: String) -> [Int] {
        urls.indices(for: url) { url in
            let path = URLResolver.hostAndPath(ofNormalized: url).map { String($0.pathAndQuery) } ?? ""
            let folded = urlPatterns.prepare(path)
            return rules.indices.filter { rules[$0].url.matches(folded) }
        }
    }
}

/// What one page offers for matching: the texts `link_text` sees and the addresses `url` sees.
struct PageSignals {
    /// `<title>` whole and split at spaced separators ("Informasi Berkala – Dinas Kesehatan"
    /// gives "Informasi Berkala"), then `<h1>` texts outside nav, aside and footer.
    let texts: [String]
    /// Path and query of the final URL and of the requested URL.
    let addresses: [String]

    /// Separators CMS themes put between a page's title and the site's name.
    static let titleSeparators = [" – ", " — ", " - ", " | ", " :: ", " » ", " « ", " · ", " : "]

    init(page: Page, document: HTMLDocument) {
        var texts: [String] = []
        if let title = document.title {
            texts.append(title)
            texts.append(contentsOf: PageSignals.titleParts(title))
        }
        let headings = document.headings.filter { $0.level == 1 && !$0.isInChrome }.map(\.text)
        texts.append(contentsOf: headings)
        self.texts = texts.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        self.addresses = [page.url, page.requestedURL].compactMap { url in
            // The crawl's URLs are in normal form: no Foundation needed to cut out the path.
            guard !Self.holdsFragment(url), let parts = URLResolver.hostAndPath(ofNormalized: url) else {
                return WebAddress.pathAndQuery(url)
            }
            return String(parts.pathAndQuery)
        }
    }

    /// `url.contains("#")`, by bytes for an ASCII URL (the crawl's are), where no character
    /// equivalence can make the answers differ.
    static func holdsFragment(_ url: String) -> Bool {
        url.utf8.allSatisfy { $0 < 0x80 } ? url.utf8.contains(0x23) : url.contains("#")
    }

    private static let separatorBytes = titleSeparators.map { Array($0.utf8) }

    static func titleParts(_ title: String) -> [String] {
        var parts = [title]
        // Most titles hold one separator at most: look for each before splitting at it.
        let bytes = Array(title.utf8)
        for (separator, needle) in zip(titleSeparators, separatorBytes) where TitleSplit.find(needle, in: bytes, from: 0) != nil {
            parts = parts.flatMap { TitleSplit.split($0, at: separator) }
        }
        return parts.count > 1 ? parts : []
    }

    func matches(_ rule: SectionRule) -> Bool {
        rule.url.matchesAny(addresses) || rule.linkText.matchesAny(texts)
    }
}

/// `split(separator:omittingEmptySubsequences: false)` of a title at a separator (which compares
/// Characters, canonically equivalent ones equal), found by bytes: a title is split on every page.
enum TitleSplit {
    /// The parts of `text` between occurrences of `separator`, empty ones kept.
    ///
    /// The separators' characters (space, dashes, `|`, `:`, `«`, `»`, `·`) each stand alone as a
    /// Character and have no other canonically equivalent spelling but U+0387 for `·`; so a byte
    /// occurrence is a Character occurrence exactly when both its ends are Character boundaries
    /// (a combining mark after it, or a prepended mark before it, joins it to its neighbour).
    /// A text holding U+0387 is split the Character way.
    static func split(_ text: String, at separator: String) -> [String] {
        let bytes = Array(text.utf8)
        let needle = Array(separator.utf8)
        guard !needle.isEmpty, find([0xCE, 0x87], in: bytes, from: 0) == nil else {
            return text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        }
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        func isBoundary(_ offset: Int) -> Bool { index(offset).samePosition(in: text) != nil }
        var parts: [String] = []
        var partStart = 0
        var from = 0
        while let start = find(needle, in: bytes, from: from) {
            let end = start + needle.count
            if isBoundary(start), isBoundary(end) {
                parts.append(String(text[index(partStart)..<index(start)]))
                partStart = end
                from = end
            } else {
                from = start + 1
            }
        }
        parts.append(String(text[index(partStart)...]))
        return parts
    }

    /// The first offset at or after `from` where `needle` occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count - from >= needle.count else { return nil }
        var start = from
        while start <= haystack.count - needle.count {
            if haystack[start] == needle[0] {
                var offset = 1
                while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return start }
            }
            start += 1
        }
        return nil
    }
}

/// A page that matched a section, measured.
struct CandidatePage: Sendable, Hashable {
    var url: String
    var requestedURL: String
    /// Content words (``TextMetrics/wordCount(_:)`` of `contentText()`).
    var words: Int
    /// The start of the content text, for evidence.
    var excerpt: String
}

/// Everything seen for one section during the crawl.
struct SectionEvidence: Sendable {
    var pages: [CandidatePage] = []
    /// Resolved absolute URLs of candidate anchors, fragments removed.
    var links: Set<String> = []

    mutating func add(_ page: CandidatePage) {
        if !pages.contains(where: { $0.url == page.url }) { pages.append(page) }
    }

    /// The same evidence without pages that are really the home page (a section link that
    /// redirects home is not a section).
    func excludingPages(_ homes: Set<String>) -> SectionEvidence {
        var copy = self
        copy.pages.removeAll { homes.contains(WebAddress.withoutFragment($0.url)) }
        return copy
    }

    /// The candidate with the most words; the first seen wins ties, so results follow crawl order.
    var best: CandidatePage? {
        pages.reduce(nil) { best, page in
            guard let best else { return page }
            return page.words > best.words ? page : best
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

/// Remembers which rules matched a string, bounded so memory stays flat on huge sites; safe to
/// share between tasks (the value is computed outside the lock: two tasks may both compute a
/// new key, and get the same answer).
///
/// Two generations: when the newer one is full, it becomes the older one and the oldest is
/// dropped; a hit in the older generation moves the entry back into the newer one. So the strings
/// every page repeats (menus, footers, sidebars) stay remembered however large the site, and only
/// strings not seen for a whole generation are forgotten. Why: a memo that started over when full
/// forgot the menus too; on the 50,000-page benchmark site (76,000 URLs) the section patterns were
/// then matched again on every page, and Openness went from 11% to 22% of the audit's CPU.
final class MatchMemo: Sendable {
    private struct Generations {
        var newer: [Key: [Int]] = [:]
        var older: [Key: [Int]] = [:]
    }

    private let generations = Mutex(Generations())
    /// Entries kept at most, both generations together (a cache, never a source of truth).
    static let capacity = 8_192

    /// A string with its hash, compared by hash first: a site's URLs share their start and often
    /// their length, so comparing the strings of every entry a lookup probes cost a `memcmp` each.
    private struct Key: Hashable {
        let text: String
        let hash: Int

        init(_ text: String) {
            self.text = text
            hash = text.hashValue
        }

        static func == (left: Key, right: Key) -> Bool { left.hash == right.hash && left.text == right.text }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    func indices(for text: String, _ compute: (String) -> [Int]) -> [Int] {
        let key = Key(text)
        let hit: [Int]? = generations.withLock { generations in
            if let value = generations.newer[key] { return value }
            guard let value = generations.older.removeValue(forKey: key) else { return nil }
            Self.insert(key, value, into: &generations)
            return value
        }
        if let hit { return hit }
        let value = compute(text)
        generations.withLock { Self.insert(key, value, into: &$0) }
        return value
    }

    /// Number of entries held (tests).
    var count: Int { generations.withLock { $0.newer.count + $0.older.count } }

    private static func insert(_ key: Key, _ value: [Int], into generations: inout Generations) {
        if generations.newer.count >= capacity / 2 {
            swap(&generations.newer, &generations.older)
            generations.newer.removeAll(keepingCapacity: true)
        }
        generations.newer[key] = value
    }
}
