import Foundation
import PantauCore
import PantauYAML
@testable import PantauRules
import Testing

@Suite struct RuleProfileTests {
    static func rule(_ id: String, params: String?, appliesTo: Set<InstitutionType> = Set(InstitutionType.allCases)) throws -> RuleDefinition {
        let node = try params.map { try #require(YAMLParser.parse($0, file: "rules/r.yaml").first) }
        return RuleDefinition(id: id, plugin: "freshness", title: id, severity: .warning, weight: 1, category: "freshness",
                              appliesTo: appliesTo, params: node, location: SourceLocation(file: "rules/r.yaml", line: 1, column: 1))
    }

    @Test func anOverrideReplacesOnlyTheKeysItGives() throws {
        let rule = try Self.rule("freshness.activity", params: "{ aktif_days: 90, kurang_aktif_days: 180 }")
        let node = try #require(YAMLParser.parse("{ aktif_days: 180, extra: [a] }", file: "inv.yaml").first)
        let merged = rule.overriding(ParamOverride(ruleLocation: SourceLocation(file: "inv.yaml", line: 1, column: 1), params: node))
        let entries = try #require(merged.params?.mappingEntries)
        #expect(entries.map { $0.key.scalarText } == ["aktif_days", "kurang_aktif_days", "extra"])
        #expect(entries.map { $0.value.location.file } == ["inv.yaml", "rules/r.yaml", "inv.yaml"])
        #expect(entries[0].value.scalarText == "180" && entries[1].value.scalarText == "180")
        // A rule without params takes the override as its params.
        let bare = try Self.rule("freshness.bare", params: nil).overriding(ParamOverride(
            ruleLocation: SourceLocation(file: "inv.yaml", line: 1, column: 1), params: node))
        #expect(bare.params?.mappingEntries?.count == 2)
    }

    @Test func rulesForAnInstitutionFollowTypeDisableListAndOverrides() throws {
        let all = [
            try Self.rule("a.all", params: "{ aktif_days: 90 }"),
            try Self.rule("a.opd", params: nil, appliesTo: [.opd]),
            try Self.rule("a.off", params: nil),
        ]
        let node = try #require(YAMLParser.parse("{ aktif_days: 30 }", file: "inv.yaml").first)
        let kelurahan = Institution(id: "kel", name: "Kel", type: .kelurahan, url: "https://kel.go.id/", disabledRules: ["a.off"],
                                    ruleParams: ["a.all": ParamOverride(ruleLocation: node.location, params: node)])
        let mine = RuleProfile.rules(all, for: kelurahan)
        #expect(mine.map(\.id) == ["a.all"])
        #expect(mine[0].params?.mappingEntries?.first?.value.scalarText == "30")
        let opd = Institution(id: "opd", name: "OPD", type: .opd, url: "https://opd.go.id/")
        #expect(RuleProfile.rules(all, for: opd).map(\.id) == ["a.all", "a.opd", "a.off"])
        #expect(RuleProfile.rules(all, for: opd)[0].params?.mappingEntries?.first?.value.scalarText == "90")
    }

    @Test func inventoryReadsRuleParamsAndRejectsBadShapes() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("inv.yaml", """
        institutions:
          - id: kel-sukamaju
            name: Kelurahan Sukamaju
            type: kelurahan
            url: https://kel-sukamaju.sukamajukab.go.id/
            rule_params:
              freshness.activity-wilayah: { aktif_days: 180, kurang_aktif_days: 365 }
          - id: kel-b
            name: Kelurahan B
            type: kelurahan
            url: https://kel-b.sukamajukab.go.id/
            rule_params: [freshness.activity]
          - id: kel-c
            name: Kelurahan C
            type: kelurahan
            url: https://kel-c.sukamajukab.go.id/
            rule_params:
              freshness.activity: 180
        """)
        let inventory = try InventoryLoader.load(path: file)
        #expect(inventory.institutions.map(\.id) == ["kel-sukamaju"])
        let override = try #require(inventory.institutions[0].ruleParams["freshness.activity-wilayah"])
        #expect(override.ruleLocation == SourceLocation(file: file, line: 7, column: 7))
        #expect(override.params.mappingEntries?.map { $0.key.scalarText } == ["aktif_days", "kurang_aktif_days"])
        #expect(inventory.problems.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "12:18 expected a mapping of rule id to parameters, e.g. { freshness.activity: { aktif_days: 180 } }, found a sequence",
            "18:27 expected a mapping of the rule's parameters, found '180'",
        ])
    }

    @Test func packsAreChosenByPackNameOrFileName() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try dir.write("freshness.yaml", "rules:\n  - { id: f.one, plugin: freshness, title: F }\n")
        try dir.write("links.yaml", "pack: tautan\nrules:\n  - { id: l.one, plugin: linkhealth, title: L }\n")
        try dir.write("openness.yaml", "rules:\n  - { id: o.one, plugin: openness, title: O }\n")
        let set = try RuleSet.load(directory: dir.path, plugins: testPlugins)
        #expect(try set.selecting(PackSelection(only: ["freshness", "tautan"])).rules.map(\.id) == ["f.one", "l.one"])
        #expect(try set.selecting(PackSelection(only: ["links"])).rules.map(\.id) == ["l.one"])
        #expect(try set.selecting(PackSelection(disabled: ["openness"])).rules.map(\.id) == ["f.one", "l.one"])
        #expect(try set.selecting(PackSelection(only: ["freshness", "openness"], disabled: ["openness"])).packs.map(\.name)
                == ["freshness"])
        #expect(try set.selecting(PackSelection()).rules.count == 3)
        #expect(throws: PackSelectionError.self) { try set.selecting(PackSelection(disabled: ["hygeine"])) }
        do {
            _ = try set.selecting(PackSelection(only: ["opennes"]))
        } catch {
            #expect(error.description.hasPrefix("unknown rule pack 'opennes'; did you mean 'openness'?"))
        }
    }
}
