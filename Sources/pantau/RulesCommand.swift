import ArgumentParser
import Foundation
import PantauAudit
import PantauCore
import PantauPlugins
import PantauRules
import PantauYAML

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, test and list rule files.",
        subcommands: [Lint.self, Test.self, List.self]
    )

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every rule file; print each problem as file:line:column: message.",
            discussion: "Exits 0 when the rules are valid, 2 when any problem was found.")

        @Argument(help: ArgumentHelp("The rules directory.", valueName: "dir"))
        var directory: String = "rules"

        func run() throws {
            let problems = RuleLinter.lint(directory: directory, plugins: PluginRegistry.defaultCategories,
                                           pluginChecks: pluginChecks)
            for problem in problems { print(problem) }
            if problems.isEmpty {
                print("\(directory): rules are valid")
            } else {
                FileHandle.standardError.write(Data("\(problems.count) problem(s) in \(directory)\n".utf8))
                throw PantauExit.checksFailed
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the examples every rule carries (pages that must and must not trigger it).",
            discussion: "Exits 0 when every example passes, 2 when any fails, 65 when the rules do not load.")

        @Argument(help: ArgumentHelp("The rules directory.", valueName: "dir"))
        var directory: String = "rules"

        func run() throws {
            let ruleSet: RuleSet
            do {
                ruleSet = try AuditRunner.loadRules(directory)
            } catch let error as CLIError {
                fail(error.description, error.exitCode)
            }
            var failures: [String] = []
            var examples = 0
            for rule in ruleSet.rules {
                examples += rule.examples.count
                if rule.examples.isEmpty {
                    failures.append("\(rule.location): rule '\(rule.id)' has no examples; add one that triggers and one that does not")
                }
                do {
                    failures += try RuleExampleRunner.run(rule).map(\.description)
                } catch {
                    failures.append("\(error)")
                }
            }
            for failure in failures { print(failure) }
            print("\(ruleSet.rules.count) rules, \(examples) examples: \(failures.isEmpty ? "all passed" : "\(failures.count) failed")")
            if !failures.isEmpty { throw PantauExit.checksFailed }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rules: id, plugin, severity, weight, applies_to, title.")

        @Argument(help: ArgumentHelp("The rules directory.", valueName: "dir"))
        var directory: String = "rules"

        @Flag(help: "Print a Markdown table (for docs).")
        var markdown = false

        func run() throws {
            let ruleSet: RuleSet
            do {
                ruleSet = try AuditRunner.loadRules(directory)
            } catch let error as CLIError {
                fail(error.description, error.exitCode)
            }
            let header = ["id", "plugin", "severity", "weight", "applies_to", "title"]
            let rows = ruleSet.rules.map { rule in
                [rule.id, rule.plugin, rule.severity.rawValue, String(format: "%g", rule.weight),
                 InstitutionType.allCases.filter { rule.appliesTo.contains($0) }.map(\.rawValue).joined(separator: ","),
                 rule.title]
            }
            if markdown {
                print("| " + header.joined(separator: " | ") + " |")
                print("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
                for row in rows { print("| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |") }
            } else {
                let all = [header] + rows
                let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
                for row in all {
                    print(row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  "))
                }
            }
        }
    }
}

/// Each plugin checks its own rules' parameters (a bad regular expression, an unknown key).
func pluginChecks(_ rules: [RuleDefinition]) -> [YAMLError] {
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

