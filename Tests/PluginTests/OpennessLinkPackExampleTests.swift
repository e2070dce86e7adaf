import Foundation
import LinkHealth
import Openness
import PantauCore
import PantauHTML
import PantauYAML
import Testing

/// Runs every example of the two default packs this folder's plugins own (rules/openness.yaml,
/// rules/links.yaml) with a small local runner, so the packs are checked even without the
/// project's rule loader. The runner follows the example contract of ``RuleExample``: the first
/// page is the home page, every page is inspected, `links:` become the link checker's verdicts.
@Suite("Openness and link packs: examples")
struct OpennessLinkPackExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var pack: String
        var rule: String
        var index: Int
        var line: Int
        var testDescription: String { "\(pack):\(line) \(rule) example \(index + 1)" }
    }

    static let packs = ["openness.yaml", "links.yaml"]

    static func packRoot(_ pack: String) throws -> YAMLNode {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../rules/\(pack)").standardizedFileURL.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try #require(try YAMLParser.parse(text, file: "rules/\(pack)").first)
    }

    static func rules(_ pack: String) throws -> [YAMLNode] {
        var reader = try MappingReader(try packRoot(pack))
        return try reader.required("rules").sequence()
    }

    static let cases: [Case] = packs.flatMap { pack in
        ((try? rules(pack)) ?? []).flatMap { rule -> [Case] in
            var reader = try? MappingReader(rule)
            let id = (try? reader?.required("id").string()) ?? "?"
            let examples = (try? reader?.required("examples").sequence()) ?? []
            return examples.enumerated().map { Case(pack: pack, rule: id, index: $0.offset, line: $0.element.location.line) }
        }
    }

    @Test("both packs load and carry examples")
    func packsLoad() throws {
        #expect(Self.cases.filter { $0.pack == "openness.yaml" }.count >= 18)
        #expect(Self.cases.contains { $0.rule == "links.broken" })
    }

    @Test("every example triggers as it says", arguments: cases)
    func example(_ item: Case) throws {
        let ruleNode = try #require(try Self.rules(item.pack).first {
            var reader = try MappingReader($0)
            return try reader.required("id").string() == item.rule
        })
        var rule = try MappingReader(ruleNode)
        let plugin = try rule.required("plugin").string()
        let definition = RuleDefinition(
            id: item.rule, plugin: plugin, title: try rule.required("title").string(),
            severity: try rule.required("severity").oneOf(Severity.self, named: "severity"),
            weight: try rule.required("weight").double(), category: plugin,
            appliesTo: Set(InstitutionType.allCases), params: rule.optional("params"), location: ruleNode.location)
        var example = try MappingReader(try rule.required("examples").sequence()[item.index])
        let triggers = try example.required("triggers").bool()
        var pages: [(url: String, html: String)] = []
        if let list = example.optional("pages") {
            for node in try list.sequence() {
                var page = try MappingReader(node)
                pages.append((try page.required("url").string(), try page.required("html").string()))
            }
        } else {
            pages.append((try example.optional("url")?.string() ?? "https://contoh.go.id/",
                          try example.required("html").string()))
        }
        let home = pages[0].url
        var links: [LinkReport] = []
        for node in try example.optional("links")?.sequence() ?? [] {
            var link = try MappingReader(node)
            let url = try link.required("url").string()
            let status = try link.optional("status")?.int()
            let error = try link.optional("error")?.string()
            let referrer = try link.optional("referrer")?.string() ?? home
            links.append(LinkReport(url: url, verdict: Self.verdict(status: status, error: error), status: status,
                                    error: error, redirectChain: [], referrers: [referrer],
                                    isInternal: URL(string: url)?.host == URL(string: home)?.host))
        }
        #expect(example.finish(allowedKeys: ["triggers", "url", "html", "pages", "links"]).isEmpty)

        let institution = Institution(id: "contoh", name: "Contoh", type: .opd, url: home)
        let date = CalendarDate(year: 2026, month: 11, day: 29)!
        let inspector: any SiteInspector = switch plugin {
        case OpennessPlugin.id: try OpennessPlugin(rules: [definition]).makeInspector(for: institution, auditDate: date)
        default: try LinkHealthPlugin(rules: [definition]).makeInspector(for: institution, auditDate: date)
        }
        for (index, page) in pages.enumerated() {
            _ = inspector.inspect(Page(url: page.url, requestedURL: page.url, status: 200, headers: [],
                                       mediaType: "text/html", body: Array(page.html.utf8), depth: index == 0 ? 0 : 1,
                                       role: index == 0 ? .home : .crawled,
                                       document: HTMLDocument(html: page.html, url: page.url)))
        }
        let result = inspector.finish(SiteCrawlSummary(institution: institution, auditDate: date, reachable: true,
                                                       unreachableReason: nil, pagesCrawled: pages.count, links: links))
        let findings = result.outcomes.flatMap(\.findings)
        #expect(!findings.isEmpty == triggers, "findings: \(findings.map(\.message))")
    }

    /// The example contract: 2xx/3xx ok, 401/403 blocked, 429 unverified, anything else (or an error) broken.
    static func verdict(status: Int?, error: String?) -> LinkVerdict {
        guard let status, error == nil else { return .broken }
        switch status {
        case 200..<400: return .ok
        case 401, 403: return .blocked
        case 429: return .unverified
        default: return .broken
        }
    }
}
