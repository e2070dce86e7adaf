import Foundation
import PantauCore
import PantauCrawl
import PantauFetch
@testable import PantauReport
import Testing

/// The Indonesian report explains the crawl's English failure reasons and keeps them whole; the
/// English report, JSON and CSV show them as recorded.
@Suite struct FailureExplanationTests {
    private static let page = "https://dinkes.contoh.go.id/unduhan/"

    /// Reasons as the crawl records them: `FetchError.description` passed through the link
    /// checker's verdict, with libcurl 7.88's messages (OpenSSL 3) as the quoted reasons.
    static let crawlReasons: [(error: FetchError, kind: FailureKind?)] = [
        (.connectionFailed(url: page, reason: "Could not resolve host: dinkes.contoh.go.id"), .hostNotFound),
        (.connectionFailed(url: page, reason: "Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server"),
         .connectionRefused),
        (.connectionFailed(url: page, reason: "Failed to connect to dinkes.contoh.go.id port 443 after 2 ms: Connection refused"),
         .connectionRefused),
        (.connectionFailed(url: page, reason: "SSL certificate problem: certificate has expired"), .certificateExpired),
        (.connectionFailed(url: page, reason: "SSL certificate problem: self-signed certificate"), .certificateSelfSigned),
        (.connectionFailed(url: page, reason: "SSL: no alternative certificate subject name matches target host name 'dinkes.contoh.go.id'"),
         .certificateNameMismatch),
        (.connectionFailed(url: page, reason: "SSL certificate problem: unable to get local issuer certificate"),
         .certificateUntrusted),
        (.connectionFailed(url: page, reason: "OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to dinkes.contoh.go.id:443 "),
         .tlsFailed),
        (.connectionLost(url: page, reason: "Recv failure: Connection reset by peer"), .connectionLost),
        (.connectionLost(url: page, reason: "Empty reply from server"), .connectionLost),
        (.timeout(url: page, seconds: 20), .timeout),
        // The host given up on quotes its last failure: the give-up is what happened to this link.
        (.hostUnreachable(url: page, failures: 5, last: "Could not resolve host: dinkes.contoh.go.id"), .hostUnreachable),
        (.rateLimited(url: page, waitSeconds: 300, capSeconds: 120), .rateLimited),
        (.hostNotAllowed(url: page), .outsideResolveList),
        (.redirectLoop(url: page, chain: [RedirectHop(url: page, status: 302, location: page)]), .redirectLoop),
        (.tooManyRedirects(url: page, chain: (0..<11).map { RedirectHop(url: "\(page)\($0)", status: 301, location: "\(page)\($0 + 1)") }),
         .tooManyRedirects),
        (.cancelled(url: page), .stopped),
        (.invalidURL("htp:/dinkes"), .invalidURL),
        // Uncommon libcurl failures are shown as given, whatever words the URL holds.
        (.transfer(url: "https://contoh.go.id/ssl-certificate-timed-out/", code: 61, reason: "Unrecognized transfer encoding"), nil),
    ]

    @Test(arguments: crawlReasons)
    func classifiesWhatTheCrawlRecords(_ error: FetchError, _ kind: FailureKind?) throws {
        let reason = try #require(LinkCheckResult(error: error).error)
        #expect(FailureKind.classify(reason) == kind, "\(reason)")
    }

    @Test func classifiesTheCrawlsOwnNotes() {
        let limited = LinkCheckResult(response: FetchResponse(
            requestedURL: Self.page, finalURL: Self.page, status: 429, headers: [], body: [], bodyTruncated: false,
            redirectChain: [], totalTime: 0))
        #expect(FailureKind.classify(limited.error ?? "") == .rateLimited)
        #expect(FailureKind.classify("soft 404: the page says \"halaman tidak ditemukan\"") == .softNotFound)
        #expect(FailureKind.classify("https://mewek.contoh.go.id/ answered HTTP 503") == .errorStatus)
        #expect(FailureKind.classify("the site is served over plain http; https is not offered "
                                     + "(Failed to connect to mewek.contoh.go.id port 443 after 0 ms: Couldn't connect to server)")
                == .httpsNotOffered)
        #expect(FailureKind.classify("-bad scheme") == nil)
    }

    @Test func indonesianExplainsEveryKindAndPhrasesCannotMatchInsideURLs() {
        let indonesian = Strings.forLanguage(.id)
        for kind in FailureKind.allCases {
            #expect(!(indonesian.failureExplanations[kind] ?? "").isEmpty, "no Indonesian text for \(kind)")
        }
        #expect(Set(FailureKind.allCases) == Set(FailureKind.patterns.map(\.kind)))
        for (kind, phrases) in FailureKind.patterns {
            for phrase in phrases {
                #expect(phrase == phrase.lowercased(), "\(kind): '\(phrase)' must be lower case")
                #expect(phrase.contains(" "), "\(kind): '\(phrase)' could match inside a URL")
            }
        }
        #expect(Strings.forLanguage(.en).failureExplanations.isEmpty)
    }

    // MARK: - The rendered report

    private static let dnsReason = FetchError.connectionFailed(
        url: "https://lpse.contoh.go.id/", reason: "Could not resolve host: lpse.contoh.go.id").description
    private static let expiredReason = FetchError.connectionFailed(
        url: "https://mewek.contoh.go.id/", reason: "SSL certificate problem: certificate has expired").description
    private static let loopReason = FetchError.redirectLoop(
        url: "https://dinkes.contoh.go.id/ppid", chain: [RedirectHop(url: "https://dinkes.contoh.go.id/ppid", status: 302,
                                                                     location: "https://dinkes.contoh.go.id/ppid")]).description
    private static let oddReason = "fetching https://dinkes.contoh.go.id/x failed: Unrecognized transfer encoding (curl error 61)"

    /// A reachable site with a link that does not resolve, one that redirects in a loop and one
    /// with an uncommon failure; and a site unreachable for its expired certificate. Messages as
    /// LinkHealth and the scorecard write them.
    private static func report() -> AuditReport {
        let links = [("https://lpse.contoh.go.id/", dnsReason), ("https://dinkes.contoh.go.id/ppid", loopReason),
                     ("https://dinkes.contoh.go.id/x", oddReason)]
        let dinkes = InstitutionReport(
            id: "dinkes", name: "Dinas Kesehatan", type: .opd, url: "https://dinkes.contoh.go.id/", score: 80,
            band: "menuju-informatif", rank: 1, activity: .aktif, reachable: true, unreachableReason: nil, pagesCrawled: 3,
            latestContent: LatestContent(date: nil, source: nil, url: nil), categories: ["links": 85], sections: [],
            brokenLinks: links.map { BrokenLinkEntry(url: $0.0, status: nil, error: $0.1, redirectChain: [],
                                                     referrers: ["https://dinkes.contoh.go.id/"]) },
            findings: links.map { url, reason in
                Finding(rule: "links.broken", severity: .error,
                        message: "Tautan rusak: \(url) (\(reason)), ditautkan dari 1 halaman",
                        evidence: [Evidence(url: url, error: reason),
                                   Evidence(url: "https://dinkes.contoh.go.id/", source: "referrer")])
            })
        let mewek = InstitutionReport(
            id: "kel-mewek", name: "Kelurahan Mewek", type: .kelurahan, url: "https://mewek.contoh.go.id/", score: 0,
            band: "tidak-informatif", rank: 2, activity: .tidakAktif, reachable: false, unreachableReason: expiredReason,
            pagesCrawled: 0, latestContent: LatestContent(date: nil, source: nil, url: nil), categories: ["links": 0],
            sections: [], brokenLinks: [],
            findings: [Finding(rule: "site.unreachable", severity: .critical,
                               message: "Situs tidak dapat diakses; tidak ada yang dapat diperiksa: \(expiredReason)",
                               evidence: [Evidence(url: "https://mewek.contoh.go.id/", error: expiredReason)])])
        return AuditReport(
            generatedAt: "2026-11-29T10:00:00+07:00", auditDate: CalendarDate(year: 2026, month: 11, day: 29)!,
            tool: "pantau test", complete: true, institutions: [dinkes, mewek],
            summary: DistrictSummary(ranking: ["dinkes", "kel-mewek"], activityGroups: ["aktif": ["dinkes"],
                                     "tidak-aktif": ["kel-mewek"]], bandCounts: [:], averageScore: 40, brokenLinkCount: 3),
            inputProblems: [])
    }

    /// The explanation followed by the escaped original in parentheses, as the report writes it.
    private func explained(_ indonesian: String, _ reason: String) -> String {
        "\(HTMLEscape.text(indonesian)) (<span class=\"tech\" lang=\"en\">\(HTMLEscape.text(reason))</span>)"
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func indonesianReportExplainsFailuresAndKeepsTheReason() {
        let html = ReportWriter.html(Self.report(), options: ReportOptions(language: .id))
        let dns = explained("Nama domain tidak ditemukan (DNS): alamat tidak terdaftar atau salah ketik", Self.dnsReason)
        let loop = explained("Pengalihan (redirect) berputar-putar tanpa ujung", Self.loopReason)
        let expired = explained("Sertifikat HTTPS situs sudah kedaluwarsa", Self.expiredReason)
        // Broken-link list and the finding's evidence: "Galat: <explanation> (<reason>)".
        #expect(occurrences(of: "Galat: \(dns)", in: html) == 2)
        #expect(occurrences(of: "Galat: \(loop)", in: html) == 2)
        // The finding's message, with the reason it quotes explained in place.
        #expect(html.contains("<div class=\"msg\">Tautan rusak: https://lpse.contoh.go.id/ (\(dns)), ditautkan dari 1 halaman</div>"))
        // The unreachable site: banner, message and evidence.
        #expect(html.contains("Alasan: \(expired)</p>"))
        #expect(html.contains("<div class=\"msg\">Situs tidak dapat diakses; tidak ada yang dapat diperiksa: \(expired)</div>"))
        #expect(html.contains("Galat: \(expired)"))
        // An uncommon failure is shown as recorded, with nothing invented.
        #expect(occurrences(of: "Galat: \(HTMLEscape.text(Self.oddReason))</", in: html) == 2)
    }

    @Test func englishReportShowsReasonsAsRecorded() {
        let html = ReportWriter.html(Self.report(), options: ReportOptions(language: .en))
        for reason in [Self.dnsReason, Self.loopReason, Self.oddReason] {
            #expect(occurrences(of: "Error: \(HTMLEscape.text(reason))</", in: html) == 2, "\(reason)")
        }
        #expect(html.contains("<div class=\"msg\">Tautan rusak: https://lpse.contoh.go.id/ (\(HTMLEscape.text(Self.dnsReason))), "
                              + "ditautkan dari 1 halaman</div>"))
        #expect(html.contains("Reason: \(HTMLEscape.text(Self.expiredReason))</p>"))
        #expect(html.contains("<div class=\"msg\">Situs tidak dapat diakses; tidak ada yang dapat diperiksa: "
                              + "\(HTMLEscape.text(Self.expiredReason))</div>"))
        #expect(!html.contains("class=\"tech\""))
        #expect(!html.contains("Nama domain tidak ditemukan"))
        #expect(!html.contains("kedaluwarsa"))
    }

    @Test func jsonAndCSVKeepTheRecordedReasons() throws {
        let report = Self.report()
        let decoded = try JSONDecoder().decode(AuditReport.self, from: try ReportWriter.json(report))
        #expect(decoded.institutions.flatMap { $0.brokenLinks.compactMap(\.error) }
                == [Self.dnsReason, Self.loopReason, Self.oddReason])
        #expect(decoded.institutions.last?.unreachableReason == Self.expiredReason)
        let csv = ReportWriter.findingsCSV(report)
        #expect(csv.contains("Could not resolve host: lpse.contoh.go.id"))
        #expect(!csv.contains("Nama domain tidak ditemukan"))
        #expect(!csv.contains("kedaluwarsa"))
    }

    @Test func explainedReasonIsStillEscaped() {
        let ctx = HTMLContext(options: ReportOptions(language: .id))
        let html = ctx.failure("could not connect to https://x.test/<b>: Connection refused")
        #expect(html == explained("Server menolak sambungan atau tidak dapat dihubungi",
                                  "could not connect to https://x.test/<b>: Connection refused"))
        #expect(!html.contains("<b>"))
    }
}
