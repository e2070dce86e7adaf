import PantauCore
import PantauYAML

/// The generic content plugin (`plugin: content`): checks written entirely in YAML.
///
/// A rule lists conditions on each page (XPath, text and attribute patterns, URL, response
/// headers, links; nuclei-style matchers), says which pages to look at (`scope`, `region`) and
/// how many must match for a finding (`trigger_when`). Every regular expression and XPath is
/// compiled when the rules load. One finding per rule per site, quoting up to `max_evidence`
/// matching pages; score 0 (or `score_when_triggered`) when it fires, else 100. The parameters
/// are documented at the top of `rules/hygiene.yaml`.
public struct ContentPlugin: AuditPlugin {
    public static let id = "content"
    public static let defaultCategory = "hygiene"

    public let rules: [ContentRule]

    /// - Throws: ``RuleErrors`` with every parameter problem of every rule, each at its node.
    public init(rules definitions: [RuleDefinition]) throws {
        var compiled: [ContentRule] = []
        var errors: [YAMLError] = []
        for definition in definitions {
            switch ContentRule.compile(definition) {
            case .success(let rule): compiled.append(rule)
            case .failure(let failure): errors += failure.errors
            }
        }
        guard errors.isEmpty else { throw RuleErrors(errors) }
        self.rules = compiled
    }

    /// Builds the plugin from rules already compiled (tests).
    public init(compiled rules: [ContentRule]) {
        self.rules = rules
    }

    public func makeInspector(for institution: Institution, auditDate: CalendarDate) -> any SiteInspector {
        ContentInspector(rules: rules.filter {
            $0.appliesTo.contains(institution.type) && !institution.disabledRules.contains($0.id)
        })
    }
}
