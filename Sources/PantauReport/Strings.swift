import PantauCore

/// Every label the HTML report shows, one table per language.
///
/// Kept in one place so a translation is one value to write, and a test can check that no
/// language leaves an enum case unnamed.
struct Strings: Sendable {
    var htmlLang: String
    /// Title with `{district}` to fill in.
    var titleWithDistrict: String
    var titleWithoutDistrict: String
    var auditDate: String
    var generatedAt: String
    var tool: String
    var incompleteRun: String
    var inputProblems: String
    var summary: String
    var averageScore: String
    var institutionsAudited: String
    var unreachableCount: String
    var brokenLinksTotal: String
    var bandDistribution: String
    var activityDistribution: String
    /// How to read the numbers, under the summary.
    var readingGuide: String
    var ranking: String
    var rankColumn: String
    var institutionColumn: String
    var typeColumn: String
    var scoreColumn: String
    var bandColumn: String
    var activityColumn: String
    var latestContentColumn: String
    var sectionsGapColumn: String
    var sectionsGapHint: String
    var brokenLinksColumn: String
    var trainingGroups: String
    var trainingIntro: String
    var institutionDetails: String
    var site: String
    var pagesCrawled: String
    var unreachable: String
    var unreachableReason: String
    var latestContent: String
    var noDate: String
    var source: String
    var categories: String
    var sections: String
    var words: String
    var brokenLinks: String
    var status: String
    var error: String
    var redirectChain: String
    var referrers: String
    var findings: String
    var evidence: String
    var snippet: String
    var none: String
    var backToRanking: String
    var footer: String
    /// Decimal separator for scores shown to people (Indonesian writes 72,5).
    var decimalSeparator: String
    /// January first.
    var monthNames: [String]
    /// January first; for table cells.
    var shortMonthNames: [String]
    var typeNames: [InstitutionType: String]
    var activityNames: [ActivityClass: String]
    var sectionStatusNames: [SectionStatus: String]
    var severityNames: [Severity: String]
    /// Band id (Perki 1/2022 result bands) → name.
    var bandNames: [String: String]
    /// Built-in titles for the default rule packs' categories.
    var categoryTitles: [String: String]
    /// What each common failure means, for readers of a language other than the crawl's English.
    /// Empty for English: the reason is already in the reader's language and is shown as given.
    var failureExplanations: [FailureKind: String]

    static func forLanguage(_ language: ReportLanguage) -> Strings {
        switch language {
        case .id: indonesian
        case .en: english
        }
    }

    /// The Monev KIP result bands (Perki 1/2022), best first: the order summaries list them in.
    static let bandOrder = ["informatif", "menuju-informatif", "cukup-informatif", "kurang-informatif",
                            "tidak-informatif"]

    static let indonesian = Strings(
        htmlLang: "id",
        titleWithDistrict: "Laporan Audit Situs Web Pemerintah {district}",
        titleWithoutDistrict: "Laporan Audit Situs Web Pemerintah",
        auditDate: "Tanggal audit",
        generatedAt: "Dibuat",
        tool: "Alat",
        incompleteRun: "Audit tidak selesai (dibatalkan atau melewati batas waktu): sebagian instansi tidak ada atau belum lengkap.",
        inputProblems: "Masalah pada masukan",
        summary: "Ringkasan",
        averageScore: "Skor rata-rata",
        institutionsAudited: "Instansi diaudit",
        unreachableCount: "Situs tidak dapat diakses",
        brokenLinksTotal: "Tautan rusak",
        bandDistribution: "Sebaran predikat",
        activityDistribution: "Sebaran keaktifan",
        readingGuide: "Cara membaca: skor 0–100 adalah rata-rata berbobot skor kategori (bobot di rules/scorecard.yaml). "
            + "Predikat mengikuti Monev KIP (Perki 1/2022); bawaannya Informatif ≥ 90, Menuju Informatif ≥ 80, "
            + "Cukup Informatif ≥ 60, Kurang Informatif ≥ 40, Tidak Informatif < 40. Keaktifan menurut tanggal "
            + "konten terbaru; bawaannya aktif ≤ 90 hari, kurang aktif ≤ 180 hari (UU 14/2008 Pasal 9), "
            + "selebihnya atau tanpa konten bertanggal tidak aktif.",
        ranking: "Peringkat",
        rankColumn: "No.",
        institutionColumn: "Instansi",
        typeColumn: "Jenis",
        scoreColumn: "Skor",
        bandColumn: "Predikat",
        activityColumn: "Keaktifan",
        latestContentColumn: "Konten terbaru",
        sectionsGapColumn: "Bagian kurang",
        sectionsGapHint: "Bagian informasi publik yang tidak ada atau kosong, dari seluruh bagian yang diperiksa",
        brokenLinksColumn: "Tautan rusak",
        trainingGroups: "Kelompok pelatihan",
        trainingIntro: "Pengelola situs dikelompokkan menurut keaktifan situsnya untuk pelatihan lanjutan.",
        institutionDetails: "Rincian per instansi",
        site: "Situs",
        pagesCrawled: "Halaman diperiksa",
        unreachable: "Tidak dapat diakses",
        unreachableReason: "Alasan",
        latestContent: "Konten terbaru",
        noDate: "tidak ada tanggal",
        source: "sumber",
        categories: "Skor per kategori",
        sections: "Bagian informasi publik",
        words: "kata",
        brokenLinks: "Tautan rusak",
        status: "Status",
        error: "Galat",
        redirectChain: "Rantai pengalihan",
        referrers: "Ditautkan dari",
        findings: "Temuan",
        evidence: "Bukti",
        snippet: "Cuplikan",
        none: "Tidak ada",
        backToRanking: "Kembali ke peringkat",
        footer: "Dibuat oleh {tool} pada {generatedAt}.",
        decimalSeparator: ",",
        monthNames: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                     "Oktober", "November", "Desember"],
        shortMonthNames: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
        typeNames: [.opd: "OPD", .kecamatan: "Kecamatan", .kelurahan: "Kelurahan", .district: "Portal"],
        activityNames: [.aktif: "Aktif", .kurangAktif: "Kurang Aktif", .tidakAktif: "Tidak Aktif"],
        sectionStatusNames: [.present: "Ada", .empty: "Kosong", .missing: "Tidak ada"],
        severityNames: [.info: "Info", .warning: "Peringatan", .error: "Kesalahan", .critical: "Kritis"],
        bandNames: ["informatif": "Informatif", "menuju-informatif": "Menuju Informatif",
                    "cukup-informatif": "Cukup Informatif", "kurang-informatif": "Kurang Informatif",
                    "tidak-informatif": "Tidak Informatif"],
        categoryTitles: ["freshness": "Kemutakhiran", "openness": "Keterbukaan Informasi", "links": "Tautan"],
        failureExplanations: [
            .hostUnreachable: "Server berulang kali gagal dihubungi, sehingga tidak dicoba lagi",
            .rateLimited: "Server membatasi jumlah permintaan; belum dapat diperiksa",
            .outsideResolveList: "Tidak diperiksa: alamat di luar daftar --resolve",
            .stopped: "Tidak diperiksa: audit dihentikan",
            .timeout: "Server tidak menjawab dalam batas waktu",
            .redirectLoop: "Pengalihan (redirect) berputar-putar tanpa ujung",
            .tooManyRedirects: "Terlalu banyak pengalihan (redirect) berturut-turut",
            .httpsCertificateRefused: "Situs hanya memakai http; sertifikat HTTPS-nya ditolak",
            .httpsNotOffered: "Situs hanya memakai http; HTTPS tidak tersedia",
            .httpNotRedirected: "HTTPS tersedia, tetapi situs tetap disajikan lewat http tanpa pengalihan",
            .certificateExpired: "Sertifikat HTTPS situs sudah kedaluwarsa",
            .certificateSelfSigned: "Sertifikat HTTPS dibuat sendiri (self-signed), bukan dari penerbit tepercaya",
            .certificateNameMismatch: "Sertifikat HTTPS bukan untuk nama domain ini",
            .certificateUntrusted: "Sertifikat HTTPS tidak dapat diverifikasi (penerbit tidak dikenal atau rantai tidak lengkap)",
            .hostNotFound: "Nama domain tidak ditemukan (DNS): alamat tidak terdaftar atau salah ketik",
            .connectionRefused: "Server menolak sambungan atau tidak dapat dihubungi",
            .connectionLost: "Sambungan terputus sebelum jawaban lengkap diterima",
            .tlsFailed: "Sambungan aman HTTPS (SSL/TLS) gagal",
            .invalidURL: "Alamat (URL) tidak sah",
            .softNotFound: "Halaman \"tidak ditemukan\" yang menjawab HTTP 200 (soft 404)",
            .firewall: "Diblokir firewall: yang tampil halaman penyaring, bukan isi halaman",
            .errorStatus: "Server menjawab dengan kode status galat HTTP",
            .missingFragment: "Bagian halaman (#...) yang dituju tidak ada",
        ]
    )

    static let english = Strings(
        htmlLang: "en",
        titleWithDistrict: "Government Website Audit Report: {district}",
        titleWithoutDistrict: "Government Website Audit Report",
        auditDate: "Audit date",
        generatedAt: "Generated",
        tool: "Tool",
        incompleteRun: "The audit did not finish (cancelled or out of time): some institutions are missing or partial.",
        inputProblems: "Input problems",
        summary: "Summary",
        averageScore: "Average score",
        institutionsAudited: "Institutions audited",
        unreachableCount: "Sites unreachable",
        brokenLinksTotal: "Broken links",
        bandDistribution: "Bands",
        activityDistribution: "Activity",
        readingGuide: "How to read: the 0–100 score is the weighted mean of the category scores (weights in "
            + "rules/scorecard.yaml). Bands follow Monev KIP (Perki 1/2022); by default Informatif ≥ 90, Menuju "
            + "Informatif ≥ 80, Cukup Informatif ≥ 60, Kurang Informatif ≥ 40, Tidak Informatif < 40. Activity "
            + "comes from the date of the newest content; by default aktif ≤ 90 days, kurang aktif ≤ 180 days "
            + "(UU 14/2008 art. 9), otherwise, or with no dated content, tidak aktif.",
        ranking: "Ranking",
        rankColumn: "Rank",
        institutionColumn: "Institution",
        typeColumn: "Type",
        scoreColumn: "Score",
        bandColumn: "Band",
        activityColumn: "Activity",
        latestContentColumn: "Latest content",
        sectionsGapColumn: "Sections lacking",
        sectionsGapHint: "Public-information sections missing or empty, of all sections checked",
        brokenLinksColumn: "Broken links",
        trainingGroups: "Training groups",
        trainingIntro: "Site admins grouped by how active their site is, for follow-up training.",
        institutionDetails: "Institution details",
        site: "Site",
        pagesCrawled: "Pages checked",
        unreachable: "Unreachable",
        unreachableReason: "Reason",
        latestContent: "Latest content",
        noDate: "no date found",
        source: "source",
        categories: "Scores by category",
        sections: "Public-information sections",
        words: "words",
        brokenLinks: "Broken links",
        status: "Status",
        error: "Error",
        redirectChain: "Redirect chain",
        referrers: "Linked from",
        findings: "Findings",
        evidence: "Evidence",
        snippet: "Snippet",
        none: "None",
        backToRanking: "Back to ranking",
        footer: "Generated by {tool} at {generatedAt}.",
        decimalSeparator: ".",
        monthNames: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"],
        shortMonthNames: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        typeNames: [.opd: "Agency", .kecamatan: "Sub-district", .kelurahan: "Urban village", .district: "Portal"],
        activityNames: [.aktif: "Active", .kurangAktif: "Less active", .tidakAktif: "Inactive"],
        sectionStatusNames: [.present: "Present", .empty: "Empty", .missing: "Missing"],
        severityNames: [.info: "Info", .warning: "Warning", .error: "Error", .critical: "Critical"],
        bandNames: ["informatif": "Informative", "menuju-informatif": "Towards Informative",
                    "cukup-informatif": "Fairly Informative", "kurang-informatif": "Less Informative",
                    "tidak-informatif": "Not Informative"],
        categoryTitles: ["freshness": "Freshness", "openness": "Information openness", "links": "Links"],
        failureExplanations: [:]
    )

    func type(_ t: InstitutionType) -> String { typeNames[t] ?? t.rawValue }
    func activity(_ a: ActivityClass) -> String { activityNames[a] ?? a.rawValue }
    func sectionStatus(_ s: SectionStatus) -> String { sectionStatusNames[s] ?? s.rawValue }
    func severity(_ s: Severity) -> String { severityNames[s] ?? s.rawValue }
    /// Unknown bands (a custom scorecard) are shown by their id.
    func band(_ b: String) -> String { bandNames[b] ?? b }

    /// What `reason` (a failure recorded by the crawl, in English) means in this language; nil when
    /// it is not a common kind (``FailureKind``) or needs no explaining.
    func explanation(ofFailure reason: String) -> String? {
        FailureKind.classify(reason).flatMap { failureExplanations[$0] }
    }

    /// "6 Februari 2019" / "6 February 2019".
    func date(_ d: CalendarDate) -> String {
        "\(d.day) \(monthNames[d.month - 1]) \(d.year)"
    }

    /// "6 Feb 2019".
    func shortDate(_ d: CalendarDate) -> String {
        "\(d.day) \(shortMonthNames[d.month - 1]) \(d.year)"
    }
}
