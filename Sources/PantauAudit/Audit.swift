import Foundation
import PantauCore
import PantauCrawl
import PantauFetch
import PantauPlugins
import PantauRules
import PantauYAML

/// Everything one audit run needs.
public struct AuditConfiguration: Sendable {
    public var institutions: [Institution]
    public var ruleSet: RuleSet
    public var fetch: FetchConfiguration
    public var limits: CrawlLimits
    /// Per-host rate, retries, Retry-After handling and the circuit breaker for every request.
    public var politeness: PolitenessPolicy
    /// Institutions audited at once (the bounded task group's width).
    public var maxConcurrentSites: Int
    /// The day freshness is judged against (today in WIB by default).
    public var auditDate: CalendarDate
    /// Problems found in the input before the run (skipped inventory rows, ...), kept for the report.
    public var inputProblems: [String]

    public init(institutions: [Institution], ruleSet: RuleSet, fetch: FetchConfiguration = FetchConfiguration(),
                limits: CrawlLimits = CrawlLimits(), politeness: PolitenessPolicy = PolitenessPolicy(),
                maxConcurrentSites: Int = 8, auditDate: CalendarDate,
                inputProblems: [String] = []) {
        self.institutions = institutions
        self.ruleSet = ruleSet
        self.fetch = fetch
        self.limits = limits
        self.politeness = politeness
        self.maxConcurrentSites = maxConcurrentSites
        self.auditDate = auditDate
        self.inputProblems = inputProblems
    }
}

/// What an audit tells its caller while it runs (for a progress line).
public enum AuditEvent: Sendable {
    case siteStarted(Institution)
    /// A site's crawl and link checks are done (before its inspectors finish): the raw counts a
    /// benchmark compares with other crawlers.
    case siteCrawled(Institution, CrawlCounts)
    case siteFinished(InstitutionReport, finished: Int, total: Int)
}

/// What one site's crawl fetched and checked, counted the way link checkers count.
public struct CrawlCounts: Sendable {
    /// HTML pages fetched and inspected.
    public var pages: Int
    /// Distinct URLs found as links (pages included) and checked.
    public var urls: Int
    /// Distinct URLs whose verdict is BROKEN.
    public var broken: Int

    public init(pages: Int, urls: Int, broken: Int) {
        self.pages = pages
        self.urls = urls
        self.broken = broken
    }

    init(_ summary: SiteCrawlSummary) {
        self.init(pages: summary.pagesCrawled, urls: summary.checkedLinks.count,
                  broken: summary.checkedLinks.count(of: .broken))
    }
}

/// One audit run: every institution in a bounded task group, each crawled and inspected inside
/// its own child task, then the district roll-up.
///
/// Cancellation (Ctrl-C, a deadline) stops new fetches; what was gathered is still rolled up and
/// the report says `complete: false`.
public struct Audit: Sendable {
    public let configuration: AuditConfiguration
    /// The plugins compiled for each institution (by id).
    private let plugins: [String: PluginSet]

    /// - Throws: ``RuleErrors`` when a plugin rejects its rules' parameters, or an institution's
    ///   `rule_params` (located in the inventory file).
    public init(configuration: AuditConfiguration) throws(RuleErrors) {
        self.configuration = configuration
        // Every rule once, so a broken rule is reported even when it applies to no institution
        // of this run; then the per-institution sets the run uses.
        _ = try PluginSet.compile(rules: configuration.ruleSet.rules)
        plugins = try PluginSet.forInstitutions(configuration.institutions, rules: configuration.ruleSet.rules)
    }

    /// Runs the audit.
    /// - Throws: ``FetchError`` (or another error) only when the HTTP engine cannot start.
    public func run(onEvent: @escaping @Sendable (AuditEvent) -> Void = { _ in }) async throws -> AuditReport {
        let config = configuration
        let engine = try FetchEngine(configuration: config.fetch)
        defer { engine.shutdown() }
        let limiter = HostLimiter(permitsPerHost: config.fetch.maxConnectionsPerHost)
        let fetcher = PoliteFetcher(engine: engine, limiter: limiter, policy: HostPolicy(config.politeness))
        let services = CrawlServices(fetcher: fetcher, limits: config.limits)
        let plugins = self.plugins

        var reports: [InstitutionReport] = []
        let total = config.institutions.count
        await withTaskGroup(of: InstitutionReport?.self) { group in
            var next = 0
            var inFlight = 0
            while true {
                while inFlight < max(1, config.maxConcurrentSites), next < total, !Task.isCancelled {
                    let institution = config.institutions[next]
                    let set = plugins[institution.id] ?? PluginSet(plugins: [], rules: [])
                    next += 1
                    inFlight += 1
                    onEvent(.siteStarted(institution))
                    group.addTask {
                        await Self.auditSite(institution, plugins: set, services: services, config: config,
                                             onEvent: onEvent)
                    }
                }
                guard let outcome = await group.next() else { break }
                inFlight -= 1
                guard let report = outcome else { continue }  // interrupted before its home page
                reports.append(report)
                onEvent(.siteFinished(report, finished: reports.count, total: total))
            }
        }

        let (ranked, summary) = Scorecard.district(reports, config: config.ruleSet.scorecard)
        return AuditReport(generatedAt: Self.timestamp(), auditDate: config.auditDate, tool: PantauVersion.current,
                           complete: !Task.isCancelled && reports.count == total, institutions: ranked,
                           summary: summary, inputProblems: config.inputProblems)
    }

    private static func auditSite(_ institution: Institution, plugins: PluginSet, services: CrawlServices,
                                  config: AuditConfiguration,
                                  onEvent: @Sendable (AuditEvent) -> Void) async -> InstitutionReport? {
        let inspectors = plugins.plugins.map { $0.makeInspector(for: institution, auditDate: config.auditDate) }
        let crawler = SiteCrawler(institution: institution, auditDate: config.auditDate, services: services,
                                  inspectors: inspectors)
        let summary = await crawler.run()
        // Cancelled before the home page answered: the site was not audited, and reporting it
        // as unreachable (critical, score 0) would be false. It is left out like a site not
        // started; the report says `complete: false`.
        if Task.isCancelled, !summary.reachable, summary.unreachableReason.map(Self.isCancellation) ?? true {
            return nil
        }
        onEvent(.siteCrawled(institution, CrawlCounts(summary)))
        let results = inspectors.map { $0.finish(summary) }
        return Scorecard.institutionReport(institution: institution, summary: summary, results: results,
                                           rules: plugins.rules, config: config.ruleSet.scorecard)
    }

    /// Whether a home-page failure is ``FetchError/cancelled(url:)``'s ("fetching URL was cancelled").
    private static func isCancellation(_ reason: String) -> Bool {
        reason.hasPrefix("fetching ") && reason.hasSuffix(" was cancelled")
    }

    /// ISO 8601 with the local offset, seconds precision.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: Date())
    }
}

/// Pantau's version, as reports and the user agent name it.
public enum PantauVersion {
    public static let current = "pantau 0.1.0"
}

/// The plugins compiled for one set of applicable rules.
struct PluginSet: Sendable {
    var plugins: [any AuditPlugin]
    var rules: [RuleDefinition]

    /// Compiles every plugin named by `rules`, collecting every plugin's errors.
    static func compile(rules: [RuleDefinition]) throws(RuleErrors) -> PluginSet {
        var errors: [YAMLError] = []
        var plugins: [any AuditPlugin] = []
        for type in PluginRegistry.all {
            let mine = rules.filter { $0.plugin == type.id }
            guard !mine.isEmpty else { continue }
            do {
                plugins.append(try type.init(rules: mine))
            } catch let error as RuleErrors {
                errors += error.errors
            } catch {
                errors.append(YAMLError("\(error)", at: mine[0].location))
            }
        }
        for rule in rules where PluginRegistry.plugin(id: rule.plugin) == nil {
            errors.append(YAMLError("unknown plugin '\(rule.plugin)'", at: rule.location))
        }
        guard errors.isEmpty else { throw RuleErrors(errors) }
        return PluginSet(plugins: plugins, rules: rules)
    }

    /// One compiled plugin set per institution (``RuleProfile/rules(_:for:)``: `applies_to`,
    /// `disable_rules`, `rule_params`), shared between institutions with the same rules and no
    /// parameter overrides.
    /// - Throws: ``RuleErrors`` with every institution's override errors.
    static func forInstitutions(_ institutions: [Institution], rules: [RuleDefinition]) throws(RuleErrors) -> [String: PluginSet] {
        var byKey: [[String]: PluginSet] = [:]
        var result: [String: PluginSet] = [:]
        var errors: [YAMLError] = []
        for institution in institutions {
            let mine = RuleProfile.rules(rules, for: institution)
            // Overridden parameters are this institution's own: compile them apart.
            let key = mine.map(\.id) + (institution.ruleParams.isEmpty ? [] : ["@" + institution.id])
            if byKey[key] == nil {
                do {
                    byKey[key] = try compile(rules: mine)
                } catch {
                    errors += error.errors
                    continue
                }
            }
            result[institution.id] = byKey[key]
        }
        guard errors.isEmpty else { throw RuleErrors(Array(Set(errors)).sorted(by: YAMLError.sourceOrder)) }
        return result
    }
}
