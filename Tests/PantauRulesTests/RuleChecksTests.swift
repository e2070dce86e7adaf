import Foundation
import PantauAudit
import PantauCore
import PantauPlugins
import PantauRules
import PantauYAML
import Testing

/// `pantau rules lint`'s checks as the CLI runs them: the loader's structural checks and every
/// registered plugin's parameter checks, in one run.
@Suite struct RuleChecksTests {
    @Test func fiveDifferentMistakesGiveFivePreciseMessages() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("campur.yaml", """
        rules:
          - id: openness.ppid
            plugin: openness
            title: PPID
            params:
              section: ppid
              link_text: ['^(ppid$']
          - id: freshness.activity
            plugin: freshness
            title: Kemutakhiran
            params: { aktif_days: 5000 }
          - id: openness.ppid
            plugin: openness
            title: PPID lagi
            params: { section: ppid-lagi, url: ['/ppid/'] }
          - id: links.broken
            plugin: linkhealt
            title: Tautan rusak
          - id: openness.kontak
            plugin: openness
            title: Kontak
            severty: error
            params: { section: kontak, url: ['/kontak/?$'] }
        """)
        let errors = RuleChecks.lint(directory: dir.path)
        #expect(errors.map(\.description) == [
            "\(file):7:19: invalid regular expression '^(ppid$': '(' at position 2 is never closed; add ')' or write \\(",
            "\(file):11:27: 5000 is out of range; expected 1...3650",
            "\(file):12:9: duplicate rule id 'openness.ppid'; first defined at \(file):2:5",
            "\(file):17:13: unknown plugin 'linkhealt'; did you mean 'linkhealth'?",
            "\(file):22:5: unknown key 'severty'; did you mean 'severity'?",
        ])
    }

    @Test func theRepositoryPacksAreClean() {
        #expect(RuleChecks.lint(directory: RuleExamplesTests.rulesDirectory).map(\.description) == [])
    }

    @Test func inventoryOverridesAreCheckedWhereTheyAreWritten() throws {
        let dir = try TempDirectory()
        let elsewhere = try TempDirectory()
        defer { dir.remove(); elsewhere.remove() }
        try dir.write("freshness.yaml", """
        rules:
          - id: freshness.activity
            plugin: freshness
            title: Kemutakhiran
            params: { aktif_days: 90, kurang_aktif_days: 180 }
          - id: links.broken
            plugin: linkhealth
            title: Tautan rusak
            applies_to: [opd]
        """)
        let inventory = try elsewhere.write("inventory.yaml", """
        institutions:
          - id: kel-sukamaju
            name: Kelurahan Sukamaju
            type: kelurahan
            url: https://kel-sukamaju.sukamajukab.go.id/
            rule_params:
              freshness.activity: { aktif_days: 5000, kurang_aktif_dys: 400 }
              links.broken: { penalty_per_link: 2 }
              freshness.aktivitas: { aktif_days: 120 }
          - id: dinkes
            name: Dinas Kesehatan
            type: opd
            url: https://dinkes.sukamajukab.go.id/
            rule_params:
              freshness.activity: { aktif_days: 120 }
        """)
        let rules = try RuleSet.load(directory: dir.path, plugins: PluginRegistry.defaultCategories)
        let errors = RuleChecks.lint(inventory: try InventoryLoader.load(path: inventory), rules: rules.rules)
        #expect(errors.map(\.description) == [
            "\(inventory):7:41: 5000 is out of range; expected 1...3650",
            "\(inventory):7:47: unknown key 'kurang_aktif_dys'; did you mean 'kurang_aktif_days'?",
            "\(inventory):8:7: rule 'links.broken' does not apply to kelurahan institutions (applies_to: opd), so this override would do nothing",
            "\(inventory):9:7: unknown rule 'freshness.aktivitas' in rule_params; did you mean 'freshness.activity'?",
        ])
    }
}
