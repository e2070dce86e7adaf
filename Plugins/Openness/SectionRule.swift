import PantauCore
import PantauYAML

/// One openness rule with its parameters checked and its patterns compiled.
public struct SectionRule: Sendable {
    /// The rule id (`openness.ppid`).
    public let id: String
    /// The section's id (`ppid`): what the report's section list shows.
    public let section: String
    /// The rule's title, used as the section's display name ("Informasi Berkala").
    public let title: String
    public let severity: Severity
    public let appliesTo: Set<InstitutionType>
    /// Patterns on anchor text, on each part of `<title>` and on `<h1>` text.
    public let linkText: PatternList
    /// Patterns on a URL's path plus `?query` (`/ppid/`, `/?page_id=12`).
    public let url: PatternList
    /// Fewer content words than this make a found page `empty`. Default 20: an admin who created
    /// the page but only wrote its title (the common failure, domain note §2) stays far below it.
    public let minWords: Int
    /// Where `section` is written, for errors about the section as a whole.
    let sectionLocation: SourceLocation

    /// The default of `min_words`.
    public static let defaultMinWords = 20

    /// Builds a rule directly (tests, built-in defaults).
    public init(id: String, section: String, title: String, severity: Severity = .error,
                appliesTo: Set<InstitutionType> = Set(InstitutionType.allCases), linkText: PatternList,
                url: PatternList, minWords: Int = SectionRule.defaultMinWords,
                sectionLocation: SourceLocation = SourceLocation(file: "<builtin>", line: 1, column: 1)) {
        self.id = id
        self.section = section
        self.title = title
        self.severity = severity
        self.appliesTo = appliesTo
        self.linkText = linkText
        self.url = url
        self.minWords = minWords
        self.sectionLocation = sectionLocation
    }

    /// Checks and compiles one rule's `params`, collecting every problem.
    static func compile(_ definition: RuleDefinition) -> Result<SectionRule, RuleErrors> {
        var diagnostics = Diagnostics()
        guard let params = definition.params else {
            return .failure(RuleErrors([YAMLError("rule '\(definition.id)' needs params with at least 'section'",
                                                  at: definition.location)]))
        }
        guard var reader = diagnostics.attempt({ () throws(YAMLError) in try MappingReader(params) }) else {
            return .failure(RuleErrors(diagnostics.errors))
        }
        let sectionNode = diagnostics.attempt { () throws(YAMLError) in try reader.required("section") }
        let section = sectionNode.flatMap { node in
            diagnostics.attempt { () throws(YAMLError) -> String in
                let text = try node.string()
                guard text.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), !text.isEmpty else {
                    throw YAMLError("section id '\(text)' must be lowercase letters, digits and '-'",
                                    at: node.location)
                }
                return text
            }
        }
        let linkTextNode = reader.optional("link_text")
        let urlNode = reader.optional("url")
        let linkText = linkTextNode.map { PatternList.decode($0, into: &diagnostics) } ?? (try? PatternList([]))
        let url = urlNode.map { PatternList.decode($0, into: &diagnostics) } ?? (try? PatternList([]))
        let minWords = diagnostics.attempt { () throws(YAMLError) in
            try reader.optional("min_words")?.int(in: 0...100_000) ?? SectionRule.defaultMinWords
        }
        diagnostics.report(contentsOf: reader.finish())
        if linkTextNode == nil && urlNode == nil {
            diagnostics.report("give at least one of 'link_text' and 'url', or the section can never be found",
                               at: params.location)
        }
        guard diagnostics.isEmpty, let section, let sectionNode, let linkText, let url, let minWords else {
            return .failure(RuleErrors(diagnostics.errors))
        }
        return .success(SectionRule(id: definition.id, section: section, title: definition.title,
                                    severity: definition.severity, appliesTo: definition.appliesTo,
                                    linkText: linkText, url: url, minWords: minWords,
                                    sectionLocation: sectionNode.location))
    }
}
