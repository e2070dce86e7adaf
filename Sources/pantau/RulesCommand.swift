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
            discussion: """
            Checks the files' structure (unknown keys, wrong types, missing keys, duplicate rule \
            ids, unknown plugins) and each plugin's parameters (regular expressions, thresholds), \
            all in one run. With --inventory, also checks the inventory's entries and its \
            rule_params overrides against these rules. Exits 0 when everything is valid, 2 when \
            any problem was found, 65 when the directory is missing, cannot be read or holds no \
            rule file.
            """)

        @Argument(help: ArgumentHelp("The rules directory.", valueName: "dir"))
        var directory: String = "rules"

        @Option(help: ArgumentHelp("Also check this inventory (.yaml, .yml or .csv) against the rules.", valueName: "file"))
        var inventory: String?

        func run() throws {
            let files: [String]
            do {
                files = try Self.ruleFiles(in: directory)
            } catch {
                fail(error.description, error.exitCode)
            }
            var problems = RuleChecks.lint(files: files)
            if let inventory, problems.isEmpty {
                let ruleSet = try loadOrFail(directory)
                do {
                    problems = RuleChecks.lint(inventory: try InventoryLoader.load(path: inventory), rules: ruleSet.rules)
                } catch {
                    problems = [error]
                }
            }
            for problem in problems { print(problem) }
            let checked = directory + (inventory.map { " and \($0)" } ?? "")
            if problems.isEmpty {
                print("\(checked): rules are valid")
            } else {
                FileHandle.standardError.write(Data("\(problems.count) problem(s) in \(checked)\n".utf8))
                throw PantauExit.checksFailed
            }
        }

        /// The rule files to lint.
        ///
        /// - Throws: ``CLIError`` with exit code 65 (invalid input, as `rules test` and `rules list`
        ///   give) naming the directory when it is missing, cannot be listed or holds no `*.yaml` /
        ///   `*.yml` file: there is nothing to lint, which is not the same as rules with problems (2).
        static func ruleFiles(in directory: String) throws(CLIError) -> [String] {
            do {
                return try RuleSet.ruleFiles(in: directory)
            } catch {
                throw CLIError(description: "nothing to lint in \(directory): \(error.message)", exitCode: PantauExit.invalidInput)
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the examples every rule carries (pages that must and must not trigger it).",
            discussion: "Exits 0 when every example passes, 2 when any fails, 65 when the rules do not load.")

        @Argument(help: ArgumentHelp("The rules directory.", valueName: "dir"))
        var directory: String = "rules"

        @Option(name: .customLong("rule"), help: ArgumentHelp("Run only this rule's examples (repeatable).", valueName: "id"))
        var only: [String] = []

        func run() throws {
            let ruleSet = try loadOrFail(directory)
            let unknown = only.filter { id in !ruleSet.rules.contains { $0.id == id } }
            if !unknown.isEmpty {
                let ids = ruleSet.rules.map(\.id)
                fail(unknown.map { "unknown rule '\($0)'" + Suggestion.phrase(for: $0, among: ids) }.joined(separator: "\n"),
                     PantauExit.invalidInput)
            }
            let rules = only.isEmpty ? ruleSet.rules : ruleSet.rules.filter { only.contains($0.id) }
            var failures: [String] = []
            var examples = 0
            for rule in rules {
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
            print("\(rules.count) rules, \(examples) examples: \(failures.isEmpty ? "all passed" : "\(failures.count) failed")")
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
                    // The last column is not padded, so lines carry no trailing spaces.
                    print(row.indices.map { $0 == row.count - 1 ? row[$0] : row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  "))
                }
            }
        }
    }
}

/// Loads the rules directory or exits with the located problems (exit 65).
func loadOrFail(_ directory: String) throws -> RuleSet {
    do {
        return try AuditRunner.loadRules(directory)
    } catch let error as CLIError {
        fail(error.description, error.exitCode)
    }
}
