import Foundation
import PantauAudit
import PantauCore
import PantauPlugins
import PantauRules
import Testing

/// Every example of every rule in the repository's `rules/` runs here, one test case each, so no
/// rule can land without examples that pass (SwiftLint's triggering / non-triggering examples).
@Suite("Default rule packs: every rule's examples")
struct RuleExamplesTests {
    static let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules").path

    static let ruleSet: RuleSet? = try? RuleSet.load(directory: rulesDirectory, plugins: PluginRegistry.defaultCategories)

    struct Case: Sendable, CustomTestStringConvertible {
        var rule: RuleDefinition
        var testDescription: String { rule.id }
    }

    static var cases: [Case] { (ruleSet?.rules ?? []).map { Case(rule: $0) } }

    @Test func thePacksLoadAndLint() throws {
        _ = try RuleSet.load(directory: Self.rulesDirectory, plugins: PluginRegistry.defaultCategories)
        #expect(Self.cases.count >= 11)
    }

    @Test(arguments: cases)
    func examplesPass(_ testCase: Case) throws {
        let rule = testCase.rule
        #expect(rule.examples.contains { $0.triggers }, "\(rule.id) needs an example that triggers it")
        #expect(rule.examples.contains { !$0.triggers }, "\(rule.id) needs an example that does not trigger it")
        for failure in try RuleExampleRunner.run(rule) {
            Issue.record("\(failure)")
        }
    }

    /// The runner must be able to fail: a rule whose example claims the opposite of what happens.
    @Test func aWrongExampleFails() throws {
        var rule = try #require(Self.ruleSet?.rules.first { $0.id == "links.broken" })
        rule.examples = rule.examples.map { example in
            var flipped = example
            flipped.triggers.toggle()
            return flipped
        }
        #expect(try RuleExampleRunner.run(rule).count == rule.examples.count)
    }
}
