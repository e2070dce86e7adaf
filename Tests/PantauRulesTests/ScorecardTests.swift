import Testing
import PantauYAML
@testable import PantauRules

@Suite struct ScorecardTests {
    @Test(arguments: [
        (100.0, "informatif"), (90.0, "informatif"), (89.9, "menuju-informatif"), (80.0, "menuju-informatif"),
        (79.9, "cukup-informatif"), (60.0, "cukup-informatif"), (59.9, "kurang-informatif"),
        (40.0, "kurang-informatif"), (39.9, "tidak-informatif"), (0.0, "tidak-informatif"),
    ])
    func defaultBandsFollowMonevKIP(score: Double, band: String) {
        #expect(ScorecardConfig.default.band(for: score).id == band)
    }

    @Test func defaultCategories() {
        let config = ScorecardConfig.default
        #expect(config.categories.map(\.name) == ["freshness", "openness", "links"])
        #expect(config.categories.map(\.weight) == [35, 45, 20])
        #expect(config.category(named: "openness")?.title == "Keterbukaan Informasi Publik")
        #expect(config.category(named: "links")?.titleEN == "Working links")
    }

    @Test func scorecardFromTheDirectoryReplacesTheDefault() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try dir.write("rules.yaml", "rules:\n  - { id: a, plugin: openness, title: A }\n")
        try dir.write("scorecard.yaml", """
        scorecard:
          categories:
            openness: { weight: 60, title: Keterbukaan }
            freshness: { weight: 40, title: Kemutakhiran, title_en: Freshness }
          bands:
            - { id: baik, min: 75, title: Baik }
            - { id: buruk, min: 0, title: Buruk }
        """)
        let set = try RuleSet.load(directory: dir.path, plugins: testPlugins)
        #expect(set.scorecard.categories == [
            .init(name: "openness", weight: 60, title: "Keterbukaan", titleEN: "Keterbukaan"),
            .init(name: "freshness", weight: 40, title: "Kemutakhiran", titleEN: "Freshness"),
        ])
        #expect(set.scorecard.band(for: 75).id == "baik")
        #expect(set.scorecard.band(for: 74.9).id == "buruk")
        #expect(set.packs.map(\.name) == ["rules"])
    }

    @Test func badScorecardsAreReported() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.yaml", """
        scorecard:
          categories:
            openness: { weight: 0, title: Keterbukaan }
          bands:
            - { id: atas, min: 50, title: Atas }
            - { id: tinggi, min: 60, title: Tinggi }
        """)
        let b = try dir.write("b.yaml", "scorecard:\n  categories: { links: { weight: 1, title: L } }\n")
        do {
            _ = try RuleSet.load(directory: dir.path, plugins: testPlugins)
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.map(\.description) == [
                "\(a):3:25: a category weight must be greater than 0",
                "\(a):5:5: the lowest band must start at min: 0 so that every score has a band",
                "\(a):6:26: bands must be listed from the highest 'min' to the lowest; 60 is not below 50",
                "\(b):2:3: a second scorecard; there must be one per rule directory, the first is at \(a):2:3",
            ])
        }
    }
}
