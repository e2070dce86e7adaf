import PantauYAML

/// A rule as an analyst wrote it in `rules/*.yaml`, before its plugin compiles the parameters.
///
/// The common keys are decoded by `PantauRules`; `params` stays a located YAML node so that the
/// plugin that owns the rule can check it and report errors as `file:line:column`.
public struct RuleDefinition: Sendable {
    /// Unique id across all loaded packs (`openness.ppid`).
    public var id: String
    /// The id of the plugin that evaluates it (`freshness`, `openness`, `linkhealth`).
    public var plugin: String
    /// A short title for reports.
    public var title: String
    public var severity: Severity
    /// Weight of this rule inside its category (non-negative; 0 means "report, do not score").
    public var weight: Double
    /// The scorecard category this rule's score counts towards (`freshness`, `openness`, `links`).
    public var category: String
    /// Institution types the rule applies to.
    public var appliesTo: Set<InstitutionType>
    /// The plugin's parameters (a mapping), or nil when the rule gives none.
    public var params: YAMLNode?
    /// Pages that must and must not trigger the rule.
    public var examples: [RuleExample]
    /// Where the rule starts in its file.
    public var location: SourceLocation

    public init(id: String, plugin: String, title: String, severity: Severity, weight: Double, category: String,
                appliesTo: Set<InstitutionType>, params: YAMLNode?, examples: [RuleExample] = [],
                location: SourceLocation) {
        self.id = id
        self.plugin = plugin
        self.title = title
        self.severity = severity
        self.weight = weight
        self.category = category
        self.appliesTo = appliesTo
        self.params = params
        self.examples = examples
        self.location = location
    }
}

/// An example carried by a rule: SwiftLint's idea that a rule documents and tests itself.
///
/// The example is run as a tiny site: the first page is the home page, the others are crawled
/// pages, and `links` give the verdicts the link checker would have returned.
public struct RuleExample: Sendable {
    /// True when the rule must produce at least one finding, false when it must produce none.
    public var triggers: Bool
    /// The pages, home page first (at least one).
    public var pages: [ExamplePage]
    /// Link checks the example assumes (for link rules).
    public var links: [ExampleLink]
    /// Crawl observations the example assumes (soft 404s, missing fragments, TLS problems).
    public var observations: [CrawlObservation]
    /// The audit date the example is judged on (freshness rules); nil means the runner's default.
    public var auditDate: CalendarDate?
    /// Optional words the finding's message must contain (case-insensitive).
    public var expectMessage: String?
    /// Where the example starts in its file.
    public var location: SourceLocation

    public init(triggers: Bool, pages: [ExamplePage], links: [ExampleLink] = [], auditDate: CalendarDate? = nil,
                expectMessage: String? = nil, location: SourceLocation, observations: [CrawlObservation] = []) {
        self.triggers = triggers
        self.pages = pages
        self.links = links
        self.observations = observations
        self.auditDate = auditDate
        self.expectMessage = expectMessage
        self.location = location
    }
}

/// One page of a rule example.
public struct ExamplePage: Sendable {
    /// Absolute URL (default `https://contoh.go.id/` for the first page).
    public var url: String
    /// The body (HTML, or XML for a feed).
    public var body: String
    /// Media type, `text/html` unless given (`application/rss+xml` for a feed).
    public var mediaType: String

    public init(url: String, body: String, mediaType: String = "text/html") {
        self.url = url
        self.body = body
        self.mediaType = mediaType
    }
}

/// A link verdict assumed by a rule example.
public struct ExampleLink: Sendable {
    public var url: String
    /// The final status (nil with `error`).
    public var status: Int?
    public var error: String?
    /// The page that links to it (default: the home page).
    public var referrer: String?

    public init(url: String, status: Int?, error: String? = nil, referrer: String? = nil) {
        self.url = url
        self.status = status
        self.error = error
        self.referrer = referrer
    }
}
