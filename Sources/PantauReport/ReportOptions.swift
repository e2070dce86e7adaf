/// The language of a report's labels. Data (institution names, finding messages) is shown as given,
/// except that the HTML report explains the crawl's common failure reasons (libcurl's English) in
/// the report's language and keeps the reason itself beside the explanation.
public enum ReportLanguage: String, Sendable, CaseIterable {
    /// Bahasa Indonesia, the default: the readers are district staff.
    case id
    /// English, for outside reviewers.
    case en
}

/// How the human-readable report (HTML) is labelled. The JSON and CSV files do not depend on it:
/// they are data for other programs and stay in one fixed shape.
public struct ReportOptions: Sendable {
    public var language: ReportLanguage
    /// The district's name for the title ("Kabupaten Purbalingga"); nil leaves it out.
    public var districtName: String?
    /// Category name (`freshness`) → display title ("Kemutakhiran Konten"). Categories not listed
    /// use the built-in title for the language, or the category name itself.
    public var categoryTitles: [String: String]

    public init(language: ReportLanguage = .id, districtName: String? = nil, categoryTitles: [String: String] = [:]) {
        self.language = language
        self.districtName = districtName
        self.categoryTitles = categoryTitles
    }
}
