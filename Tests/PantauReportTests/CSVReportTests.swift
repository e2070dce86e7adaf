import PantauCore
import PantauReport
import Testing

@Suite struct CSVReportTests {
    private func table(_ text: String) throws -> [[String: String]] {
        let rows = try #require(CSVReader.parse(text))
        let header = try #require(rows.first)
        for row in rows { #expect(row.count == header.count) }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func scorecardsHeaderAndOrder() throws {
        let text = ReportWriter.scorecardsCSV(Fixture.report())
        let rows = try #require(CSVReader.parse(text))
        #expect(rows.first == ["rank", "id", "name", "type", "url", "score", "band", "activity",
                               "latest_content_date", "latest_content_source", "category_freshness",
                               "category_links", "category_openness", "sections_present", "sections_empty",
                               "sections_missing", "broken_links", "pages_crawled", "reachable"])
        #expect(rows.dropFirst().map { $0[1] } == ["dinkes", "kec-bobotsari", "kel-mewek"])
    }

    @Test func scorecardsCells() throws {
        let rows = try table(ReportWriter.scorecardsCSV(Fixture.report()))
        #expect(rows.count == 3)
        let dinkes = rows[0]
        #expect(dinkes["rank"] == "1")
        #expect(dinkes["name"] == "Dinas Kesehatan")
        #expect(dinkes["type"] == "opd")
        #expect(dinkes["url"] == "https://dinkes.contoh.go.id/")
        #expect(dinkes["score"] == "91.5")
        #expect(dinkes["band"] == "informatif")
        #expect(dinkes["activity"] == "aktif")
        #expect(dinkes["latest_content_date"] == "2026-11-20")
        #expect(dinkes["latest_content_source"] == "rss")
        #expect(dinkes["category_freshness"] == "100.0")
        #expect(dinkes["category_links"] == "90.0")
        #expect(dinkes["category_openness"] == "85.0")
        #expect(dinkes["sections_present"] == "1")
        #expect(dinkes["sections_empty"] == "1")
        #expect(dinkes["sections_missing"] == "0")
        #expect(dinkes["broken_links"] == "1")
        #expect(dinkes["pages_crawled"] == "42")
        #expect(dinkes["reachable"] == "true")

        let kec = rows[1]
        #expect(kec["name"] == "'" + Fixture.formulaName)  // neutralised, and the quotes survive
        #expect(kec["latest_content_date"] == "")
        #expect(kec["category_links"] == "")  // not scored there
        #expect(kec["category_freshness"] == "0.0")
        #expect(kec["activity"] == "tidak-aktif")
        #expect(kec["sections_missing"] == "1")

        let kel = rows[2]
        #expect(kel["reachable"] == "false")
        #expect(kel["score"] == "0.0")
        #expect(kel["pages_crawled"] == "0")
    }

    @Test func recordsEndWithCRLF() {
        let text = ReportWriter.scorecardsCSV(Fixture.report())
        #expect(text.hasSuffix("\r\n"))
        let bareLF = text.unicodeScalars.enumerated().contains { index, scalar in
            scalar == "\n" && (index == 0 || Array(text.unicodeScalars)[index - 1] != "\r")
        }
        #expect(!bareLF)
    }

    @Test func numbersAreNotPrefixed() throws {
        var report = Fixture.report()
        report.institutions[1].score = -5  // dinkes; an impossible score, but a number all the same
        report.institutions[1].categories["links"] = -1
        let text = ReportWriter.scorecardsCSV(report)
        let dinkes = try #require(try table(text).first { $0["id"] == "dinkes" })
        #expect(dinkes["score"] == "-5.0")
        #expect(dinkes["category_links"] == "-1.0")
        #expect(!text.contains("'-"))
    }

    @Test func findingsOneRowPerEvidence() throws {
        let text = ReportWriter.findingsCSV(Fixture.report())
        let rows = try #require(CSVReader.parse(text))
        #expect(rows.first == ["institution_id", "institution_name", "rule", "severity", "message", "url", "status",
                               "error", "date", "source", "snippet"])
        let body = try table(text)
        #expect(body.map { $0["rule"] ?? "" } == ["openness.visi-misi", "linkhealth.broken", "linkhealth.broken",
                                                  "freshness.latest", "freshness.no-evidence"])
        // Comma, quote and newline come back intact from the quoted field.
        #expect(body[0]["message"] == Fixture.trickyMessage)
        #expect(body[0]["snippet"] == "'@SUM(A1:A2)")
        #expect(body[0]["status"] == "200")
        #expect(body[0]["severity"] == "warning")
        #expect(body[1]["status"] == "404")
        #expect(body[2]["url"] == "javascript:alert(1)")
        #expect(body[2]["error"] == "'-bad scheme")
        #expect(body[2]["status"] == "")
        #expect(body[3]["message"] == Fixture.scriptMessage)
        #expect(body[3]["date"] == "2019-02-06")
        #expect(body[3]["source"] == "text")
        #expect(body[3]["institution_name"] == "'" + Fixture.formulaName)
        #expect(body[4]["url"] == "")
        #expect(body[4]["message"] == "Tidak ada bukti")
    }

    @Test func quotingFollowsRFC4180() {
        let text = ReportWriter.findingsCSV(Fixture.report())
        #expect(text.contains(",\"Kata \"\"PPID\"\", kosong\nbaris kedua\","))
        #expect(text.contains(",https://dinkes.contoh.go.id/visi-misi/,200,"))  // plain fields stay bare
    }

    @Test func formulaStartsAreNeutralised() throws {
        var report = Fixture.report()
        for (i, start) in ["=", "+", "-", "@", "\t", "\r"].enumerated() {
            report.institutions[i % 3].name = start + "1+1"
            let row = try #require(try table(ReportWriter.scorecardsCSV(report)).first {
                $0["id"] == report.institutions[i % 3].id
            })
            #expect(row["name"] == "'" + start + "1+1")
        }
    }

    @Test func readerRejectsMalformedInput() {
        #expect(CSVReader.parse("a,\"b\"c\r\n") == nil)
        #expect(CSVReader.parse("a,b\n") == nil)
        #expect(CSVReader.parse("a,\"b\r\n") == nil)
        #expect(CSVReader.parse("a,\"b,\"\"c\"\"\"\r\n") == [["a", "b,\"c\""]])
    }
}
