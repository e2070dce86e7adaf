import PantauCore

/// A small district by hand: three institutions, one unreachable, one without a dated post,
/// a broken link with two referrers, and findings whose text tries to break HTML and CSV.
enum Fixture {
    static let scriptMessage = "Judul berisi <script>alert('x')</script> dari halaman"
    static let trickyMessage = "Kata \"PPID\", kosong\nbaris kedua"
    static let formulaName = "=HYPERLINK(\"http://evil.test\",\"klik\")"

    static let dinkes = InstitutionReport(
        id: "dinkes", name: "Dinas Kesehatan", type: .opd, url: "https://dinkes.contoh.go.id/",
        score: 91.5, band: "informatif", rank: 1, activity: .aktif, reachable: true, unreachableReason: nil,
        pagesCrawled: 42,
        latestContent: LatestContent(date: CalendarDate(year: 2026, month: 11, day: 20), source: "rss",
                                     url: "https://dinkes.contoh.go.id/feed/"),
        categories: ["freshness": 100, "openness": 85, "links": 90],
        sections: [
            SectionResult(id: "ppid", title: "PPID", status: .present, url: "https://dinkes.contoh.go.id/ppid/",
                          wordCount: 320),
            SectionResult(id: "visi-misi", title: "Visi Misi", status: .empty,
                          url: "https://dinkes.contoh.go.id/visi-misi/", wordCount: 3),
        ],
        brokenLinks: [
            BrokenLinkEntry(url: "https://dinkes.contoh.go.id/wp-content/uploads/lkjip.pdf", status: 404, error: nil,
                            redirectChain: ["http://dinkes.contoh.go.id/lkjip.pdf"],
                            referrers: ["https://dinkes.contoh.go.id/", "https://dinkes.contoh.go.id/ppid/"]),
        ],
        findings: [
            Finding(rule: "openness.visi-misi", severity: .warning, message: trickyMessage,
                    evidence: [Evidence(url: "https://dinkes.contoh.go.id/visi-misi/", snippet: "@SUM(A1:A2)",
                                        xpath: "//main", status: 200)]),
            Finding(rule: "linkhealth.broken", severity: .error, message: "Tautan rusak: 1",
                    evidence: [Evidence(url: "https://dinkes.contoh.go.id/wp-content/uploads/lkjip.pdf", status: 404),
                               Evidence(url: "javascript:alert(1)", error: "-bad scheme")]),
        ])

    static let kecamatan = InstitutionReport(
        id: "kec-bobotsari", name: formulaName, type: .kecamatan, url: "https://bobotsari.contoh.go.id/",
        score: 45.0, band: "kurang-informatif", rank: 2, activity: .tidakAktif, reachable: true,
        unreachableReason: nil, pagesCrawled: 7,
        latestContent: LatestContent(date: nil, source: nil, url: nil),
        categories: ["freshness": 0, "openness": 60],
        sections: [SectionResult(id: "ppid", title: "PPID", status: .missing, url: nil, wordCount: nil)],
        brokenLinks: [],
        findings: [
            Finding(rule: "freshness.latest", severity: .critical, message: scriptMessage,
                    evidence: [Evidence(url: "https://bobotsari.contoh.go.id/", snippet: "<img src=x onerror=alert(1)>",
                                        date: "2019-02-06", source: "text")]),
            Finding(rule: "freshness.no-evidence", severity: .info, message: "Tidak ada bukti", evidence: []),
        ])

    static let kelurahan = InstitutionReport(
        id: "kel-mewek", name: "Kelurahan Mewek", type: .kelurahan, url: "https://mewek.contoh.go.id/",
        score: 0, band: "tidak-informatif", rank: 3, activity: .tidakAktif, reachable: false,
        unreachableReason: "connection refused", pagesCrawled: 0,
        latestContent: LatestContent(date: nil, source: nil, url: nil),
        categories: [:], sections: [], brokenLinks: [], findings: [])

    /// Institutions deliberately out of rank order: writers must sort them.
    static func report() -> AuditReport {
        AuditReport(
            generatedAt: "2026-11-29T10:00:00+07:00",
            auditDate: CalendarDate(year: 2026, month: 11, day: 29)!,
            tool: "pantau 0.1.0", complete: true,
            institutions: [kelurahan, dinkes, kecamatan],
            summary: DistrictSummary(
                ranking: ["dinkes", "kec-bobotsari", "kel-mewek"],
                activityGroups: ["aktif": ["dinkes"], "tidak-aktif": ["kec-bobotsari", "kel-mewek"]],
                bandCounts: ["informatif": 1, "kurang-informatif": 1, "tidak-informatif": 1],
                averageScore: 45.5, brokenLinkCount: 1),
            inputProblems: ["sites.csv:4: missing url"])
    }
}
