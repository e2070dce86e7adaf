import PantauCore

/// What the demo district planted: the answers a correct audit of it must give.
///
/// Exact for ``auditDate`` with the default freshness thresholds (``aktifDays``, ``kurangAktifDays``);
/// URLs carry the port the sites are served on.
public struct DemoGroundTruth: Codable, Sendable, Hashable {
    public var district: String
    public var seed: UInt64
    /// The day the truth is judged on, `YYYY-MM-DD`.
    public var auditDate: CalendarDate
    /// Newest content at most this many days old → aktif (domain note §1 default: 90).
    public var aktifDays: Int
    /// Newest content at most this many days old → kurang aktif (default: 180, the 6-month rule of UU 14/2008 Art. 9).
    public var kurangAktifDays: Int
    /// Portal first, then OPD, kecamatan, kelurahan (the inventory's order).
    public var institutions: [DemoInstitutionTruth]
    /// Distinct broken URLs over the whole district.
    public var brokenLinkCount: Int

    public init(district: String, seed: UInt64, auditDate: CalendarDate, aktifDays: Int, kurangAktifDays: Int,
                institutions: [DemoInstitutionTruth]) {
        self.district = district
        self.seed = seed
        self.auditDate = auditDate
        self.aktifDays = aktifDays
        self.kurangAktifDays = kurangAktifDays
        self.institutions = institutions
        self.brokenLinkCount = institutions.reduce(0) { $0 + $1.brokenLinks.count }
    }

    public func institution(id: String) -> DemoInstitutionTruth? { institutions.first { $0.id == id } }
}

/// The planted facts about one institution's site.
public struct DemoInstitutionTruth: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: InstitutionType
    /// The site's host name (no port).
    public var host: String
    /// The home page, `http://host:port/`.
    public var url: String
    /// `wordpress`, `opensid` or `codeigniter`: which URL shapes and date sources the site uses.
    public var cms: String
    /// Number of HTML pages the site serves (all reachable from the home page).
    public var pageCount: Int
    /// The newest post's day.
    public var latestPostDate: CalendarDate
    /// The newest post's page.
    public var latestPostURL: String
    /// The newest post's date exactly as that page prints it (`Rabu, 6 Februari 2019`).
    public var latestPostDateText: String
    /// Whether the site serves an RSS feed (abandoned sites and home-grown CMSes do not).
    public var hasFeed: Bool
    public var activity: ActivityClass
    /// The nine sections, in the order `ppid`, `informasi-berkala`, `informasi-serta-merta`,
    /// `informasi-setiap-saat`, `profil`, `visi-misi`, `struktur-organisasi`, `standar-pelayanan`, `kontak`.
    public var sections: [DemoSectionTruth]
    /// Every distinct URL linked from this site's pages that answers 404, sorted by URL.
    public var brokenLinks: [DemoBrokenLink]
    /// Old URLs that answer 301 to a live page and are linked from the site: not broken.
    public var redirects: [DemoRedirect]
}

/// One section's planted status.
public struct DemoSectionTruth: Codable, Sendable, Hashable {
    public var id: String
    /// The menu label and page title used for it (`Info Berkala`).
    public var title: String
    /// `present`: ≥ 40 words of content; `empty`: a title and < 20 words; `missing`: no page, no menu entry.
    public var status: SectionStatus
    /// The page, when it exists.
    public var url: String?
}

/// A planted broken link with every page of the site that links to it.
public struct DemoBrokenLink: Codable, Sendable, Hashable {
    public var url: String
    /// Always 404 in the demo.
    public var status: Int
    /// Every page linking to `url`, sorted.
    public var referrers: [String]
}

/// A working redirect the site links to.
public struct DemoRedirect: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var status: Int
}
