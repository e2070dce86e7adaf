/// How much a finding matters to the institution's audit.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info
    case warning
    case error
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// What a finding rests on: a URL, and what was seen there.
public struct Evidence: Codable, Sendable, Hashable {
    /// The page or resource the evidence comes from.
    public var url: String
    /// A short quote of the text or markup seen (trimmed to a few hundred characters).
    public var snippet: String?
    /// The XPath (or other selector) that located the snippet.
    public var xpath: String?
    /// A date, `YYYY-MM-DD`, when the evidence is a date.
    public var date: String?
    /// Where a date or value came from (`rss`, `json-ld`, `meta`, `time`, `url`, `text`, ...).
    public var source: String?
    /// HTTP status, when the evidence is a response.
    public var status: Int?
    /// A transport error, when the evidence is a failed request.
    public var error: String?
    /// The redirect chain that led to `url`, first hop first.
    public var redirectChain: [String]?

    public init(url: String, snippet: String? = nil, xpath: String? = nil, date: String? = nil,
                source: String? = nil, status: Int? = nil, error: String? = nil, redirectChain: [String]? = nil) {
        self.url = url
        self.snippet = snippet
        self.xpath = xpath
        self.date = date
        self.source = source
        self.status = status
        self.error = error
        self.redirectChain = redirectChain
    }
}

/// One thing a rule found about one institution, with its evidence.
public struct Finding: Codable, Sendable, Hashable {
    /// The id of the rule that produced it (`openness.ppid`).
    public var rule: String
    public var severity: Severity
    /// One sentence for the site's admin, in the report's language.
    public var message: String
    public var evidence: [Evidence]

    public init(rule: String, severity: Severity, message: String, evidence: [Evidence]) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.evidence = evidence
    }
}
