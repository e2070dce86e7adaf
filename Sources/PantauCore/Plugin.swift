import PantauYAML

/// A rule plugin: turns the rules that name it into per-site inspectors.
///
/// A plugin is one module under `Plugins/` with one type conforming to this protocol, listed once
/// in `Plugins/Registry`. The plugin checks and compiles its rules' parameters when the rule set is
/// loaded (so a bad regular expression fails `pantau rules lint`, not the audit), then makes one
/// inspector per institution.
public protocol AuditPlugin: Sendable {
    /// The id rules use in `plugin:` (`freshness`).
    static var id: String { get }
    /// The scorecard category a rule counts towards when it names none.
    static var defaultCategory: String { get }

    /// Compiles the rules that name this plugin.
    /// - Throws: ``RuleErrors`` with every problem found, each at its `file:line:column`.
    init(rules: [RuleDefinition]) throws

    /// A fresh inspector for one institution's site, for the rules that apply to it.
    func makeInspector(for institution: Institution, auditDate: CalendarDate) -> any SiteInspector
}

/// Inspects one site's pages as the crawl delivers them. Lives inside that site's task only.
///
/// A page's work comes in two steps, so that the costly one runs on every core: the inspector's
/// ``examiner`` reads the page alone (regular expressions, dates, section matches) in the page's
/// fetch task, concurrently with other pages; ``inspect(_:examined:)`` then folds that result
/// into the inspector's running state in the site's task, in crawl order.
public protocol SiteInspector: AnyObject {
    /// Extra URLs this inspector wants fetched at the start (feeds, sitemaps), relative to the
    /// home page or absolute. They are delivered to ``inspect(_:examined:)`` with role `.requested`.
    func seedRequests(home: String) -> [String]

    /// The page work that needs none of the inspector's running state, or nil when there is none.
    var examiner: (any PageExaminer)? { get }

    /// Takes in one page: `examined` is what ``examiner`` returned for it (nil when this inspector
    /// has no examiner). Returns further URLs the inspector wants fetched (a feed the page
    /// advertises, say); the crawl fetches each at most once and only inside the site's scope.
    func inspect(_ page: Page, examined: (any Sendable)?) -> [String]

    /// Called once after the crawl and the link checks.
    func finish(_ summary: SiteCrawlSummary) -> InspectionResult
}

/// One inspector's reading of a single page, safe to run on any task: it holds only compiled
/// rules and thread-safe caches.
public protocol PageExaminer: Sendable {
    /// What the page says to this inspector; handed to ``SiteInspector/inspect(_:examined:)``.
    func examine(_ page: Page) -> any Sendable
}

extension SiteInspector {
    public func seedRequests(home: String) -> [String] { [] }

    public var examiner: (any PageExaminer)? { nil }

    /// Examines and takes in a page in one step (rule examples, tests).
    public func inspect(_ page: Page) -> [String] {
        inspect(page, examined: examiner?.examine(page))
    }
}

/// Several located rule errors, all reported in one run.
public struct RuleErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [YAMLError]
    public init(_ errors: [YAMLError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// One rule's result for one institution.
public struct RuleOutcome: Sendable {
    public var rule: String
    /// 0...100, or nil when the rule has nothing to score on this site.
    public var score: Double?
    public var findings: [Finding]

    public init(rule: String, score: Double?, findings: [Finding]) {
        self.rule = rule
        self.score = score
        self.findings = findings
    }
}

/// What one inspector reports for one institution.
public struct InspectionResult: Sendable {
    public var outcomes: [RuleOutcome]
    /// Typed facts that have their own place in the report.
    public var facts: [SiteFact]

    public init(outcomes: [RuleOutcome], facts: [SiteFact] = []) {
        self.outcomes = outcomes
        self.facts = facts
    }
}

/// A typed fact about a site that the report shows in its own column.
public enum SiteFact: Sendable {
    case latestContent(LatestContent)
    case activity(ActivityClass)
    case sections([SectionResult])
    case brokenLinks([LinkReport])
}

/// Activity class (domain note §1). Thresholds come from the freshness rule's parameters.
public enum ActivityClass: String, Codable, Sendable, CaseIterable {
    /// Newest content within `aktif_days` (default 90).
    case aktif
    /// Newest content within `kurang_aktif_days` (default 180).
    case kurangAktif = "kurang-aktif"
    /// Older, or no dated content at all.
    case tidakAktif = "tidak-aktif"
}

/// The newest dated content found on a site.
public struct LatestContent: Codable, Sendable, Hashable {
    /// The content's date, or nil when none was found.
    public var date: CalendarDate?
    /// Where the date came from (`rss`, `atom`, `json-ld`, `meta`, `time`, `url`, `text`).
    public var source: String?
    /// The page or feed it was found on.
    public var url: String?

    public init(date: CalendarDate?, source: String?, url: String?) {
        self.date = date
        self.source = source
        self.url = url
    }
}

/// Whether a public-information section exists (domain note §2).
public enum SectionStatus: String, Codable, Sendable, CaseIterable {
    case present
    /// A page exists but holds fewer words than the rule's threshold.
    case empty
    case missing
}

/// One mandated section on one site.
public struct SectionResult: Codable, Sendable, Hashable {
    /// The section's rule-local id (`ppid`, `informasi-berkala`).
    public var id: String
    public var title: String
    public var status: SectionStatus
    /// The page found for it, when one was.
    public var url: String?
    /// Words of content on that page (menus, header and footer excluded).
    public var wordCount: Int?

    public init(id: String, title: String, status: SectionStatus, url: String?, wordCount: Int?) {
        self.id = id
        self.title = title
        self.status = status
        self.url = url
        self.wordCount = wordCount
    }
}
