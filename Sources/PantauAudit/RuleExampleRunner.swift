import PantauCore
import PantauCrawl
import PantauHTML
import PantauYAML

/// One rule example that did not do what it says.
public struct ExampleFailure: Sendable, CustomStringConvertible {
    public var rule: String
    /// Where the example starts in its rule file.
    public var location: SourceLocation
    /// The example's position among the rule's examples, from 1.
    public var index: Int
    /// The example's pages (home page first).
    public var pages: [String]
    /// What the example expected, in words.
    public var expected: String
    /// What the rule produced, in words.
    public var found: String

    public init(rule: String, location: SourceLocation, index: Int, pages: [String], expected: String, found: String) {
        self.rule = rule
        self.location = location
        self.index = index
        self.pages = pages
        self.expected = expected
        self.found = found
    }

    /// `file:line:column: rule 'id', example N (pages): expected ..., found ...` on one line, so
    /// editors jump to the example.
    public var description: String {
        let shown = pages.prefix(3).joined(separator: ", ") + (pages.count > 3 ? ", +\(pages.count - 3) more" : "")
        return "\(location): rule '\(rule)', example \(index) (\(shown)): expected \(expected), found \(found)"
    }
}

/// Runs the examples every rule carries (SwiftLint's triggering / non-triggering examples).
///
/// An example is a tiny site: its first page is the home page, every page goes through the
/// rule's inspector, and `links` stand in for the link checker's verdicts. Only the example's own
/// rule is loaded, so an example tests exactly one rule.
public enum RuleExampleRunner {
    /// The audit date of examples that give none: fixed, so examples never rot with the calendar.
    public static let defaultAuditDate = CalendarDate(year: 2026, month: 12, day: 1)!

    /// Runs every example of `rule`.
    /// - Returns: the failures (empty when all pass).
    /// - Throws: ``RuleErrors`` when the rule's plugin rejects its parameters.
    public static func run(_ rule: RuleDefinition) throws(RuleErrors) -> [ExampleFailure] {
        let plugins = try PluginSet.compile(rules: [rule]).plugins
        var failures: [ExampleFailure] = []
        for (number, example) in zip(1..., rule.examples) {
            let pages = example.pages.map(\.url)
            let findings = findings(of: example, rule: rule, plugins: plugins)
            let triggered = !findings.isEmpty
            let found = triggered
                ? "\(findings.count) finding(s): " + findings.map { "\"\($0.message)\"" }.joined(separator: "; ")
                : "no finding"
            if triggered != example.triggers {
                failures.append(ExampleFailure(rule: rule.id, location: example.location, index: number, pages: pages,
                                               expected: example.triggers ? "a finding (triggers: true)"
                                                   : "no finding (triggers: false)", found: found))
            } else if let words = example.expectMessage, example.triggers,
                      !findings.contains(where: { $0.message.lowercased().contains(words.lowercased()) }) {
                failures.append(ExampleFailure(rule: rule.id, location: example.location, index: number, pages: pages,
                                               expected: "a finding whose message contains \"\(words)\" (expect_message)",
                                               found: found))
            }
        }
        return failures
    }

    private static func findings(of example: RuleExample, rule: RuleDefinition, plugins: [any AuditPlugin]) -> [Finding] {
        guard let home = example.pages.first else { return [] }
        let type = InstitutionType.allCases.first { rule.appliesTo.contains($0) } ?? .opd
        let institution = Institution(id: "contoh", name: "Contoh", type: type, url: home.url)
        let auditDate = example.auditDate ?? defaultAuditDate
        let inspectors = plugins.map { $0.makeInspector(for: institution, auditDate: auditDate) }
        let pagesByURL = Dictionary(example.pages.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })

        var delivered: Set<String> = []
        var queue: [(ExamplePage, Page.Role)] = [(home, .home)]
        queue += inspectors.flatMap { $0.seedRequests(home: home.url) }.compactMap { url in
            pagesByURL[url].map { ($0, .requested) }
        }
        queue += example.pages.dropFirst().map { ($0, .crawled) }
        var index = 0
        while index < queue.count, index < 1000 {
            let (examplePage, role) = queue[index]
            index += 1
            guard delivered.insert(examplePage.url).inserted else { continue }
            let page = makePage(examplePage, role: role)
            for inspector in inspectors {
                for wanted in inspector.inspect(page) {
                    if let next = pagesByURL[wanted], !delivered.contains(wanted) { queue.append((next, .requested)) }
                }
            }
        }

        let links = example.links.map { link in
            LinkReport(url: link.url, verdict: verdict(status: link.status, error: link.error), status: link.status,
                       error: link.error, redirectChain: [], referrers: [link.referrer ?? home.url],
                       isInternal: CrawlURL.siteHost(of: link.url) == CrawlURL.siteHost(of: home.url))
        }
        let summary = SiteCrawlSummary(institution: institution, auditDate: auditDate, reachable: true,
                                       unreachableReason: nil, pagesCrawled: example.pages.count, links: links,
                                       observations: example.observations)
        return inspectors.flatMap { $0.finish(summary).outcomes }.filter { $0.rule == rule.id }.flatMap(\.findings)
    }

    private static func makePage(_ page: ExamplePage, role: Page.Role) -> Page {
        let body = Array(page.body.utf8)
        let isHTML = page.mediaType == "text/html" || page.mediaType == "application/xhtml+xml"
        return Page(url: page.url, requestedURL: page.url, status: 200,
                    headers: [HTTPHeader(name: "Content-Type", value: page.mediaType)], mediaType: page.mediaType,
                    body: body, depth: role == .home ? 0 : 1, role: role,
                    document: isHTML ? HTMLDocument(bytes: body, url: page.url, encoding: "UTF-8") : nil)
    }

    /// The verdict the link checker would give a status; an example's 3xx stands for a redirect
    /// that ends in a working page.
    static func verdict(status: Int?, error: String?) -> LinkVerdict {
        guard let status, error == nil else { return .broken }
        return (300..<400).contains(status) ? .ok : LinkCheckResult.verdict(status: status)
    }
}
