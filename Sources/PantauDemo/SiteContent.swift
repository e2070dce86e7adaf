import PantauCore

/// One news post of a generated site.
struct Post: Sendable {
    var title: String
    var path: String
    var date: CalendarDate
    var hour: Int
    var minute: Int
    var second: Int
    var paragraphs: [String]
    /// The date exactly as the post page prints it.
    var dateText: String
}

/// A public-information section page (or the absence of one).
struct SectionPage: Sendable {
    var id: SectionID
    var label: String
    /// Nil when the section is missing.
    var path: String?
    var status: SectionStatus
}

/// An extra link planted inside one page's main content.
struct InlineLink: Sendable {
    enum Kind: Sendable { case document, readAlso, legacy }
    var kind: Kind
    var path: String
    var label: String
}

/// A document the site actually serves.
struct Document: Sendable {
    var path: String
    var title: String
}

/// A menu entry; `path == nil` renders a `#` parent that only opens its submenu.
struct MenuItem: Sendable {
    var label: String
    var path: String?
    var children: [MenuItem] = []
}

/// Everything a site's pages are rendered from, chosen once from the site's own generator.
struct SiteContent: Sendable {
    var plan: SitePlan
    var layout: SiteLayout
    var spelling: DateSpelling
    var dateStyle: DateStyle
    /// Newest first.
    var posts: [Post]
    /// In ``SectionID`` order.
    var sections: [SectionPage]
    var tugasPath: String?
    var dipPath: String?
    var pengaduanPath: String
    var deadMenu: (label: String, path: String)?
    /// Served documents, keyed by the page that lists them.
    var documents: [String: [Document]]
    /// Planted links keyed by the page that carries them.
    var inlineLinks: [String: [InlineLink]]
    /// `from` answers 301 to `to`.
    var redirects: [(from: String, to: String)]
    var emitsPublishedMeta: Bool
    var emitsJSONLD: Bool
    var sidebarShowsDates: Bool

    func section(_ id: SectionID) -> SectionPage { sections.first { $0.id == id }! }
}

/// Turns a ``SitePlan`` into ``SiteContent``: posts, paths, labels and where each defect sits.
struct SiteContentPlanner {
    var plan: SitePlan
    var seed: UInt64

    func make() -> SiteContent {
        var rng = SplitMix64(seed: seed, stream: "site:" + plan.entry.id)
        let layout = SiteLayout(flavour: plan.flavour)
        var spelling = DateSpelling()
        spelling.oldSpelling = rng.chance(0.3)
        spelling.jumatApostrophe = rng.chance(0.3)
        spelling.ahad = rng.chance(0.15)
        spelling.augustShort = rng.pick(["Agu", "Agt", "Ags"])
        let dateStyle = rng.pick(layout.dateStyles())

        let posts = makePosts(layout: layout, spelling: spelling, style: dateStyle, &rng)
        var used = Set(posts.map(\.path))
        used.insert("/")
        used.insert(layout.newsList)

        let sections = makeSections(layout: layout, used: &used, &rng)
        let present = { (id: SectionID) in sections.first { $0.id == id }!.status != .missing }
        let tugas = present(.profil) ? claim(layout.pagePath("profil/tugas-dan-fungsi"), &used) : nil
        let dip = present(.informasiSetiapSaat) && present(.ppid) ? claim(layout.pagePath("ppid/daftar-informasi-publik"), &used) : nil
        let pengaduan = claim(layout.pagePath("pengaduan"), &used)

        var content = SiteContent(
            plan: plan, layout: layout, spelling: spelling, dateStyle: dateStyle, posts: posts, sections: sections,
            tugasPath: tugas, dipPath: dip, pengaduanPath: pengaduan, deadMenu: nil, documents: [:], inlineLinks: [:],
            redirects: [], emitsPublishedMeta: plan.flavour == .wordpress && rng.chance(0.5),
            emitsJSONLD: plan.flavour == .wordpress && rng.chance(0.3), sidebarShowsDates: rng.chance(0.5))

        placeDocuments(&content, used: &used, &rng)
        placeDefects(&content, used: &used, &rng)
        placeLegacyRedirect(&content, used: &used, &rng)
        return content
    }

    private func claim(_ path: String, _ used: inout Set<String>) -> String {
        var candidate = path
        var n = 2
        while used.contains(candidate) {
            candidate = path.hasSuffix("/") ? String(path.dropLast()) + "-\(n)/" : path + "-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }

    private func makePosts(layout: SiteLayout, spelling: DateSpelling, style: DateStyle,
                           _ rng: inout SplitMix64) -> [Post] {
        let count = rng.int(in: 8...15)
        var titles = rng.shuffled(TextPool.postTitles)
        var date = plan.latestPostDate
        var posts: [Post] = []
        for k in 0..<count {
            if k > 0 { date = date.adding(days: -rng.int(in: 4...40)) }
            let title = titles.removeFirst()
            let hour = rng.int(in: 8...15), minute = rng.int(in: 0...59), second = rng.int(in: 0...59)
            let paragraphs = (0..<rng.int(in: 2...3)).map { _ in
                (0..<rng.int(in: 2...4)).map { _ in rng.pick(TextPool.sentences) }.joined(separator: " ")
            }
            // Home-grown CMS ids grow with time, leaving odd gaps where posts were deleted.
            let numericID = 120 + (count - 1 - k) * 2
            posts.append(Post(title: title, path: layout.postPath(date: date, slug: TextPool.slug(title), numericID: numericID),
                              date: date, hour: hour, minute: minute, second: second, paragraphs: paragraphs,
                              dateText: spelling.format(date, hour: hour, minute: minute, second: second, style: style)))
        }
        return posts
    }

    private func makeSections(layout: SiteLayout, used: inout Set<String>, _ rng: inout SplitMix64) -> [SectionPage] {
        var pageIDs = Set<Int>()
        return SectionID.allCases.map { id in
            let status = plan.sections[id] ?? .present
            let label = rng.pick(SiteLayout.labelChoices(id))
            var path: String?
            if status != .missing {
                if layout.flavour == .wordpress && rng.chance(0.12) {
                    var pageID = rng.int(in: 20...400)
                    while pageIDs.contains(pageID) { pageID += 1 }
                    pageIDs.insert(pageID)
                    path = claim("/?page_id=\(pageID)", &used)
                } else {
                    // A slug must not give away a section the site lacks (`/ppid/...` without a PPID page).
                    let choices = layout.slugChoices(id).filter { slug in
                        !(plan.sections[.ppid] == .missing && (slug.contains("ppid") || slug.contains("informasi-publik")))
                            && !(plan.sections[.profil] == .missing && slug.contains("profil"))
                    }
                    path = claim(layout.pagePath(rng.pick(choices.isEmpty ? [id.rawValue] : choices)), &used)
                }
            }
            return SectionPage(id: id, label: label, path: path, status: status)
        }
    }

    /// The day documents were uploaded: never after the newest post, so no URL dates a site fresher.
    private func uploadDate(_ rng: inout SplitMix64) -> CalendarDate {
        plan.latestPostDate.adding(days: -rng.int(in: 0...60))
    }

    private func placeDocuments(_ content: inout SiteContent, used: inout Set<String>, _ rng: inout SplitMix64) {
        func add(_ page: SectionPage?, _ names: [(String, String)]) {
            guard let page, page.status == .present, let path = page.path else { return }
            let uploaded = uploadDate(&rng)
            let year = uploaded.year - 1
            content.documents[path, default: []] += names.map { name, title in
                Document(path: claim(content.layout.documentPath(name: "\(name)-\(year)", uploaded: uploaded), &used),
                         title: "\(title) \(year)")
            }
        }
        add(content.section(.informasiBerkala), [("lkjip", "Laporan Kinerja Instansi Pemerintah (LKjIP)"),
                                                 ("lra", "Laporan Realisasi Anggaran")])
        add(content.section(.standarPelayanan), [("standar-pelayanan", "Standar Pelayanan")])
        if let dip = content.dipPath {
            let uploaded = uploadDate(&rng)
            content.documents[dip, default: []].append(
                Document(path: claim(content.layout.documentPath(name: "daftar-informasi-publik", uploaded: uploaded), &used),
                         title: "Daftar Informasi Publik"))
        }
    }

    private func placeDefects(_ content: inout SiteContent, used: inout Set<String>, _ rng: inout SplitMix64) {
        let layout = content.layout
        let berkala = content.section(.informasiBerkala)
        let missingNames = ["neraca", "calk", "renstra", "renja", "sk-ppid", "rka", "dpa", "lppd"]
        let takenTitles = Set(content.posts.map(\.title))
        var spareTitles = rng.shuffled(TextPool.postTitles.filter { !takenTitles.contains($0) })
        for defect in plan.defects {
            switch defect {
            case .deadMenuEntry:
                let choice = rng.pick(layout.deadMenuChoices())
                content.deadMenu = (choice.label, claim(choice.path, &used))
            case .missingDocument:
                let host = berkala.status == .present && rng.chance(0.6) ? berkala.path! : rng.pick(content.posts).path
                let uploaded = uploadDate(&rng)
                let name = rng.pick(missingNames)
                let path = claim(layout.documentPath(name: "\(name)-\(uploaded.year - 1)", uploaded: uploaded), &used)
                content.inlineLinks[host, default: []].append(
                    InlineLink(kind: .document, path: path, label: "Unduh \(name.uppercased()) \(uploaded.year - 1) (PDF)"))
            case .deletedPost:
                let referrers = Array(rng.shuffled(Array(content.posts.indices)).prefix(rng.chance(0.4) ? 2 : 1))
                let oldest = referrers.map { content.posts[$0].date }.min()!
                let date = oldest.adding(days: -rng.int(in: 10...200))
                let title = spareTitles.isEmpty ? "Berita Lama" : spareTitles.removeFirst()
                // Odd ids never belonged to a live post (live ones are even).
                let path = claim(layout.postPath(date: date, slug: TextPool.slug(title),
                                                 numericID: 101 + 2 * rng.int(in: 0...8)), &used)
                for r in referrers {
                    content.inlineLinks[content.posts[r].path, default: []].append(
                        InlineLink(kind: .readAlso, path: path, label: title))
                }
            }
        }
    }

    private func placeLegacyRedirect(_ content: inout SiteContent, used: inout Set<String>, _ rng: inout SplitMix64) {
        guard plan.hasLegacyRedirect else { return }
        let candidates = content.sections.filter { $0.status == .present && !($0.path ?? "?").contains("?") }
        guard !candidates.isEmpty else { return }
        let target = rng.pick(candidates)
        let path = target.path!
        let from = claim((path.hasSuffix("/") ? String(path.dropLast()) : path) + ".html", &used)
        content.redirects.append((from: from, to: path))
        content.inlineLinks["/", default: []].append(InlineLink(kind: .legacy, path: from, label: target.label))
    }
}
