import PantauCore

/// The nine public-information sections the demo plants (domain note §2), in report order.
enum SectionID: String, CaseIterable, Sendable {
    case ppid
    case informasiBerkala = "informasi-berkala"
    case informasiSertaMerta = "informasi-serta-merta"
    case informasiSetiapSaat = "informasi-setiap-saat"
    case profil
    case visiMisi = "visi-misi"
    case strukturOrganisasi = "struktur-organisasi"
    case standarPelayanan = "standar-pelayanan"
    case kontak
}

/// The software a site runs, which decides its URL shapes and where dates appear.
enum CMSFlavour: String, Sendable {
    /// `/YYYY/MM/DD/slug/` permalinks, `/feed/`, `<time class="entry-date published">`, absolute links.
    case wordpress
    /// `artikel/YYYY/M/D/slug`, `feed.xml`, date text only.
    case opensid
    /// `/berita/detail/123`, root-relative links, only `Dipost : 13 Desember 2023` text.
    case codeigniter
}

/// A broken link planted on purpose; the exact referrers follow from where the renderer puts it.
enum PlantedDefect: Sendable, Equatable {
    /// A menu entry to a page that never existed: linked from every page of the site.
    case deadMenuEntry
    /// A document link whose file was never uploaded.
    case missingDocument
    /// A "Baca juga" link to a post that was deleted.
    case deletedPost
}

/// Everything that decides one site, chosen by ``DistrictPlanner``.
struct SitePlan: Sendable {
    var entry: RosterEntry
    var flavour: CMSFlavour
    /// The date of the newest post: the freshness ground truth.
    var latestPostDate: CalendarDate
    /// False for abandoned sites whose feed was switched off (and for home-grown CMSes).
    var hasFeed: Bool
    /// Status per section, in ``SectionID`` order.
    var sections: [SectionID: SectionStatus]
    var defects: [PlantedDefect]
    /// Links an old `.html` URL that now answers 301 to a real page.
    var hasLegacyRedirect: Bool
}

/// Chooses every site's plan from the seed, so that the district has the advertised mix.
struct DistrictPlanner {
    /// Default activity thresholds of the freshness rule (domain note §1: 90 / 180 days).
    static let aktifDays = 90
    static let kurangAktifDays = 180

    var seed: UInt64
    var auditDate: CalendarDate

    func plans() -> [SitePlan] {
        var rng = SplitMix64(seed: seed, stream: "district")
        let roster = DistrictRoster.entries()
        let n = roster.count

        let flavours = chooseFlavours(roster, &rng)

        // Activity: the portal is kept up; the rest get 25 aktif, 16 kurang aktif, 23 tidak aktif.
        var classes: [ActivityClass] = Array(repeating: .aktif, count: 25)
            + Array(repeating: .kurangAktif, count: 16) + Array(repeating: .tidakAktif, count: 23)
        rng.shuffle(&classes)
        classes.insert(.aktif, at: 0)

        // Six of the inactive sites were abandoned years ago and their feeds switched off.
        let inactive = (0..<n).filter { classes[$0] == .tidakAktif }
        let abandoned = Set(rng.shuffled(inactive).prefix(6))

        let sectionPlans = chooseSections(count: n, &rng)
        let defects = chooseDefects(count: n, &rng)
        let legacy = Set(rng.shuffled(Array(0..<n)).prefix(12))

        return (0..<n).map { i in
            let latest = latestDate(for: classes[i], abandoned: abandoned.contains(i), &rng)
            let flavour = flavours[i]
            return SitePlan(entry: roster[i], flavour: flavour, latestPostDate: latest,
                            hasFeed: flavour != .codeigniter && !abandoned.contains(i),
                            sections: sectionPlans[i], defects: defects[i], hasLegacyRedirect: legacy.contains(i))
        }
    }

    private func chooseFlavours(_ roster: [RosterEntry], _ rng: inout SplitMix64) -> [CMSFlavour] {
        let opd = roster.indices.filter { roster[$0].type == .opd }
        let kec = roster.indices.filter { roster[$0].type == .kecamatan }
        let kel = roster.indices.filter { roster[$0].type == .kelurahan }
        var flavours = Array(repeating: CMSFlavour.wordpress, count: roster.count)
        for i in rng.shuffled(opd).prefix(3) { flavours[i] = .codeigniter }
        let kecShuffled = rng.shuffled(kec)
        flavours[kecShuffled[0]] = .codeigniter
        for i in kecShuffled[1...2] { flavours[i] = .opensid }
        for i in rng.shuffled(kel).prefix(10) { flavours[i] = .opensid }
        return flavours
    }

    private func latestDate(for activity: ActivityClass, abandoned: Bool, _ rng: inout SplitMix64) -> CalendarDate {
        // Margins keep every site well inside its class, whatever rounding the audit uses.
        switch activity {
        case .aktif:
            return auditDate.adding(days: -rng.int(in: 1...80))
        case .kurangAktif:
            return auditDate.adding(days: -rng.int(in: 100...170))
        case .tidakAktif:
            if abandoned {
                let year = min(2019, auditDate.year - 2)
                let month = rng.int(in: 1...12)
                return CalendarDate(year: year, month: month, day: rng.int(in: 1...28))!
            }
            return auditDate.adding(days: -rng.int(in: 200...1400))
        }
    }

    /// About 30 % of sites miss one to three sections; about 20 % have one empty stub.
    private func chooseSections(count n: Int, _ rng: inout SplitMix64) -> [[SectionID: SectionStatus]] {
        var result = Array(repeating: Dictionary(uniqueKeysWithValues: SectionID.allCases.map { ($0, SectionStatus.present) }),
                           count: n)
        for i in rng.shuffled(Array(0..<n)).prefix(20) {
            for section in rng.shuffled(SectionID.allCases).prefix(rng.int(in: 1...3)) {
                result[i][section] = .missing
            }
        }
        for i in rng.shuffled(Array(0..<n)).prefix(13) {
            let stillPresent = SectionID.allCases.filter { result[i][$0] == .present }
            if !stillPresent.isEmpty { result[i][rng.pick(stillPresent)] = .empty }
        }
        return result
    }

    /// 25 broken links: 3 dead menu entries (distinct sites), 10 missing documents, 12 deleted posts.
    private func chooseDefects(count n: Int, _ rng: inout SplitMix64) -> [[PlantedDefect]] {
        var result = Array(repeating: [PlantedDefect](), count: n)
        for i in rng.shuffled(Array(0..<n)).prefix(3) { result[i].append(.deadMenuEntry) }
        for _ in 0..<10 { result[rng.int(in: 0...(n - 1))].append(.missingDocument) }
        for _ in 0..<12 { result[rng.int(in: 0...(n - 1))].append(.deletedPost) }
        return result
    }
}
