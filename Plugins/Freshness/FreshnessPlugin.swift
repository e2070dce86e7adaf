import Foundation
import PantauCore
import PantauYAML

/// The freshness plugin (`plugin: freshness`): is the site still publishing? (domain note §1)
///
/// Each rule classifies a site by the age of its newest dated content: `aktif` within
/// `aktif_days` (default 90), `kurang-aktif` within `kurang_aktif_days` (default 180, UU 14/2008
/// Art. 9's six months), else `tidak-aktif`. Scores: 100, 50, 0.
public struct FreshnessPlugin: AuditPlugin {
    public static let id = "freshness"
    public static let defaultCategory = "freshness"

    public let rules: [FreshnessRule]

    /// - Throws: ``RuleErrors`` with every parameter problem of every rule, located.
    public init(rules: [RuleDefinition]) throws {
        var compiled: [FreshnessRule] = []
        var errors: [YAMLError] = []
        for definition in rules {
            switch FreshnessRule.compile(definition) {
            case .success(let rule): compiled.append(rule)
            case .failure(let failure): errors += failure.errors
            }
        }
        guard errors.isEmpty else { throw RuleErrors(errors) }
        self.rules = compiled
    }

    /// Builds the plugin from rules already checked (tests, built-in defaults).
    public init(compiled rules: [FreshnessRule]) {
        self.rules = rules
    }

    public func makeInspector(for institution: Institution, auditDate: CalendarDate) -> any SiteInspector {
        let applicable = rules.filter { $0.appliesTo.contains(institution.type) && !institution.disabledRules.contains($0.id) }
        return FreshnessInspector(rules: applicable, auditDate: auditDate)
    }
}
