import PantauCore
@testable import PantauReport
import Testing

@Suite struct HTMLReportTests {
    private let options = ReportOptions(districtName: "Kabupaten Contoh")

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func dataCannotInjectMarkup() {
        let html = ReportWriter.html(Fixture.report(), options: options)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        // The only script element is the report's own print helper.
        #expect(occurrences(of: "<script", in: html) == 1)
        #expect(html.contains("<script>\(HTMLStyle.printScript)</script>"))
        // A javascript: URL from a page is shown, never linked.
        #expect(!html.lowercased().contains("href=\"javascript:"))
        #expect(html.contains("javascript:alert(1)"))
        // The formula-looking name is plain escaped text.
        #expect(html.contains("=HYPERLINK(&quot;http://evil.test&quot;,&quot;klik&quot;)"))
    }

    @Test func isSelfContained() {
        let html = ReportWriter.html(Fixture.report(), options: options)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<link"))
        #expect(!html.contains(" src=\""))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("name=\"viewport\""))
        #expect(html.contains("class=\"table-wrap\""))
    }

    @Test func institutionsAppearInRankOrder() throws {
        let html = ReportWriter.html(Fixture.report(), options: options)
        let table = try #require(html.range(of: "<section id=\"ranking\">"))
        let rest = html[table.upperBound...]
        let first = try #require(rest.range(of: "Dinas Kesehatan"))
        let second = try #require(rest.range(of: "=HYPERLINK"))
        let third = try #require(rest.range(of: "Kelurahan Mewek"))
        #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
        // The table links to each institution's section, which follow in the same order.
        let a1 = try #require(html.range(of: "id=\"inst-dinkes\""))
        let a2 = try #require(html.range(of: "id=\"inst-kec-bobotsari\""))
        let a3 = try #require(html.range(of: "id=\"inst-kel-mewek\""))
        #expect(a1.lowerBound < a2.lowerBound && a2.lowerBound < a3.lowerBound)
        #expect(html.contains("href=\"#inst-dinkes\""))
    }

    @Test func indonesianLabelsByDefault() {
        let html = ReportWriter.html(Fixture.report(), options: options)
        #expect(html.contains("<html lang=\"id\">"))
        #expect(html.contains("Laporan Audit Situs Web Pemerintah Kabupaten Contoh"))
        #expect(html.contains("29 November 2026"))
        for label in ["Peringkat", "Kelompok pelatihan", "Aktif", "Kurang Aktif", "Tidak Aktif", "Skor rata-rata",
                      "Tidak dapat diakses", "connection refused", "tidak ada tanggal", "Kemutakhiran"] {
            #expect(html.contains(label), "missing \(label)")
        }
        #expect(html.contains("45,5"))  // Indonesian decimal comma for the average
    }

    @Test func englishLabelsWithEnglishOption() {
        let html = ReportWriter.html(Fixture.report(), options: ReportOptions(language: .en, districtName: "Contoh"))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Government Website Audit Report: Contoh"))
        for label in ["Ranking", "Training groups", "Active", "Less active", "Inactive", "Average score",
                      "Unreachable", "Linked from", "Findings", "Freshness"] {
            #expect(html.contains(label), "missing \(label)")
        }
        for label in ["Peringkat", "Kelompok pelatihan", "Skor rata-rata", "Temuan"] {
            #expect(!html.contains(label), "Indonesian label \(label) in English report")
        }
        #expect(html.contains("45.5"))
    }

    @Test func showsBrokenLinkDetailsAndCustomCategoryTitles() {
        let html = ReportWriter.html(Fixture.report(),
                                     options: ReportOptions(categoryTitles: ["openness": "Keterbukaan (KIP)"]))
        #expect(html.contains("https://dinkes.contoh.go.id/wp-content/uploads/lkjip.pdf"))
        #expect(html.contains(">https://dinkes.contoh.go.id/ppid/</a>"))
        #expect(html.contains(">http://dinkes.contoh.go.id/lkjip.pdf</a>"))  // redirect chain
        #expect(html.contains("Keterbukaan (KIP)"))
        #expect(html.contains("width:85.0%"))
    }

    @Test func everyLanguageNamesEveryCase() {
        for language in ReportLanguage.allCases {
            let s = Strings.forLanguage(language)
            #expect(s.monthNames.count == 12)
            #expect(s.shortMonthNames.count == 12)
            #expect(Set(InstitutionType.allCases) == Set(s.typeNames.keys))
            #expect(Set(ActivityClass.allCases) == Set(s.activityNames.keys))
            #expect(Set(SectionStatus.allCases) == Set(s.sectionStatusNames.keys))
            #expect(Set(Severity.allCases) == Set(s.severityNames.keys))
            #expect(Set(Strings.bandOrder) == Set(s.bandNames.keys))
        }
    }
}
