import PantauCore

/// Decides one section's status from what the crawl saw, and words the finding.
///
/// present (score 100): the best candidate page has at least `min_words` content words.
/// empty (score 40): a candidate page exists but the best one has fewer; a title with no content
/// is the common failure (domain note §2), and still better than no page at all.
/// missing (score 0): no candidate page answered 2xx (or the site was unreachable). When the
/// site links to the section but every such link is broken, the finding says so.
struct SectionVerdict {
    /// Characters of content text quoted in evidence.
    static let excerptLength = 200
    /// Candidate links listed in a missing section's evidence.
    static let maxLinkEvidence = 5

    let section: SectionResult
    let outcome: RuleOutcome

    private init(section: SectionResult, outcome: RuleOutcome) {
        self.section = section
        self.outcome = outcome
    }

    /// Judges one section from the candidates seen and the site's link verdicts (only the
    /// section's candidate links are looked up: ``SiteLinks/link(for:)``).
    static func judge(rule: SectionRule, evidence: SectionEvidence, summary: SiteCrawlSummary) -> SectionVerdict {
        let home = summary.institution.url
        guard summary.reachable else {
            let reason = summary.unreachableReason.map { " (\($0))" } ?? ""
            return missing(rule, "Bagian '\(rule.title)' tidak ditemukan: situs tidak dapat diakses\(reason)",
                           evidence: [Evidence(url: home, error: summary.unreachableReason)])
        }
        if let best = evidence.best {
            let status: SectionStatus = best.words >= rule.minWords ? .present : .empty
            let section = SectionResult(id: rule.section, title: rule.title, status: status, url: best.url,
                                        wordCount: best.words)
            guard status == .empty else {
                return SectionVerdict(section: section, outcome: RuleOutcome(rule: rule.id, score: 100, findings: []))
            }
            let snippet = "\(best.words) kata (minimal \(rule.minWords)): \(best.excerpt)"
            return SectionVerdict(section: section, outcome: RuleOutcome(rule: rule.id, score: 40, findings: [Finding(
                rule: rule.id, severity: rule.severity,
                message: "Bagian '\(rule.title)' kosong: \(best.words) kata di \(best.url)",
                evidence: [Evidence(url: best.url, snippet: snippet, source: "content")])]))
        }
        let reports = evidence.links.sorted().map { url in (url: url, report: summary.checkedLinks.link(for: url)) }
        let broken = reports.compactMap { $0.report?.verdict == .broken ? $0.report : nil }
        if !reports.isEmpty && broken.count == reports.count {
            let list = broken.map { "\($0.url) (\(SectionVerdict.describe($0)))" }.joined(separator: ", ")
            return missing(rule, "Bagian '\(rule.title)' tidak ditemukan: tautannya rusak: \(list)",
                           evidence: broken.prefix(maxLinkEvidence).map {
                               Evidence(url: $0.url, source: "link", status: $0.status, error: $0.error,
                                        redirectChain: $0.redirectChain.isEmpty ? nil : $0.redirectChain)
                           })
        }
        var shown = reports.prefix(maxLinkEvidence).map {
            Evidence(url: $0.url, snippet: "tautan ke bagian ini, tetapi halamannya tidak cocok atau tidak terbaca",
                     source: "link", status: $0.report?.status, error: $0.report?.error)
        }
        if shown.isEmpty {
            shown = [Evidence(url: home, snippet: "tidak ada tautan atau halaman yang cocok dengan bagian ini")]
        }
        return missing(rule, "Bagian '\(rule.title)' tidak ditemukan", evidence: shown)
    }

    private static func missing(_ rule: SectionRule, _ message: String, evidence: [Evidence]) -> SectionVerdict {
        SectionVerdict(
            section: SectionResult(id: rule.section, title: rule.title, status: .missing, url: nil, wordCount: nil),
            outcome: RuleOutcome(rule: rule.id, score: 0, findings: [
                Finding(rule: rule.id, severity: rule.severity, message: message, evidence: evidence),
            ]))
    }

    /// "HTTP 404" or the transport error.
    static func describe(_ report: LinkReport) -> String {
        if let status = report.status { return "HTTP \(status)" }
        return report.error ?? "tanpa jawaban"
    }
}
