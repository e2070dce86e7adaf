import PantauCore
import PantauYAML

/// Reports links that do not work, each broken URL once with every page that links to it.
///
/// Source: domain note §3; the Monev KIP evaluation (Perki 1/2022) checks that a site's links
/// work ("tautan berfungsi"). The verdicts come from the crawl's link checker
/// (``SiteCrawlSummary/links``); this plugin fetches nothing itself.
///
/// Parameters (all optional):
/// ```yaml
/// params:
///   include_external: true     # also report links that leave the site (default true)
///   penalty_per_link: 5        # score = max(0, 100 - penalty × reported links); 1...100 (default 5)
///   verdicts: [broken]         # which verdicts count: broken, blocked, unverified (default [broken])
/// ```
/// A redirect chain that ends in 2xx is verdict `ok` and never reported.
///
/// A rule may instead report the crawl's observations (``SiteCrawlSummary/observations``):
/// ```yaml
/// params:
///   observations: [soft-404]   # soft-404, missing-fragment, tls, http-only, https-upgrade, trap
///   penalty_per_link: 5        # here: per observation
/// ```
/// `observations` and `verdicts` exclude each other; an observation rule adds nothing to the
/// site's broken-link list (a soft 404 is already a BROKEN link there).
public struct LinkHealthPlugin: AuditPlugin {
    public static let id = "linkhealth"
    public static let defaultCategory = "links"

    /// The compiled rules, in the order they were given.
    public let rules: [LinkRule]

    /// - Throws: ``RuleErrors`` with every problem of every rule (unknown keys, a penalty outside
    ///   1...100, a verdict that cannot be reported), each at its `file:line:column`.
    public init(rules definitions: [RuleDefinition]) throws {
        var errors: [YAMLError] = []
        var compiled: [LinkRule] = []
        for definition in definitions {
            switch LinkRule.compile(definition) {
            case .success(let rule): compiled.append(rule)
            case .failure(let failure): errors.append(contentsOf: failure.errors)
            }
        }
        guard errors.isEmpty else { throw RuleErrors(errors) }
        rules = compiled
    }

    public func makeInspector(for institution: Institution, auditDate: CalendarDate) -> any SiteInspector {
        LinkHealthInspector(rules: rules.filter {
            $0.appliesTo.contains(institution.type) && !institution.disabledRules.contains($0.id)
        })
    }
}

/// One link-health rule with its parameters checked.
public struct LinkRule: Sendable {
    public let id: String
    public let severity: Severity
    public let appliesTo: Set<InstitutionType>
    /// Report links that leave the institution's site too.
    public let includeExternal: Bool
    /// Score points lost per reported URL (1...100).
    public let penaltyPerLink: Double
    /// The verdicts reported (a subset of broken, blocked, unverified).
    public let verdicts: Set<LinkVerdict>
    /// When not empty, the rule reports these crawl observations instead of link verdicts.
    public let observations: Set<CrawlObservation.Kind>

    /// Verdicts a rule may count: `ok` and `skipped` are not faults.
    public static let reportableVerdicts: [LinkVerdict] = [.broken, .blocked, .unverified]

    public init(id: String, severity: Severity = .error, appliesTo: Set<InstitutionType> = Set(InstitutionType.allCases),
                includeExternal: Bool = true, penaltyPerLink: Double = 5, verdicts: Set<LinkVerdict> = [.broken],
                observations: Set<CrawlObservation.Kind> = []) {
        self.id = id
        self.severity = severity
        self.appliesTo = appliesTo
        self.includeExternal = includeExternal
        self.penaltyPerLink = penaltyPerLink
        self.verdicts = verdicts
        self.observations = observations
    }

    static func compile(_ definition: RuleDefinition) -> Result<LinkRule, RuleErrors> {
        var rule = LinkRule(id: definition.id, severity: definition.severity, appliesTo: definition.appliesTo)
        guard let params = definition.params else { return .success(rule) }
        var diagnostics = Diagnostics()
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(params) }) else {
            return .failure(RuleErrors(diagnostics.errors))
        }
        if let value = diagnostics.attempt({ () throws(YAMLError) in try reader.optional("include_external")?.bool() }),
           let value {
            rule = rule.with(includeExternal: value)
        }
        if let value = diagnostics.attempt({ () throws(YAMLError) in
            try reader.optional("penalty_per_link")?.double(in: 1...100)
        }), let value {
            rule = rule.with(penaltyPerLink: value)
        }
        let verdictsNode = reader.optional("verdicts")
        if let node = verdictsNode,
           let verdicts = diagnostics.attempt({ () throws(YAMLError) in try decodeVerdicts(node) }) {
            rule = rule.with(verdicts: verdicts)
        }
        if let node = reader.optional("observations") {
            if verdictsNode != nil {
                diagnostics.report("give either 'verdicts' or 'observations', not both", at: node.location)
            } else if let kinds = diagnostics.attempt({ () throws(YAMLError) in try decodeObservations(node) }) {
                rule = rule.with(observations: kinds)
            }
        }
        diagnostics.report(contentsOf: reader.finish())
        return diagnostics.isEmpty ? .success(rule) : .failure(RuleErrors(diagnostics.errors))
    }

    private static func decodeVerdicts(_ node: YAMLNode) throws(YAMLError) -> Set<LinkVerdict> {
        let items: [YAMLNode]
        if case .scalar = node.kind { items = [node] } else { items = try node.sequence() }
        var verdicts: Set<LinkVerdict> = []
        for item in items {
            let verdict = try item.oneOf(LinkVerdict.self, named: "verdict")
            guard reportableVerdicts.contains(verdict) else {
                throw YAMLError("verdict '\(verdict.rawValue)' cannot be reported; expected one of: "
                                + reportableVerdicts.map(\.rawValue).joined(separator: ", "), at: item.location)
            }
            verdicts.insert(verdict)
        }
        guard !verdicts.isEmpty else { throw YAMLError("give at least one verdict", at: node.location) }
        return verdicts
    }

    private static func decodeObservations(_ node: YAMLNode) throws(YAMLError) -> Set<CrawlObservation.Kind> {
        let items: [YAMLNode]
        if case .scalar = node.kind { items = [node] } else { items = try node.sequence() }
        var kinds: Set<CrawlObservation.Kind> = []
        for item in items { kinds.insert(try item.oneOf(CrawlObservation.Kind.self, named: "observation")) }
        guard !kinds.isEmpty else { throw YAMLError("give at least one observation", at: node.location) }
        return kinds
    }

    private func with(includeExternal: Bool? = nil, penaltyPerLink: Double? = nil,
                      verdicts: Set<LinkVerdict>? = nil, observations: Set<CrawlObservation.Kind>? = nil) -> LinkRule {
        LinkRule(id: id, severity: severity, appliesTo: appliesTo, includeExternal: includeExternal ?? self.includeExternal,
                 penaltyPerLink: penaltyPerLink ?? self.penaltyPerLink, verdicts: verdicts ?? self.verdicts,
                 observations: observations ?? self.observations)
    }

    /// True when this rule reports crawl observations rather than link verdicts.
    var reportsObservations: Bool { !observations.isEmpty }

    /// True when this rule reports `observation`.
    func reports(_ observation: CrawlObservation) -> Bool { observations.contains(observation.kind) }

    /// True when this rule reports `link`.
    func reports(_ link: LinkReport) -> Bool {
        !reportsObservations && verdicts.contains(link.verdict) && (includeExternal || link.isInternal)
    }

    /// `max(0, 100 − penalty × count)`.
    func score(reported count: Int) -> Double { max(0, 100 - penaltyPerLink * Double(count)) }
}

/// Turns the crawl's link verdicts into findings; needs no pages.
public final class LinkHealthInspector: SiteInspector {
    private let rules: [LinkRule]

    init(rules: [LinkRule]) { self.rules = rules }

    public func inspect(_ page: Page, examined: (any Sendable)?) -> [String] { [] }

    /// One finding per reported URL and rule. On an unreachable site no link was checked, so the
    /// rules have nothing to score (score nil); the unreachable site is reported elsewhere.
    public func finish(_ summary: SiteCrawlSummary) -> InspectionResult {
        // Rules report only links that are not OK: the OK ones are never made into reports.
        let links = summary.checkedLinks.notOK.sorted { $0.url < $1.url }
        var outcomes: [RuleOutcome] = []
        var reportedURLs: Set<String> = []
        for rule in rules {
            if rule.reportsObservations {
                let findings = summary.observations.filter(rule.reports).map { ObservationFinding.make($0, rule: rule) }
                outcomes.append(RuleOutcome(rule: rule.id, score: summary.reachable ? rule.score(reported: findings.count) : nil,
                                            findings: findings))
                continue
            }
            let reported = links.filter(rule.reports)
            reportedURLs.formUnion(reported.map(\.url))
            let findings = reported.map { LinkFinding.make($0, rule: rule) }
            outcomes.append(RuleOutcome(rule: rule.id, score: summary.reachable ? rule.score(reported: reported.count) : nil,
                                        findings: findings))
        }
        let facts: [SiteFact] = rules.isEmpty ? [] : [.brokenLinks(links.filter { reportedURLs.contains($0.url) })]
        return InspectionResult(outcomes: outcomes, facts: facts)
    }
}

/// Words one crawl observation for the site's admin.
enum ObservationFinding {
    static func make(_ observation: CrawlObservation, rule: LinkRule) -> Finding {
        let label = switch observation.kind {
        case .softNotFound: "Halaman \"tidak ditemukan\" yang menjawab HTTP 200 (soft 404)"
        case .missingFragment: "Tautan ke bagian halaman yang tidak ada"
        case .httpOnly: "Situs tidak memakai HTTPS"
        case .tlsProblem: "Sertifikat HTTPS ditolak"
        case .httpsUpgrade: "Alamat http dialihkan ke https"
        case .trap: "Alamat jebakan crawler dilewati"
        }
        var evidence = [Evidence(url: observation.url, error: observation.detail.isEmpty ? nil : observation.detail)]
        if let referrer = observation.referrer { evidence.append(Evidence(url: referrer, source: "referrer")) }
        let detail = observation.detail.isEmpty ? "" : " (\(observation.detail))"
        return Finding(rule: rule.id, severity: rule.severity, message: "\(label): \(observation.url)\(detail)",
                       evidence: evidence)
    }
}

/// Words one reported link for the site's admin.
enum LinkFinding {
    static func make(_ link: LinkReport, rule: LinkRule) -> Finding {
        // A soft 404 answers 200: its error ("soft 404: ...") says why it is broken, not its status.
        let answeredOK = link.status.map { (200..<300).contains($0) } ?? false
        let cause = answeredOK ? (link.error ?? "HTTP \(link.status ?? 200)")
            : link.status.map { "HTTP \($0)" } ?? link.error ?? "tanpa jawaban"
        let label = switch link.verdict {
        case .blocked: "Tautan diblokir"
        case .unverified: "Tautan belum dapat diperiksa"
        default: "Tautan rusak"
        }
        var evidence = [Evidence(url: link.url, status: link.status, error: link.error,
                                 redirectChain: link.redirectChain.isEmpty ? nil : link.redirectChain)]
        evidence += link.referrers.map { Evidence(url: $0, source: "referrer") }
        return Finding(rule: rule.id, severity: rule.severity,
                       message: "\(label): \(link.url) (\(cause)), ditautkan dari \(link.referrers.count) halaman",
                       evidence: evidence)
    }
}
