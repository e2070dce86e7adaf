import PantauCore
import PantauPlugins
import PantauRules
import PantauYAML

/// The checks behind `pantau rules lint`: the rule files' structure, then every registered
/// plugin's own check of its rules' parameters (regular expressions compiled, thresholds in
/// range), and optionally an inventory's per-institution overrides, all reported in one run.
public enum RuleChecks {
    /// Each registered plugin compiles the rules that name it; every ``RuleErrors`` is flattened.
    /// Rules naming an unregistered plugin are left to the loader, which already reports them.
    public static func pluginErrors(_ rules: [RuleDefinition]) -> [YAMLError] {
        var errors: [YAMLError] = []
        for plugin in PluginRegistry.all {
            let mine = rules.filter { $0.plugin == plugin.id }
            guard !mine.isEmpty else { continue }
            do {
                _ = try plugin.init(rules: mine)
            } catch let error as RuleErrors {
                errors += error.errors
            } catch {
                errors.append(YAMLError("\(error)", at: mine[0].location))
            }
        }
        return errors
    }

    /// Every problem of a rule directory, sorted by file, line and column; empty when it is clean.
    public static func lint(directory: String) -> [YAMLError] {
        RuleLinter.lint(directory: directory, plugins: PluginRegistry.defaultCategories, pluginChecks: pluginErrors)
    }

    /// Like ``lint(directory:)`` for an explicit list of rule files.
    public static func lint(files: [String]) -> [YAMLError] {
        RuleLinter.lint(files: files, plugins: PluginRegistry.defaultCategories, pluginChecks: pluginErrors)
    }

    /// An inventory's problems against loaded rules: its own entry problems, `rule_params` that
    /// name an unknown rule or one that never runs for the institution, and the parameter errors
    /// each institution's merged parameters give (located in the inventory where they come from it).
    public static func lint(inventory: Inventory, rules: [RuleDefinition]) -> [YAMLError] {
        var errors = inventory.problems + RuleProfile.checkOverrides(of: inventory.institutions, against: rules)
        let withOverrides = inventory.institutions.filter { !$0.ruleParams.isEmpty }
        do {
            _ = try PluginSet.forInstitutions(withOverrides, rules: rules)
        } catch {
            errors += error.errors
        }
        return Array(Set(errors)).sorted(by: YAMLError.sourceOrder)
    }
}
