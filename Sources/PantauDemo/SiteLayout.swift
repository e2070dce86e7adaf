import PantauCore

/// The URL shapes of one CMS flavour.
struct SiteLayout: Sendable {
    var flavour: CMSFlavour

    var absoluteLinks: Bool { flavour != .codeigniter }

    var newsList: String {
        switch flavour {
        case .wordpress: "/category/berita/"
        case .opensid: "/artikel/kategori/berita"
        case .codeigniter: "/berita"
        }
    }

    var feed: String? {
        switch flavour {
        case .wordpress: "/feed/"
        case .opensid: "/feed.xml"
        case .codeigniter: nil
        }
    }

    var hasSitemap: Bool { flavour != .codeigniter }

    var stylesheet: String {
        switch flavour {
        case .wordpress: "/wp-content/themes/sukamaju/style.css"
        case .opensid: "/themes/klasik/assets/css/style.css"
        case .codeigniter: "/assets/css/style.css"
        }
    }

    var logo: String {
        switch flavour {
        case .wordpress: "/wp-content/themes/sukamaju/images/logo.gif"
        case .opensid: "/desa/logo/logo.gif"
        case .codeigniter: "/assets/img/logo.gif"
        }
    }

    var robots: String {
        switch flavour {
        case .wordpress: "User-agent: *\nDisallow: /wp-admin/\n"
        case .opensid: "User-agent: *\nDisallow: /siteman/\n"
        case .codeigniter: "User-agent: *\nDisallow: /admin/\n"
        }
    }

    /// A post's URL: `/2019/02/06/slug/`, `/artikel/2019/2/6/slug` or `/berita/detail/123`.
    func postPath(date: CalendarDate, slug: String, numericID: Int) -> String {
        switch flavour {
        case .wordpress: "/\(date.year)/\(pad2(date.month))/\(pad2(date.day))/\(slug)/"
        case .opensid: "/artikel/\(date.year)/\(date.month)/\(date.day)/\(slug)"
        case .codeigniter: "/berita/detail/\(numericID)"
        }
    }

    /// An uploaded document's URL; WordPress files it under the upload month.
    func documentPath(name: String, uploaded: CalendarDate) -> String {
        switch flavour {
        case .wordpress: "/wp-content/uploads/\(uploaded.year)/\(pad2(uploaded.month))/\(name).pdf"
        case .opensid: "/desa/upload/dokumen/\(name).pdf"
        case .codeigniter: "/uploads/dokumen/\(name).pdf"
        }
    }

    /// A static page's URL from its slug (`/profil/visi-misi/` on WordPress, `/halaman/visi-misi` elsewhere).
    func pagePath(_ slug: String) -> String {
        flavour == .wordpress ? "/\(slug)/" : "/halaman/\(slug)"
    }

    /// Slug choices per section: the variants seen on real sites (domain note §2).
    func slugChoices(_ section: SectionID) -> [String] {
        switch (section, flavour) {
        case (.ppid, .wordpress): ["ppid", "informasi-publik", "ppid-pembantu"]
        case (.ppid, _): ["ppid", "informasi-publik"]
        case (.informasiBerkala, .wordpress): ["ppid/informasi-berkala", "informasi-publik/berkala", "informasi/infoberkala"]
        case (.informasiBerkala, _): ["informasi-berkala", "infoberkala"]
        case (.informasiSertaMerta, .wordpress):
            ["ppid/informasi-serta-merta", "daftar-informasi/informasi-serta-merta", "informasi-publik/serta-merta"]
        case (.informasiSertaMerta, _): ["informasi-serta-merta", "serta-merta"]
        case (.informasiSetiapSaat, .wordpress):
            ["ppid/informasi-setiap-saat", "informasi-publik/setiap-saat", "informasi/infosetiapsaat"]
        case (.informasiSetiapSaat, _): ["informasi-setiap-saat", "infosetiapsaat"]
        case (.profil, .wordpress): ["profil", "profil-instansi"]
        case (.profil, _): ["profil", "profil-instansi"]
        case (.visiMisi, .wordpress): ["profil/visi-misi", "profil/visimisi", "visi-dan-misi"]
        case (.visiMisi, _): ["visi-misi", "visimisi"]
        case (.strukturOrganisasi, .wordpress): ["profil/struktur-organisasi", "struktur-organisasi"]
        case (.strukturOrganisasi, _): ["struktur-organisasi", "sotk"]
        case (.standarPelayanan, .wordpress): ["layanan/standar-pelayanan", "standar-pelayanan"]
        case (.standarPelayanan, _): ["standar-pelayanan"]
        case (.kontak, .wordpress): ["kontak", "kontak-kami", "hubungi-kami"]
        case (.kontak, _): ["kontak", "hubungi-kami"]
        }
    }

    static func labelChoices(_ section: SectionID) -> [String] {
        switch section {
        case .ppid: ["PPID", "Informasi Publik", "PPID Pembantu"]
        case .informasiBerkala: ["Informasi Berkala", "Info Berkala"]
        case .informasiSertaMerta: ["Informasi Serta Merta", "Serta-Merta", "Info Serta Merta"]
        case .informasiSetiapSaat: ["Informasi Setiap Saat", "Info Setiap Saat", "Informasi Tersedia Setiap Saat"]
        case .profil: ["Profil", "Profil Instansi"]
        case .visiMisi: ["Visi Misi", "Visi dan Misi"]
        case .strukturOrganisasi: ["Struktur Organisasi", "Struktur Organisasi dan Tata Kerja"]
        case .standarPelayanan: ["Standar Pelayanan"]
        case .kontak: ["Kontak", "Kontak Kami", "Hubungi Kami"]
        }
    }

    /// The label and path of a dead menu entry.
    func deadMenuChoices() -> [(label: String, path: String)] {
        [("Galeri", pagePath("galeri")), ("Agenda", pagePath("agenda-kegiatan")), ("Unduhan", pagePath("unduhan"))]
    }

    func dateStyles() -> [DateStyle] {
        switch flavour {
        case .wordpress: [.weekdayLong, .short, .slashed, .dashed, .weekdayTight, .weekdaySlashed, .shortWithTime,
                          .weekdayPukul, .tahun]
        case .opensid: [.weekdayLong, .weekdayTight, .shortWithTime]
        case .codeigniter: [.dipost]
        }
    }
}
