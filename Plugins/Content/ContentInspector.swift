import PantauCore

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

    public init(rules: [ContentRule]) {
        self.rules = rules
        self.tallies = Array(repeating: Tally(), count: rules.count)
    }

    public func inspect(_ page: Page) -> [String] {
        guard let document = page.document, (200..<300).contains(page.status) else { return [] }
        let context = PageContext(page: page, document: document)
        for (index, rule) in rules.enumerated() where rule.scope == .everyPage || page.role == .home {
            tallies[index].examined += 1
            let verdict = rule.condition.evaluate(on: context, region: rule.region)
            guard verdict.holds else { continue }
            tallies[index].matched += 1
            if tallies[index].evidence.count < rule.maxEvidence {
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
