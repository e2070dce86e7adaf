import Foundation
import PantauCore
import PantauHTML
import PantauPattern

/// The outcome of a condition on one page.
struct Verdict: Sendable {
    var holds: Bool
    /// What matched (a regex match, a node's text, a link's URL), for `{match}` and the evidence.
    var match: String?

    static let no = Verdict(holds: false, match: nil)
}

/// One page as the conditions read it, with the costly parts computed once for every rule.
final class PageContext {
    let page: Page
    let document: HTMLDocument
    /// Every `text:` pattern of the rules examining the page: a region's text is read once for
    /// all of their literals.
    private let textPatterns: PatternGroup
    /// The region texts prepared for the patterns' literal pre-filter, once per page.
    private var foldedTexts: [PageRegion: FoldedText] = [:]
    private var xpathStrings: [String: [String]] = [:]
    /// Lowercased host of the page, without `www.` (parsed only for an `external` link condition).
    private(set) lazy var host: String? = baseURL.flatMap(\.host).map(PageContext.normalizedHost)
    /// The page's URL, against which `link:` conditions resolve hrefs (parsed once, when needed).
    private(set) lazy var baseURL: URL? = URL(string: page.url)

    init(page: Page, document: HTMLDocument, textPatterns: PatternGroup) {
        self.page = page
        self.document = document
        self.textPatterns = textPatterns
    }

    func folded(_ region: PageRegion) -> FoldedText {
        if let folded = foldedTexts[region] { return folded }
        let folded = region.prepared(of: document, for: textPatterns)
        foldedTexts[region] = folded
        return folded
    }

    /// The strings an XPath selects, at most ``Condition/maxNodes``.
    func strings(_ xpath: String) -> [String] {
        if let cached = xpathStrings[xpath] { return cached }
        let result = Array(((try? document.strings(xpath)) ?? []).prefix(Condition.maxNodes))
        xpathStrings[xpath] = result
        return result
    }

    func elements(_ xpath: String) -> [HTMLElement] {
        Array(((try? document.select(xpath)) ?? []).prefix(Condition.maxNodes))
    }

    static func normalizedHost(_ host: String) -> String {
        let lower = host.lowercased()
        return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
    }
}

extension Condition {
    /// Evaluates the condition on one page; `region` is the rule's region for `text:`.
    func evaluate(on context: PageContext, region: PageRegion) -> Verdict {
        switch self {
        case .xpathExists(let xpath):
            let found = context.strings(xpath)
            return found.isEmpty ? .no : Verdict(holds: true, match: found.first { !$0.isEmpty } ?? found[0])
        case .xpathCount(let xpath, let min, let max):
            let found = context.strings(xpath)
            let holds = found.count >= (min ?? 0) && found.count <= (max ?? Int.max)
            return Verdict(holds: holds, match: holds ? String(found.count) : nil)
        case .xpathText(let xpath, let pattern):
            return Self.firstMatch(pattern, in: context.strings(xpath))
        case .text(let pattern):
            return Self.verdict(pattern.search(context.folded(region)).match)
        case .attribute(let xpath, let name, let pattern):
            return Self.firstMatch(pattern, in: context.elements(xpath).compactMap { $0.attributes[name] })
        case .url(let pattern):
            return Self.verdict(pattern.firstMatch(in: context.page.url))
        case .header(let name, let pattern):
            let values = context.page.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            return Self.firstMatch(pattern, in: values)
        case .link(let filter):
            return filter.evaluate(on: context)
        case .not(let inner):
            return Verdict(holds: !inner.evaluate(on: context, region: region).holds, match: nil)
        case .any(let conditions):
            for condition in conditions {
                let verdict = condition.evaluate(on: context, region: region)
                if verdict.holds { return verdict }
            }
            return .no
        case .all(let conditions):
            var match: String?
            for condition in conditions {
                let verdict = condition.evaluate(on: context, region: region)
                guard verdict.holds else { return .no }
                if match == nil { match = verdict.match }
            }
            return Verdict(holds: true, match: match)
        }
    }

    /// The bytes of `texts.joined(separator: "\n")`, copied once into one allocation (a page's
    /// headings and anchor texts are a few hundred short strings).
    static func joinedUTF8(_ texts: [String]) -> [UInt8] {
        let length = texts.reduce(max(texts.count - 1, 0)) { $0 + $1.utf8.count }
        return [UInt8](unsafeUninitializedCapacity: length) { output, initialized in
            var position = 0
            for (index, text) in texts.enumerated() {
                if index > 0 {
                    output[position] = 0x0A
                    position += 1
                }
                var text = text
                text.withUTF8 { utf8 in
                    guard let source = utf8.baseAddress else { return }
                    (output.baseAddress! + position).initialize(from: source, count: utf8.count)
                    position += utf8.count
                }
            }
            initialized = position
        }
    }

    private static func verdict(_ match: String?) -> Verdict {
        match.map { Verdict(holds: true, match: $0) } ?? .no
    }

    /// The first match among several texts, searching at most ``BoundedRegex/maxInputUTF16``
    /// code units in all, so many small nodes cost no more than one big text.
    private static func firstMatch(_ pattern: BoundedRegex, in texts: [String]) -> Verdict {
        // One pre-filter check over all the texts: most pages hold none of the pattern's literals
        // in any of them, and each engine call has a fixed cost.
        guard !texts.isEmpty, pattern.mayMatch(pattern.group.prepare(utf8: Self.joinedUTF8(texts))) else { return .no }
        var budget = BoundedRegex.maxInputUTF16
        for text in texts where budget > 0 {
            let length = text.utf16.count
            let input = length > budget ? String(decoding: text.utf16.prefix(budget), as: UTF16.self) : text
            budget -= min(length, budget)
            if let match = pattern.firstMatch(in: input) { return Verdict(holds: true, match: match) }
        }
        return .no
    }
}

extension LinkFilter {
    func evaluate(on context: PageContext) -> Verdict {
        if let xpath {
            for element in context.elements(xpath) {
                guard let href = element.attributes["href"] ?? element.attributes["src"] else { continue }
                if let verdict = verdict(href: href, linkText: element.text, hidden: false, context) { return verdict }
            }
            return .no
        }
        // The page's own links, read in place: most fail the `hidden` test, and copying each link
        // out of the array would cost a reference count per string.
        return context.document.links().withUnsafeBufferPointer { links in
            var examined = 0
            for index in links.indices where links[index].kind == .anchor || links[index].kind == .area {
                guard examined < Condition.maxNodes else { break }
                examined += 1
                if let hidden, links[index].isHidden != hidden { continue }
                if let verdict = verdict(href: links[index].href, linkText: links[index].text, hidden: links[index].isHidden,
                                          context) {
                    return verdict
                }
            }
            return .no
        }
    }

    /// The verdict for one candidate link when it passes every filter, else nil.
    private func verdict(href candidate: String, linkText: String, hidden isHidden: Bool, _ context: PageContext) -> Verdict? {
        if let hidden, isHidden != hidden { return nil }
        let absolute = URL(string: candidate, relativeTo: context.baseURL)?.absoluteURL
        let address = absolute?.absoluteString ?? candidate
        if let external {
            let scheme = absolute?.scheme?.lowercased()
            let isWeb = scheme == "http" || scheme == "https"
            let host = absolute?.host.map(PageContext.normalizedHost)
            let isExternal = isWeb && host != nil && host != context.host
            if isExternal != external { return nil }
        }
        if let href, href.firstMatch(in: address) == nil { return nil }
        if let text, text.firstMatch(in: linkText) == nil { return nil }
        return Verdict(holds: true, match: address)
    }
}
