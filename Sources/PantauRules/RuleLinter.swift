import PantauCore
import PantauYAML

/// Checks a rule directory and reports every problem at once, for `pantau rules lint`.
public enum RuleLinter {
    /// Every problem of the rule directory, sorted by file, line and column.
    ///
    /// - Parameters:
    ///   - directory: The rule directory (see ``RuleSet/load(directory:plugins:)``).
    ///   - plugins: Registered plugin ids → their default category.
    ///   - pluginChecks: Extra checks run on the rules that decoded cleanly, typically each
    ///     plugin's `init(rules:)` with its ``RuleErrors`` flattened, so parameter mistakes are
    ///     reported in the same run as structural ones.
    /// - Returns: The errors; empty when the directory is clean.
    public static func lint(directory: String, plugins: [String: String],
                            pluginChecks: ([RuleDefinition]) -> [YAMLError] = { _ in [] }) -> [YAMLError] {
        let files: [String]
        do {
            files = try RuleSet.ruleFiles(in: directory)
        } catch {
            return [error]
        }
        return lint(files: files, plugins: plugins, pluginChecks: pluginChecks)
    }

    /// Like ``lint(directory:plugins:pluginChecks:)`` for an explicit list of files.
    public static func lint(files: [String], plugins: [String: String],
                            pluginChecks: ([RuleDefinition]) -> [YAMLError] = { _ in [] }) -> [YAMLError] {
        let (set, errors) = RuleSet.collect(files: files, plugins: plugins)
        return (errors + pluginChecks(set.rules)).sorted(by: YAMLError.sourceOrder)
    }
}
