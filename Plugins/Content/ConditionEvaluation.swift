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
    private var cachedLinks: [HTMLLink]?
    /// Lowercased host of the page, without `www.`.
    let host: String?

    init(page: Page, document: HTMLDocument, textPatterns: PatternGroup) {
        self.page = page
        self.document = document
        self.textPatterns = textPatterns
        self.host = URL(string: page.url).flatMap(\.host).map(PageContext.normalizedHost)
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

    var links: [HTMLLink] {
        if let cachedLinks { return cachedLinks }
        let links = document.links().filter { $0.kind == .anchor || $0.kind == .area }
        cachedLinks = links
        return links
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

    private static func verdict(_ match: String?) -> Verdict {
        match.map { Verdict(holds: true, match: $0) } ?? .no
    }

    /// The first match among several texts, searching at most ``BoundedRegex/maxInputUTF16``
    /// code units in all, so many small nodes cost no more than one big text.
    private static func firstMatch(_ pattern: BoundedRegex, in texts: [String]) -> Verdict {
        // One pre-filter check over all the texts: most pages hold none of the pattern's literals
        // in any of them, and each engine call has a fixed cost.
        guard !texts.isEmpty, pattern.mayMatch(pattern.group.prepare(texts.joined(separator: "\n"))) else { return .no }
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
        let base = URL(string: context.page.url)
        let candidates: [(href: String, text: String, hidden: Bool)]
        if let xpath {
            candidates = context.elements(xpath).compactMap { element in
                (element.attributes["href"] ?? element.attributes["src"]).map { ($0, element.text, false) }
            }
        } else {
            candidates = context.links.prefix(Condition.maxNodes).map { ($0.href, $0.text, $0.isHidden) }
        }
        for candidate in candidates {
            if let hidden, candidate.hidden != hidden { continue }
            let absolute = URL(string: candidate.href, relativeTo: base)?.absoluteURL
            let address = absolute?.absoluteString ?? candidate.href
            if let external {
                let scheme = absolute?.scheme?.lowercased()
                let isWeb = scheme == "http" || scheme == "https"
                let host = absolute?.host.map(PageContext.normalizedHost)
                let isExternal = isWeb && host != nil && host != context.host
                if isExternal != external { continue }
            }
            if let href, href.firstMatch(in: address) == nil { continue }
            if let text, text.firstMatch(in: candidate.text) == nil { continue }
            return Verdict(holds: true, match: address)
        }
        return .no
    }
}
