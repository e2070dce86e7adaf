import PantauCore
import PantauHTML
import PantauPattern
import PantauYAML

/// One test on one page, as written in a rule's `match:` list (nuclei-style matchers).
///
/// XPath conditions always see the whole document (write the region into the expression:
/// `//footer//a`); `text:` reads the rule's region. Every regular expression is a
/// ``BoundedRegex``; every XPath is compiled when the rule loads.
public indirect enum Condition: Sendable {
    /// The XPath selects at least one node.
    case xpathExists(String)
    /// The XPath selects between `min` and `max` nodes (inclusive; either bound may be absent).
    case xpathCount(xpath: String, min: Int?, max: Int?)
    /// The text of a node the XPath selects matches the pattern.
    case xpathText(xpath: String, pattern: BoundedRegex)
    /// The region's text matches the pattern.
    case text(BoundedRegex)
    /// Attribute `name` of an element the XPath selects matches the pattern.
    case attribute(xpath: String, name: String, pattern: BoundedRegex)
    /// The page's URL (after redirects) matches the pattern.
    case url(BoundedRegex)
    /// The response header `name` (any letter case) is present and matches the pattern.
    case header(name: String, pattern: BoundedRegex)
    /// A link on the page passes the filter.
    case link(LinkFilter)
    /// The inner condition does not hold.
    case not(Condition)
    /// At least one inner condition holds (the first that does supplies `{match}`).
    case any([Condition])
    /// Every inner condition holds (the first with a match text supplies `{match}`).
    case all([Condition])

    /// The condition keys a rule may write, in the order error messages list them.
    public static let kinds = ["xpath_exists", "xpath_count", "xpath_text", "text", "attribute", "url", "header",
                               "link", "not", "any", "all"]

    /// Most nodes an XPath condition looks at on one page.
    public static let maxNodes = 1_000

    /// The patterns of every `text:` condition inside this one, in order.
    var textPatterns: [BoundedRegex] {
        switch self {
        case .text(let pattern): [pattern]
        case .not(let inner): inner.textPatterns
        case .any(let conditions), .all(let conditions): conditions.flatMap(\.textPatterns)
        case .xpathExists, .xpathCount, .xpathText, .attribute, .url, .header, .link: []
        }
    }
}

/// Which links a `link:` condition looks for.
public struct LinkFilter: Sendable {
    /// Only elements this XPath selects (their `href`, else `src`); otherwise every `<a>`/`<area>`.
    public var xpath: String?
    /// `true`: only links hidden by an inline `display:none`/`visibility:hidden` or the `hidden`
    /// attribute on the link or an ancestor (``HTMLLink/isHidden``); `false`: only visible ones.
    public var hidden: Bool?
    /// `true`: only http(s) links to another host than the page's (`www.` ignored); `false`: only
    /// links to the same host (relative links included).
    public var external: Bool?
    /// A pattern on the link's absolute URL.
    public var href: BoundedRegex?
    /// A pattern on the link's text.
    public var text: BoundedRegex?

    public init(xpath: String? = nil, hidden: Bool? = nil, external: Bool? = nil, href: BoundedRegex? = nil,
                text: BoundedRegex? = nil) {
        self.xpath = xpath
        self.hidden = hidden
        self.external = external
        self.href = href
        self.text = text
    }
}

// MARK: - Decoding

extension Condition {
    /// Decodes one condition: a mapping with exactly one key naming its kind.
    static func decode(_ node: YAMLNode, caseSensitive: Bool, into diagnostics: inout Diagnostics) -> Condition? {
        guard let entries = node.mappingEntries else {
            diagnostics.report(node.typeError(expected: "a condition (a mapping with one of: \(kinds.joined(separator: ", ")))"))
            return nil
        }
        guard entries.count == 1, let kind = entries[0].key.scalarText else {
            diagnostics.report("a condition has exactly one key (one of: \(kinds.joined(separator: ", "))); "
                               + "combine several with 'all:' or 'any:'", at: node.location)
            return nil
        }
        let value = entries[0].value
        let decoder = ConditionDecoder(caseSensitive: caseSensitive)
        switch kind {
        case "xpath_exists":
            return diagnostics.attempt { () throws(YAMLError) in .xpathExists(try decoder.nodeXPath(value)) }
        case "xpath_count":
            return decoder.count(value, into: &diagnostics)
        case "xpath_text":
            return decoder.xpathText(value, into: &diagnostics)
        case "text":
            return diagnostics.attempt { () throws(YAMLError) in .text(try decoder.regex(value)) }
        case "attribute":
            return decoder.attribute(value, into: &diagnostics)
        case "url":
            return diagnostics.attempt { () throws(YAMLError) in .url(try decoder.regex(value)) }
        case "header":
            return decoder.header(value, into: &diagnostics)
        case "link":
            return decoder.link(value, into: &diagnostics)
        case "not":
            return decode(value, caseSensitive: caseSensitive, into: &diagnostics).map { .not($0) }
        case "any", "all":
            guard let list = decodeList(value, caseSensitive: caseSensitive, into: &diagnostics) else { return nil }
            return kind == "any" ? .any(list) : .all(list)
        default:
            diagnostics.report("unknown condition '\(kind)'" + Suggestion.phrase(for: kind, among: kinds, listing: true),
                               at: entries[0].key.location)
            return nil
        }
    }

    /// Decodes a non-empty list of conditions; nil when any of them is wrong.
    static func decodeList(_ node: YAMLNode, caseSensitive: Bool, into diagnostics: inout Diagnostics) -> [Condition]? {
        guard let items = diagnostics.attempt({ () throws(YAMLError) in try node.sequence() }) else { return nil }
        if items.isEmpty {
            diagnostics.report("the list of conditions is empty", at: node.location)
            return nil
        }
        let before = diagnostics.errors.count
        let conditions = items.compactMap { decode($0, caseSensitive: caseSensitive, into: &diagnostics) }
        return diagnostics.errors.count == before && conditions.count == items.count ? conditions : nil
    }
}

/// The typed reads of each condition kind's value.
private struct ConditionDecoder {
    let caseSensitive: Bool

    func regex(_ node: YAMLNode) throws(YAMLError) -> BoundedRegex {
        try BoundedRegex.decode(node, caseSensitive: caseSensitive)
    }

    /// An XPath that compiles (any result type).
    func xpath(_ node: YAMLNode) throws(YAMLError) -> String {
        let text = try node.string()
        do {
            try HTMLDocument.validateXPath(text)
        } catch {
            throw YAMLError("invalid XPath '\(text)': \(error.message)", at: node.location)
        }
        return text
    }

    /// An XPath that compiles and selects nodes (not `count(//a)` or `boolean(...)`), checked on
    /// an empty document because libxml2 knows an expression's result type only by running it.
    func nodeXPath(_ node: YAMLNode) throws(YAMLError) -> String {
        let text = try xpath(node)
        do {
            _ = try HTMLDocument(html: "<html><body></body></html>", url: "https://contoh.go.id/").select(text)
        } catch {
            throw YAMLError("XPath '\(text)' must select nodes (elements or attributes): \(error.message)",
                            at: node.location)
        }
        return text
    }

    func count(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> Condition? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(node, expected: "a mapping with 'xpath' and 'min' and/or 'max'")
        }) else { return nil }
        let before = diagnostics.errors.count
        let path = diagnostics.attempt { () throws(YAMLError) in try nodeXPath(reader.required("xpath")) }
        let minNode = reader.optional("min")
        let maxNode = reader.optional("max")
        let min = minNode.flatMap { n in diagnostics.attempt { () throws(YAMLError) in try n.int(in: 0...Condition.maxNodes) } }
        let max = maxNode.flatMap { n in diagnostics.attempt { () throws(YAMLError) in try n.int(in: 0...Condition.maxNodes) } }
        diagnostics.report(contentsOf: reader.finish())
        if minNode == nil && maxNode == nil {
            diagnostics.report("xpath_count needs 'min' and/or 'max'", at: node.location)
        }
        if let min, let max, min > max, let maxNode {
            diagnostics.report("min (\(min)) is greater than max (\(max))", at: maxNode.location)
        }
        guard diagnostics.errors.count == before, let path else { return nil }
        return .xpathCount(xpath: path, min: min, max: max)
    }

    func xpathText(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> Condition? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(node, expected: "a mapping with 'xpath' and 'pattern'")
        }) else { return nil }
        let path = diagnostics.attempt { () throws(YAMLError) in try xpath(reader.required("xpath")) }
        let pattern = diagnostics.attempt { () throws(YAMLError) in try regex(reader.required("pattern")) }
        diagnostics.report(contentsOf: reader.finish())
        guard let path, let pattern else { return nil }
        return .xpathText(xpath: path, pattern: pattern)
    }

    func attribute(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> Condition? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(node, expected: "a mapping with 'xpath', 'name' and 'pattern'")
        }) else { return nil }
        let path = diagnostics.attempt { () throws(YAMLError) in try nodeXPath(reader.required("xpath")) }
        let name = diagnostics.attempt { () throws(YAMLError) in try reader.required("name").string().lowercased() }
        let pattern = diagnostics.attempt { () throws(YAMLError) in try regex(reader.required("pattern")) }
        diagnostics.report(contentsOf: reader.finish())
        guard let path, let name, let pattern else { return nil }
        return .attribute(xpath: path, name: name, pattern: pattern)
    }

    func header(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> Condition? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(node, expected: "a mapping with 'name' and 'pattern'")
        }) else { return nil }
        let name = diagnostics.attempt { () throws(YAMLError) in try reader.required("name").string() }
        let pattern = diagnostics.attempt { () throws(YAMLError) in try regex(reader.required("pattern")) }
        diagnostics.report(contentsOf: reader.finish())
        guard let name, let pattern else { return nil }
        return .header(name: name, pattern: pattern)
    }

    func link(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> Condition? {
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in
            try MappingReader(node, expected: "a mapping with any of 'xpath', 'hidden', 'external', 'href', 'text'")
        }) else { return nil }
        let before = diagnostics.errors.count
        let xpathNode = reader.optional("xpath")
        let hiddenNode = reader.optional("hidden")
        let path = xpathNode.flatMap { n in diagnostics.attempt { () throws(YAMLError) in try nodeXPath(n) } }
        let hidden = hiddenNode.flatMap { n in diagnostics.attempt { () throws(YAMLError) in try n.bool() } }
        let external = reader.optional("external").flatMap { n in diagnostics.attempt { () throws(YAMLError) in try n.bool() } }
        let href = reader.optional("href").flatMap { n in diagnostics.attempt { () throws(YAMLError) in try regex(n) } }
        let text = reader.optional("text").flatMap { n in diagnostics.attempt { () throws(YAMLError) in try regex(n) } }
        diagnostics.report(contentsOf: reader.finish())
        if reader.keys.isEmpty {
            diagnostics.report("a link condition needs at least one of 'xpath', 'hidden', 'external', 'href', 'text'",
                               at: node.location)
        }
        if xpathNode != nil, let hiddenNode {
            // Hiddenness is computed over the whole page's links; an XPath picks its own elements.
            diagnostics.report("give 'hidden' or 'xpath', not both (write the hiding into the XPath instead)",
                               at: hiddenNode.location)
        }
        guard diagnostics.errors.count == before else { return nil }
        return .link(LinkFilter(xpath: path, hidden: hidden, external: external, href: href, text: text))
    }
}
