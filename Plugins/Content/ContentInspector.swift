import PantauCore
import PantauPattern

/// Follows one site's crawl and counts, per content rule, the pages that match.
///
/// Only HTML pages with a 2xx status are examined (feeds and error pages are not content the
/// site shows). State per rule is two counters and at most `max_evidence` quotes.
public final class ContentInspector: SiteInspector {
    private struct Tally {
        var examined = 0
        var matched = 0
        /// The first matching pages: URL and what matched.
        var evidence: [(url: String, match: String?)] = []
    }

    private let rules: [ContentRule]
    private var tallies: [Tally]
    private let pageExaminer: ContentExaminer

    public init(rules: [ContentRule]) {
        self.rules = rules
        self.tallies = Array(repeating: Tally(), count: rules.count)
        self.pageExaminer = ContentExaminer(rules: rules)
    }

    public var examiner: (any PageExaminer)? { pageExaminer }

    public func inspect(_ page: Page, examined: (any Sendable)?) -> [String] {
        let verdicts = examined as? ContentExaminer.Verdicts ?? pageExaminer.verdicts(page)
        for (index, verdict) in verdicts.enumerated() {
            guard let verdict else { continue }
            tallies[index].examined += 1
            guard verdict.holds else { continue }
            tallies[index].matched += 1
            if tallies[index].evidence.count < rules[index].maxEvidence {
                tallies[index].evidence.append((page.url, verdict.match))
            }
        }
        return []
    }

    public func finish(_ summary: SiteCrawlSummary) -> InspectionResult {
        InspectionResult(outcomes: zip(rules, tallies).map { rule, tally in outcome(rule, tally, summary) })
    }

    private func outcome(_ rule: ContentRule, _ tally: Tally, _ summary: SiteCrawlSummary) -> RuleOutcome {
        guard summary.reachable, tally.examined > 0 else { return RuleOutcome(rule: rule.id, score: nil, findings: []) }
        guard rule.trigger.fires(matched: tally.matched, examined: tally.examined) else {
            return RuleOutcome(rule: rule.id, score: 100, findings: [])
        }
        let first = tally.evidence.first
        let message = rule.message.render(url: first?.url ?? summary.institution.url, match: first?.match,
                                          count: tally.matched, pages: tally.examined)
        let evidence = tally.evidence.isEmpty
            ? [Evidence(url: summary.institution.url)]
            : tally.evidence.map { Evidence(url: $0.url, snippet: $0.match.map(MessageTemplate.trimmed)) }
        let finding = Finding(rule: rule.id, severity: rule.severity, message: message, evidence: evidence)
        return RuleOutcome(rule: rule.id, score: rule.scoreWhenTriggered, findings: [finding])
    }
}

/// Evaluates every content rule on one page; the inspector only counts.
struct ContentExaminer: PageExaminer {
    /// Per rule, in rule order: its verdict, or nil when the rule does not examine this page.
    typealias Verdicts = [Verdict?]

    let rules: [ContentRule]
    /// Every `text:` pattern of the rules, so a page's text is read once for all their literals.
    let textPatterns: PatternGroup

    init(rules: [ContentRule]) {
        self.rules = rules
        textPatterns = PatternGroup(rules.flatMap(\.condition.textPatterns))
    }

    func examine(_ page: Page) -> any Sendable { verdicts(page) }

    /// Only HTML pages that answered 2xx are examined; a `home` rule only the home page.
    func verdicts(_ page: Page) -> Verdicts {
        guard let document = page.document, (200..<300).contains(page.status) else {
            return Verdicts(repeating: nil, count: rules.count)
        }
        let context = PageContext(page: page, document: document, textPatterns: textPatterns)
        return rules.map { rule in
            guard rule.scope == .everyPage || page.role == .home else { return nil }
            return rule.condition.evaluate(on: context, region: rule.region)
        }
    }
}
