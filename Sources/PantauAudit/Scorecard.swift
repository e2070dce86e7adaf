import PantauCore
import PantauRules

/// Rolls one institution's rule outcomes and facts up into its scorecard.
///
/// Category score: the weight-averaged score of the category's rules (rules with weight 0 or no
/// score are reported but not scored). Overall score: the weight-averaged category scores, with
/// the weights of `scorecard.yaml`. Band: the Monev KIP band of the overall score (Perki 1/2022).
public enum Scorecard {
    /// Builds the institution's report. `rank` is filled in later by ``district(_:)``.
    public static func institutionReport(institution: Institution, summary: SiteCrawlSummary,
                                         results: [InspectionResult], rules: [RuleDefinition],
                                         config: ScorecardConfig) -> InstitutionReport {
        let rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sums: [String: (weighted: Double, weight: Double)] = [:]
        var findings: [Finding] = []
        var latest = LatestContent(date: nil, source: nil, url: nil)
        var activity = ActivityClass.tidakAktif
        var sections: [SectionResult] = []
        var broken: [BrokenLinkEntry] = []

        for result in results {
            for outcome in result.outcomes {
                guard let rule = rulesByID[outcome.rule] else { continue }
                findings += outcome.findings
                if let score = outcome.score, rule.weight > 0 {
                    let clamped = min(100, max(0, score))
                    sums[rule.category, default: (0, 0)].weighted += clamped * rule.weight
                    sums[rule.category, default: (0, 0)].weight += rule.weight
                }
            }
            for fact in result.facts {
                switch fact {
                case .latestContent(let value): latest = value
                case .activity(let value): activity = value
                case .sections(let value): sections += value
                case .brokenLinks(let links):
                    broken += links.map {
                        BrokenLinkEntry(url: $0.url, status: $0.status, error: $0.error,
                                        redirectChain: $0.redirectChain, referrers: $0.referrers)
                    }
                }
            }
        }

        var categories: [String: Double] = [:]
        for (name, sum) in sums where sum.weight > 0 {
            categories[name] = rounded(sum.weighted / sum.weight)
        }
        if !summary.reachable {
            // Nothing could be checked: every category scores 0, and one finding says why instead
            // of one per rule repeating the same connection error.
            for category in config.categories { categories[category.name] = 0 }
            findings = [unreachableFinding(institution, reason: summary.unreachableReason)]
        }
        var overallSum = 0.0
        var overallWeight = 0.0
        for category in config.categories {
            guard let score = categories[category.name] else { continue }
            overallSum += score * category.weight
            overallWeight += category.weight
        }
        let score = overallWeight > 0 ? rounded(overallSum / overallWeight) : 0
        findings.sort { ($0.severity, $1.rule) > ($1.severity, $0.rule) }

        return InstitutionReport(
            id: institution.id, name: institution.name, type: institution.type, url: institution.url,
            score: score, band: config.band(for: score).id, rank: 0, activity: activity,
            reachable: summary.reachable, unreachableReason: summary.unreachableReason,
            pagesCrawled: summary.pagesCrawled, latestContent: latest, categories: categories,
            sections: sections, brokenLinks: broken.sorted { $0.url < $1.url }, findings: findings)
    }

    /// The rule id of the one finding an unreachable site gets.
    public static let unreachableRule = "site.unreachable"

    private static func unreachableFinding(_ institution: Institution, reason: String?) -> Finding {
        Finding(rule: unreachableRule, severity: .critical,
                message: "Situs tidak dapat diakses; tidak ada yang dapat diperiksa" + (reason.map { ": \($0)" } ?? ""),
                evidence: [Evidence(url: institution.url, error: reason)])
    }

    /// Ranks the institutions (best score first; equal scores share a rank, then by name) and
    /// builds the district summary with the training groups.
    public static func district(_ reports: [InstitutionReport], config: ScorecardConfig)
        -> (institutions: [InstitutionReport], summary: DistrictSummary) {
        var ordered = reports.sorted { ($1.score, $0.name) < ($0.score, $1.name) }
        for index in ordered.indices {
            let tied = index > 0 && ordered[index - 1].score == ordered[index].score
            ordered[index].rank = tied ? ordered[index - 1].rank : index + 1
        }
        var groups: [String: [String]] = [:]
        for activity in ActivityClass.allCases { groups[activity.rawValue] = [] }
        var bands: [String: Int] = [:]
        for band in config.bands { bands[band.id] = 0 }
        for report in ordered {
            groups[report.activity.rawValue, default: []].append(report.id)
            bands[report.band, default: 0] += 1
        }
        let average = ordered.isEmpty ? 0 : rounded(ordered.map(\.score).reduce(0, +) / Double(ordered.count))
        let summary = DistrictSummary(ranking: ordered.map(\.id), activityGroups: groups, bandCounts: bands,
                                      averageScore: average,
                                      brokenLinkCount: ordered.reduce(0) { $0 + $1.brokenLinks.count })
        return (ordered, summary)
    }

    /// One decimal, as Monev KIP results are published.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
