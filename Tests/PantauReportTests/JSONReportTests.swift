import Foundation
import PantauCore
import PantauReport
import Testing

@Suite struct JSONReportTests {
    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func institutions(_ root: [String: Any]) throws -> [[String: Any]] {
        try #require(root["institutions"] as? [[String: Any]])
    }

    @Test func roundTripsThroughJSONDecoder() throws {
        let data = try ReportWriter.json(Fixture.report())
        let decoded = try JSONDecoder().decode(AuditReport.self, from: data)
        #expect(decoded.institutions.count == 3)
        let kec = try #require(decoded.institutions.first { $0.id == "kec-bobotsari" })
        #expect(kec.latestContent.date == nil)
        #expect(kec.findings.first?.message == Fixture.scriptMessage)
        let dinkes = try #require(decoded.institutions.first { $0.id == "dinkes" })
        #expect(dinkes.latestContent.date == CalendarDate(year: 2026, month: 11, day: 20))
        #expect(dinkes.brokenLinks.first?.referrers.count == 2)
        #expect(dinkes.findings.first?.message == Fixture.trickyMessage)
        #expect(decoded.auditDate == CalendarDate(year: 2026, month: 11, day: 29))
        // Re-encoding the decoded value gives the same bytes: nothing was lost or invented.
        #expect(try ReportWriter.json(decoded) == data)
    }

    @Test func unknownValuesAreNullNotOmitted() throws {
        let data = try ReportWriter.json(Fixture.report())
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"date\" : null"))
        let kec = try #require(try institutions(try object(data)).first { $0["id"] as? String == "kec-bobotsari" })
        let latest = try #require(kec["latestContent"] as? [String: Any])
        #expect(latest["date"] is NSNull)
        #expect(latest["source"] is NSNull)
        #expect(latest["url"] is NSNull)
        #expect(kec["unreachableReason"] is NSNull)
        let section = try #require((kec["sections"] as? [[String: Any]])?.first)
        #expect(section["url"] is NSNull)
        #expect(section["wordCount"] is NSNull)
    }

    @Test func everySchemaKeyIsPresent() throws {
        let root = try object(try ReportWriter.json(Fixture.report()))
        #expect(Set(root.keys) == ["schemaVersion", "generatedAt", "auditDate", "tool", "complete", "inputProblems",
                                   "summary", "institutions"])
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["ranking", "activityGroups", "bandCounts", "averageScore", "brokenLinkCount"])
        for inst in try institutions(root) {
            #expect(Set(inst.keys) == ["id", "name", "type", "url", "score", "band", "rank", "activity", "reachable",
                                       "unreachableReason", "pagesCrawled", "latestContent", "categories",
                                       "sections", "brokenLinks", "findings"])
            let latest = try #require(inst["latestContent"] as? [String: Any])
            #expect(Set(latest.keys) == ["date", "source", "url"])
            for section in try #require(inst["sections"] as? [[String: Any]]) {
                #expect(Set(section.keys) == ["id", "title", "status", "url", "wordCount"])
            }
            for link in try #require(inst["brokenLinks"] as? [[String: Any]]) {
                #expect(Set(link.keys) == ["url", "status", "error", "redirectChain", "referrers"])
            }
            for finding in try #require(inst["findings"] as? [[String: Any]]) {
                #expect(Set(finding.keys) == ["rule", "severity", "message", "evidence"])
                for evidence in try #require(finding["evidence"] as? [[String: Any]]) {
                    #expect(Set(evidence.keys) == ["url", "snippet", "xpath", "date", "source", "status", "error",
                                                   "redirectChain"])
                }
            }
        }
        let dinkes = try #require(try institutions(root).first { $0["id"] as? String == "dinkes" })
        let categories = try #require(dinkes["categories"] as? [String: Double])
        #expect(categories == ["freshness": 100, "openness": 85, "links": 90])
        let link = try #require((dinkes["brokenLinks"] as? [[String: Any]])?.first)
        #expect(link["error"] is NSNull)
        #expect(link["status"] as? Int == 404)
    }

    @Test func formattingIsStable() throws {
        let text = try #require(String(data: try ReportWriter.json(Fixture.report()), encoding: .utf8))
        #expect(text.contains("\"auditDate\" : \"2026-11-29\""))
        #expect(text.contains("https://dinkes.contoh.go.id/"))  // slashes not escaped
        #expect(!text.contains("\\/"))
        // Sorted keys: "auditDate" precedes "complete" precedes "generatedAt".
        let a = try #require(text.range(of: "\"auditDate\""))
        let c = try #require(text.range(of: "\"complete\""))
        let g = try #require(text.range(of: "\"generatedAt\""))
        #expect(a.lowerBound < c.lowerBound && c.lowerBound < g.lowerBound)
    }
}
