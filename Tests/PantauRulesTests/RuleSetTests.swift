import Testing
import PantauCore
import PantauYAML
@testable import PantauRules

private func loadErrors(_ directory: String) -> [YAMLError] {
    do {
        _ = try RuleSet.load(directory: directory, plugins: testPlugins)
        return []
    } catch {
        return error.errors
    }
}

@Suite struct RuleSetTests {
    @Test func validPackLoadsEveryField() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("openness.yaml", """
        pack: keterbukaan
        description: Informasi publik wajib
        rules:
          - id: openness.ppid
            plugin: openness
            title: Halaman PPID
            severity: error
            weight: 3
            category: links
            applies_to: [opd, kecamatan]
            params:
              words: [ppid]
            examples:
              - triggers: true
                audit_date: 2026-11-30
                expect_message: PPID
                url: https://contoh.go.id/beranda
                html: |
                  <html><body>Beranda</body></html>
              - triggers: false
                pages:
                  - html: <a href="/ppid">PPID</a>
                  - url: https://contoh.go.id/feed
                    body: <rss/>
                    media_type: application/rss+xml
                links:
                  - { url: "https://contoh.go.id/a.pdf", status: 404 }
                  - { url: "https://contoh.go.id/b.pdf", error: timeout, referrer: "https://contoh.go.id/ppid" }
          - id: freshness.news
            plugin: freshness
            title: Berita terbaru
        """)
        let set = try RuleSet.load(directory: dir.path, plugins: testPlugins)
        #expect(set.directory == dir.path)
        #expect(set.scorecard == .default)
        #expect(set.packs == [RulePack(name: "keterbukaan", description: "Informasi publik wajib", file: file,
                                       ruleIDs: ["openness.ppid", "freshness.news"])])
        try #require(set.rules.count == 2)

        let ppid = set.rules[0]
        #expect(ppid.id == "openness.ppid" && ppid.plugin == "openness" && ppid.title == "Halaman PPID")
        #expect(ppid.severity == .error && ppid.weight == 3 && ppid.category == "links")
        #expect(ppid.appliesTo == [.opd, .kecamatan])
        #expect(ppid.location == SourceLocation(file: file, line: 4, column: 5))
        #expect(ppid.params?.mappingEntries?.first?.key.scalarText == "words")
        try #require(ppid.examples.count == 2)

        let first = ppid.examples[0]
        #expect(first.triggers && first.auditDate == CalendarDate(year: 2026, month: 11, day: 30))
        #expect(first.expectMessage == "PPID")
        #expect(first.pages.map(\.url) == ["https://contoh.go.id/beranda"])
        #expect(first.pages[0].body == "<html><body>Beranda</body></html>\n" && first.pages[0].mediaType == "text/html")
        #expect(first.location == SourceLocation(file: file, line: 14, column: 9))

        let second = ppid.examples[1]
        #expect(!second.triggers && second.auditDate == nil)
        #expect(second.pages.map(\.url) == ["https://contoh.go.id/", "https://contoh.go.id/feed"])
        #expect(second.pages[1].mediaType == "application/rss+xml" && second.pages[1].body == "<rss/>")
        #expect(second.links.map(\.status) == [404, nil])
        #expect(second.links[1].error == "timeout" && second.links[1].referrer == "https://contoh.go.id/ppid")

        // Defaults: severity warning, weight 1, the plugin's category, every institution type.
        let news = set.rules[1]
        #expect(news.severity == .warning && news.weight == 1 && news.category == "freshness")
        #expect(news.appliesTo == Set(InstitutionType.allCases) && news.params == nil && news.examples.isEmpty)
    }

    @Test func fiveMistakesGiveFivePreciseErrorsInOneRun() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("bad.yaml", """
        pack: dasar
        rules:
          - id: openness.ppid
            plugin: opennes
            title: Halaman PPID
            severty: error
            applies_to: [opd, desa]
          - id: freshness.news
            plugin: freshness
            title: Berita
            severity: fatal
            weight: -2
        """)
        let errors = loadErrors(dir.path)
        #expect(errors.map(\.location) == [
            SourceLocation(file: file, line: 4, column: 13),
            SourceLocation(file: file, line: 6, column: 5),
            SourceLocation(file: file, line: 7, column: 23),
            SourceLocation(file: file, line: 11, column: 15),
            SourceLocation(file: file, line: 12, column: 13),
        ])
        try #require(errors.count == 5)
        #expect(errors[0].message.hasPrefix("unknown plugin 'opennes'; did you mean 'openness'?"))
        #expect(errors[1].message == "unknown key 'severty'; did you mean 'severity'?")
        #expect(errors[2].message.hasPrefix("unknown institution type 'desa'"))
        #expect(errors[2].message.contains("opd, kecamatan, kelurahan, district"))
        #expect(errors[3].message == "unknown severity 'fatal'; expected one of: info, warning, error, critical")
        #expect(errors[4].message == "-2 is out of range; expected 0...100")
        #expect(errors[0].description.hasPrefix("\(file):4:13: unknown plugin"))
    }

    @Test func missingKeysWrongTypesAndBadExamplesAreAllReported() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("r.yml", """
        rules:
          - id: Bad_ID
            plugin: linkhealth
            weight: many
            category: linkz
            examples:
              - html: <p>x</p>
                links: [{ url: /relative, status: 700 }]
        """)
        let errors = loadErrors(dir.path)
        let summary = errors.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(summary == [
            "2:5 missing required key 'title'",
            "2:9 invalid rule id 'Bad_ID'; use lower-case letters, digits, '.', '_' and '-' ([a-z0-9][a-z0-9._-]*)",
            "4:13 expected a number in 0...100, found 'many'",
            "5:15 unknown category 'linkz'; did you mean 'links'? (expected one of: freshness, openness, links)",
            "7:9 missing required key 'triggers'",
            "8:24 '/relative' is not an absolute http(s) URL",
            "8:43 700 is out of range; expected 100...599",
        ])
        #expect(errors.allSatisfy { $0.location.file == file })
    }

    @Test func duplicateIDAcrossFilesNamesTheFirst() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.yaml", "rules:\n  - id: links.broken\n    plugin: linkhealth\n    title: A\n")
        let b = try dir.write("b.yaml", "rules:\n  - { id: links.broken, plugin: linkhealth, title: B }\n")
        try dir.write("notes.txt", "not a rule file")
        let errors = loadErrors(dir.path)
        #expect(errors == [YAMLError("duplicate rule id 'links.broken'; first defined at \(a):2:5",
                                     at: SourceLocation(file: b, line: 2, column: 11))])
    }

    @Test func syntaxErrorsOfEveryFileAreReportedTogether() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.yaml", "rules:\n\t- id: x\n")
        let b = try dir.write("b.yaml", "rules: [\n")
        let errors = loadErrors(dir.path)
        #expect(errors.map(\.location.file) == [a, b])
        #expect(errors[0].message.hasSuffix("YAML does not allow tabs for indentation; use spaces"))
    }

    @Test func lintAddsPluginChecksSorted() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let file = try dir.write("r.yaml", """
        rules:
          - { id: a.one, plugin: freshness, title: One, params: { days: x } }
          - { id: a.two, plugin: freshness, title: Two, colour: red }
        """)
        let errors = RuleLinter.lint(directory: dir.path, plugins: testPlugins) { rules in
            // A stand-in plugin check: sees only the rules that decoded cleanly.
            rules.compactMap { rule in
                rule.params.map { YAMLError("bad params of \(rule.id)", at: $0.location) }
            }
        }
        #expect(errors.map(\.description) == [
            "\(file):2:57: bad params of a.one",
            "\(file):3:49: unknown key 'colour'; expected one of: id, plugin, title, severity, weight, category, applies_to, params, examples",
        ])
        #expect(RuleLinter.lint(directory: dir.path + "/missing", plugins: testPlugins).count == 1)
    }
}
