import Foundation
import PantauCore
import Synchronization

/// Follows one site's crawl and keeps its newest dated content.
///
/// Structured evidence (feeds, JSON-LD, meta, `<time>`, dated URLs) wins over dates in visible
/// text: the newest structured date is the site's latest content; text dates are used only when
/// the site offers no structured date at all. Ties on the day go to the stronger source.
public final class FreshnessInspector: SiteInspector {
    private let rules: [FreshnessRule]
    private let auditDate: CalendarDate
    private let pageExaminer: FreshnessExaminer
    private var newestStructured: ContentDate?
    private var newestText: ContentDate?
    private var requestedFeeds: Set<String> = []

    public init(rules: [FreshnessRule], auditDate: CalendarDate) {
        self.rules = rules
        self.auditDate = auditDate
        self.pageExaminer = FreshnessExaminer(evidence: DateEvidence(auditDate: auditDate), structuredSeen: StructuredDateSeen())
    }

    public var examiner: (any PageExaminer)? { pageExaminer }

    /// The WordPress feed (`feed/` under the home page), which lists the newest posts with dates.
    public func seedRequests(home: String) -> [String] {
        guard let url = URL(string: "feed/", relativeTo: URL(string: home))?.absoluteURL.absoluteString else { return [] }
        requestedFeeds.insert(url)
        return [url]
    }

    /// Records the page's content dates; returns the feeds it advertises that were not asked for yet.
    public func inspect(_ page: Page, examined: (any Sendable)?) -> [String] {
        let found = examined as? DateEvidence.PageEvidence ?? pageExaminer.evidence(page)
        for date in found.dates { record(date) }
        var wanted: [String] = []
        for feed in found.feeds where requestedFeeds.insert(feed).inserted { wanted.append(feed) }
        return wanted
    }

    /// The newest dated content so far (structured sources first).
    public var latest: ContentDate? { newestStructured ?? newestText }

    public func finish(_ summary: SiteCrawlSummary) -> InspectionResult {
        let latest = summary.reachable ? self.latest : nil
        let age = latest.map { $0.date.days(until: summary.auditDate) }
        let classifier = rules.first ?? FreshnessRule(id: FreshnessPlugin.id)
        let outcomes = rules.map { rule in outcome(rule, latest: latest, age: age, summary: summary) }
        let content = LatestContent(date: latest?.date, source: latest?.source.rawValue, url: latest?.url)
        let activity = summary.reachable ? classifier.activity(age: age) : .tidakAktif
        return InspectionResult(outcomes: outcomes, facts: [.latestContent(content), .activity(activity)])
    }

    private func record(_ candidate: ContentDate) {
        if candidate.source.isStructured {
            pageExaminer.structuredSeen.note()
            if newestStructured.map(candidate.supersedes) ?? true { newestStructured = candidate }
        } else if newestText.map(candidate.supersedes) ?? true {
            newestText = candidate
        }
    }

    private func outcome(_ rule: FreshnessRule, latest: ContentDate?, age: Int?, summary: SiteCrawlSummary) -> RuleOutcome {
        guard summary.reachable else {
            let reason = summary.unreachableReason.map { " (\($0))" } ?? ""
            let finding = Finding(rule: rule.id, severity: rule.severity,
                                  message: "Situs tidak dapat diakses\(reason): dianggap tidak aktif",
                                  evidence: [Evidence(url: summary.institution.url, error: summary.unreachableReason)])
            return RuleOutcome(rule: rule.id, score: 0, findings: [finding])
        }
        let activity = rule.activity(age: age)
        let score: Double = switch activity {
        case .aktif: 100
        case .kurangAktif: 50
        case .tidakAktif: 0
        }
        guard activity != .aktif else { return RuleOutcome(rule: rule.id, score: score, findings: []) }
        let finding: Finding
        if let latest, let age {
            let verdict = activity == .kurangAktif ? "situs kurang aktif" : "situs tidak aktif"
            finding = Finding(rule: rule.id, severity: rule.severity,
                              message: "Konten terbaru \(latest.date) (\(IndonesianNumber.format(age)) hari lalu): \(verdict)"
                                  + " (batas aktif \(rule.aktifDays) hari, kurang aktif \(rule.kurangAktifDays) hari)",
                              evidence: [Evidence(url: latest.url, snippet: String(latest.snippet.prefix(300)),
                                                  date: latest.date.description, source: latest.source.rawValue)])
        } else {
            finding = Finding(rule: rule.id, severity: rule.severity,
                              message: "Tidak ditemukan konten bertanggal (\(summary.pagesCrawled) halaman diperiksa): situs tidak aktif",
                              evidence: [Evidence(url: summary.institution.url)])
        }
        return RuleOutcome(rule: rule.id, score: score, findings: [finding])
    }
}

/// Reads one page's dated-content evidence, on any task.
struct FreshnessExaminer: PageExaminer {
    let evidence: DateEvidence
    let structuredSeen: StructuredDateSeen

    func examine(_ page: Page) -> any Sendable { evidence(page) }

    /// Text dates count only while the site has shown no structured date (see
    /// ``FreshnessInspector``), so once one is known the page's text need not be scanned. A page
    /// examined just before that moment still reads its text; the result is the same.
    func evidence(_ page: Page) -> DateEvidence.PageEvidence {
        evidence.read(page, includeText: !structuredSeen.value)
    }
}

/// Whether the site has shown a structured date yet: set by the inspector, read by examiners.
final class StructuredDateSeen: Sendable {
    private let seen = Atomic<Bool>(false)

    var value: Bool { seen.load(ordering: .relaxed) }

    func note() { seen.store(true, ordering: .relaxed) }
}

/// Numbers as Indonesian writes them: `.` groups thousands ("2.490").
enum IndonesianNumber {
    static func format(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }
}
