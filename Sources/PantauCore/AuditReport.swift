/// The whole result of one audit run: what `report.json` holds (schema version 1).
///
/// Every writer (JSON, HTML, CSV) renders this value; nothing else reaches a report.
public struct AuditReport: Codable, Sendable {
    /// Bumped on any incompatible change to this shape.
    public var schemaVersion: Int
    /// When the report was written, ISO 8601 with offset.
    public var generatedAt: String
    /// The day the audit judges freshness against, `YYYY-MM-DD`.
    public var auditDate: CalendarDate
    /// Pantau's version.
    public var tool: String
    /// False when the run was cancelled or hit its deadline: some institutions are missing or partial.
    public var complete: Bool
    public var institutions: [InstitutionReport]
    public var summary: DistrictSummary
    /// Problems with the run's input (inventory lines skipped, rule files rejected), as messages.
    public var inputProblems: [String]

    public init(schemaVersion: Int = 1, generatedAt: String, auditDate: CalendarDate, tool: String, complete: Bool,
                institutions: [InstitutionReport], summary: DistrictSummary, inputProblems: [String]) {
        self.schemaVersion = schemaVersion
        self.generatedAt = generatedAt
        self.auditDate = auditDate
        self.tool = tool
        self.complete = complete
        self.institutions = institutions
        self.summary = summary
        self.inputProblems = inputProblems
    }
}

/// One institution's scorecard and findings.
public struct InstitutionReport: Codable, Sendable {
    public var id: String
    public var name: String
    public var type: InstitutionType
    public var url: String
    /// Overall score 0...100 (one decimal), the weighted mean of `categories`.
    public var score: Double
    /// Monev KIP-style band for `score` (Perki 1/2022): `informatif`, `menuju-informatif`,
    /// `cukup-informatif`, `kurang-informatif`, `tidak-informatif`.
    public var band: String
    /// Rank in the district, 1 = best.
    public var rank: Int
    public var activity: ActivityClass
    public var reachable: Bool
    public var unreachableReason: String?
    public var pagesCrawled: Int
    public var latestContent: LatestContent
    /// Category name → score 0...100.
    public var categories: [String: Double]
    public var sections: [SectionResult]
    public var brokenLinks: [BrokenLinkEntry]
    public var findings: [Finding]

    public init(id: String, name: String, type: InstitutionType, url: String, score: Double, band: String, rank: Int,
                activity: ActivityClass, reachable: Bool, unreachableReason: String?, pagesCrawled: Int,
                latestContent: LatestContent, categories: [String: Double], sections: [SectionResult],
                brokenLinks: [BrokenLinkEntry], findings: [Finding]) {
        self.id = id
        self.name = name
        self.type = type
        self.url = url
        self.score = score
        self.band = band
        self.rank = rank
        self.activity = activity
        self.reachable = reachable
        self.unreachableReason = unreachableReason
        self.pagesCrawled = pagesCrawled
        self.latestContent = latestContent
        self.categories = categories
        self.sections = sections
        self.brokenLinks = brokenLinks
        self.findings = findings
    }
}

/// A broken URL, reported once with every page that links to it.
public struct BrokenLinkEntry: Codable, Sendable, Hashable {
    public var url: String
    public var status: Int?
    public var error: String?
    public var redirectChain: [String]
    public var referrers: [String]

    public init(url: String, status: Int?, error: String?, redirectChain: [String], referrers: [String]) {
        self.url = url
        self.status = status
        self.error = error
        self.redirectChain = redirectChain
        self.referrers = referrers
    }
}

/// The district view: ranking and the training groups.
public struct DistrictSummary: Codable, Sendable {
    /// Institution ids, best score first.
    public var ranking: [String]
    /// Activity class → institution ids (the follow-up training groups).
    public var activityGroups: [String: [String]]
    /// Band → number of institutions.
    public var bandCounts: [String: Int]
    public var averageScore: Double
    public var brokenLinkCount: Int

    public init(ranking: [String], activityGroups: [String: [String]], bandCounts: [String: Int],
                averageScore: Double, brokenLinkCount: Int) {
        self.ranking = ranking
        self.activityGroups = activityGroups
        self.bandCounts = bandCounts
        self.averageScore = averageScore
        self.brokenLinkCount = brokenLinkCount
    }
}
