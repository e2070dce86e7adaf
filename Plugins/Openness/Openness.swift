import PantauCore
import PantauYAML

/// Checks that a site publishes the public-information sections the law mandates.
///
/// Source: UU 14/2008 (Keterbukaan Informasi Publik) Art. 7, 9, 10, 11 and Perki 1/2021
/// (standar layanan informasi publik): every public body has a PPID and publishes periodic
/// ("berkala"), immediate ("serta merta") and on-request ("setiap saat") information; local
/// government sites are also expected to show their profile, vision and mission, organisation
/// structure, service standard and contact (domain note §2).
///
/// One rule checks one section. Its `params`:
/// ```yaml
/// params:
///   section: ppid                        # the section id, required, unique across rules
///   link_text: ['^ppid$']                # case-insensitive regexes on anchor text, <title> parts, <h1>
///   url: ['/ppid/?$']                    # case-insensitive regexes on a URL's path and query
///   min_words: 20                        # fewer content words: the section is empty (default 20)
/// ```
/// At least one of `link_text` and `url` is required. A section is `present` when a page that
/// matches answered 2xx with at least `min_words` content words, `empty` when the best such page
/// has fewer, `missing` otherwise (see ``SectionInspector``). Scores: present 100, empty 40,
/// missing 0.
public struct OpennessPlugin: AuditPlugin {
    public static let id = "openness"
    public static let defaultCategory = "openness"

    /// The compiled rules, in the order they were given.
    public let rules: [SectionRule]

    /// Compiles every rule's parameters.
    /// - Throws: ``RuleErrors`` with every problem of every rule (missing or unknown keys, a bad
    ///   regular expression, a section id used twice), each at its `file:line:column`.
    public init(rules definitions: [RuleDefinition]) throws {
        var errors: [YAMLError] = []
        var compiled: [SectionRule] = []
        var sectionOwners: [String: String] = [:]
        for definition in definitions {
            switch SectionRule.compile(definition) {
            case .success(let rule):
                if let owner = sectionOwners[rule.section] {
                    errors.append(.init("section '\(rule.section)' is already checked by rule '\(owner)'",
                                        at: rule.sectionLocation))
                } else {
                    sectionOwners[rule.section] = rule.id
                    compiled.append(rule)
                }
            case .failure(let failure):
                errors.append(contentsOf: failure.errors)
            }
        }
        guard errors.isEmpty else { throw RuleErrors(errors) }
        self.rules = compiled
    }

    public func makeInspector(for institution: Institution, auditDate: CalendarDate) -> any SiteInspector {
        let applicable = rules.filter {
            $0.appliesTo.contains(institution.type) && !institution.disabledRules.contains($0.id)
        }
        return SectionInspector(rules: applicable)
    }
}
