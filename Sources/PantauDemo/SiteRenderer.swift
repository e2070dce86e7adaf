import PantauCore

/// One HTML page of a rendered site and the links it carries.
struct RenderedPage: Sendable {
    var path: String
    var links: [LinkTarget]
}

/// A site, rendered: every URL it answers, and its HTML pages in link order.
struct RenderedSite: Sendable {
    var content: SiteContent
    var routes: [String: StoredResponse]
    /// Every HTML page; each is reachable from the home page through the menu or the news list.
    var pages: [RenderedPage]

    var host: String { content.plan.entry.host }

    /// The response for a path (with query), as the site's CMS would answer it.
    func lookup(_ path: String) -> StoredResponse {
        if let response = routes[path] { return response }
        // WordPress canonicalises a missing trailing slash with a 301.
        if content.layout.flavour == .wordpress, !path.contains("?"), !path.hasSuffix("/"), routes[path + "/"] != nil {
            return .redirect(to: path + "/")
        }
        return .notFound
    }
}

/// Renders one site's pages, feed, sitemap, robots.txt and assets from its ``SiteContent``.
struct SiteRenderer {
    var content: SiteContent
    var auditDate: CalendarDate
    /// The other institutions, listed by the district portal only.
    var directory: [RosterEntry]

    private var entry: RosterEntry { content.plan.entry }
    private var layout: SiteLayout { content.layout }
    private var isPortal: Bool { entry.type == .district }
    private var siteName: String {
        isPortal ? entry.name : "\(entry.name) \(DistrictRoster.districtName)"
    }

    func render() -> RenderedSite {
        var routes: [String: StoredResponse] = [:]
        var pages: [RenderedPage] = []
        func addPage(_ path: String, _ markup: Markup) {
            routes[path] = StoredResponse(status: 200, contentType: "text/html; charset=UTF-8", body: markup.html)
            pages.append(RenderedPage(path: path, links: markup.links))
        }

        addPage("/", frame(title: "Beranda", bodyClass: "home", head: "") { home(&$0) })
        addPage(layout.newsList, frame(title: "Berita", bodyClass: "archive category", head: "") { newsList(&$0) })
        for post in content.posts {
            addPage(post.path, frame(title: post.title, bodyClass: "single single-post", head: postHead(post)) {
                postBody(post, &$0)
            })
        }
        for section in content.sections {
            guard let path = section.path else { continue }
            addPage(path, frame(title: section.label, bodyClass: "page", head: "") {
                sectionBody(section, path: path, &$0)
            })
        }
        for (path, title, text) in extraPages() {
            addPage(path, frame(title: title, bodyClass: "page", head: "") { markup in
                article(title: title, path: path, paragraphs: text, &markup)
            })
        }

        for documents in content.documents.values {
            for document in documents {
                routes[document.path] = StoredResponse(status: 200, contentType: "application/pdf",
                                                       bytes: StaticAssets.pdf(title: document.title))
            }
        }
        for redirect in content.redirects { routes[redirect.from] = .redirect(to: redirect.to) }
        routes[layout.stylesheet] = StoredResponse(status: 200, contentType: "text/css", body: StaticAssets.css)
        routes[layout.logo] = StoredResponse(status: 200, contentType: "image/gif", bytes: StaticAssets.gif)
        routes["/robots.txt"] = StoredResponse(status: 200, contentType: "text/plain; charset=utf-8", body: robots())
        if layout.hasSitemap {
            routes["/sitemap.xml"] = StoredResponse(status: 200, contentType: "application/xml; charset=UTF-8",
                                                    body: sitemap(pages: pages))
        }
        if content.plan.hasFeed, let feed = layout.feed {
            routes[feed] = StoredResponse(status: 200, contentType: "application/rss+xml; charset=UTF-8", body: rss())
        }
        return RenderedSite(content: content, routes: routes, pages: pages)
    }

    // MARK: Page frame

    private func frame(title: String, bodyClass: String, head: String, main: (inout Markup) -> Void) -> Markup {
        var m = Markup(host: entry.host, absoluteLinks: layout.absoluteLinks)
        m.add("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n")
        m.add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        m.add("<title>\(escapeHTML(title)) – \(escapeHTML(siteName))</title>\n")
        m.add("<link rel=\"stylesheet\" href=\"\(m.url(layout.stylesheet))\">\n")
        if content.plan.hasFeed, let feed = layout.feed {
            m.add("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"\(escapeHTML(siteName)) » Feed\" href=\"\(m.url(feed))\">\n")
        }
        m.add(head)
        m.add("</head>\n<body class=\"\(bodyClass)\">\n")
        // The freshness trap of domain note §1: today's date on every page, attached to no content.
        m.add("<div class=\"top-bar\"><span class=\"tanggal-hari-ini\">\(content.spelling.todayLine(auditDate))</span></div>\n")
        m.add("<header id=\"masthead\" class=\"site-header\">\n<a class=\"site-branding\" href=\"\(m.url("/"))\">")
        m.add("<img src=\"\(m.url(layout.logo))\" alt=\"Logo\"> <span class=\"site-title\">\(escapeHTML(siteName))</span></a>\n")
        m.add("<nav id=\"site-navigation\" class=\"main-navigation\"><ul id=\"primary-menu\" class=\"menu\">\n")
        for item in menu() { menuItem(item, &m) }
        m.add("</ul></nav>\n</header>\n<div id=\"content\" class=\"site-content\">\n<main id=\"main\" class=\"site-main\">\n")
        main(&m)
        m.add("</main>\n<aside id=\"secondary\" class=\"widget-area\">\n")
        m.add("<section class=\"widget widget_recent_entries\"><h2 class=\"widget-title\">Berita Terbaru</h2><ul>\n")
        for post in content.posts.prefix(5) {
            m.add("<li>")
            m.anchor(post.path, post.title)
            if content.sidebarShowsDates { m.add(" <span class=\"post-date\">\(post.dateText)</span>") }
            m.add("</li>\n")
        }
        m.add("</ul></section>\n</aside>\n</div>\n<footer id=\"colophon\" class=\"site-footer\">\n")
        // The second trap: the copyright year is the current one and says nothing about content.
        m.add("<p class=\"copyright\">© \(auditDate.year) \(escapeHTML(siteName)). Hak Cipta Dilindungi.</p>\n")
        if !isPortal {
            m.add("<p><a href=\"\(m.url(host: DistrictRoster.domain, path: "/"))\">Portal \(DistrictRoster.districtName)</a></p>\n")
        }
        m.add("</footer>\n</body>\n</html>\n")
        return m
    }

    private func menu() -> [MenuItem] {
        func item(_ id: SectionID) -> MenuItem? {
            let s = content.section(id)
            return s.path.map { MenuItem(label: s.label, path: $0) }
        }
        var items = [MenuItem(label: "Beranda", path: "/")]
        var profilChildren = [item(.visiMisi), item(.strukturOrganisasi)].compactMap { $0 }
        if let tugas = content.tugasPath { profilChildren.append(MenuItem(label: "Tugas dan Fungsi", path: tugas)) }
        if var profil = item(.profil) {
            profil.children = profilChildren
            items.append(profil)
        } else {
            items += profilChildren
        }
        var ppidChildren = [item(.informasiBerkala), item(.informasiSertaMerta), item(.informasiSetiapSaat)].compactMap { $0 }
        if let dip = content.dipPath { ppidChildren.append(MenuItem(label: "DIP", path: dip)) }
        if var ppid = item(.ppid) {
            ppid.children = ppidChildren
            items.append(ppid)
        } else {
            items += ppidChildren
        }
        let layanan = [item(.standarPelayanan), MenuItem(label: "Pengaduan", path: content.pengaduanPath)].compactMap { $0 }
        items.append(MenuItem(label: "Layanan", path: nil, children: layanan))
        items.append(MenuItem(label: "Berita", path: layout.newsList))
        if let kontak = item(.kontak) { items.append(kontak) }
        if let dead = content.deadMenu { items.append(MenuItem(label: dead.label, path: dead.path)) }
        return items
    }

    private func menuItem(_ item: MenuItem, _ m: inout Markup) {
        m.add("<li class=\"menu-item\(item.children.isEmpty ? "" : " menu-item-has-children")\">")
        if let path = item.path { m.anchor(path, item.label) } else { m.add("<a href=\"#\">\(escapeHTML(item.label))</a>") }
        if !item.children.isEmpty {
            m.add("\n<ul class=\"sub-menu\">\n")
            for child in item.children { menuItem(child, &m) }
            m.add("</ul>")
        }
        m.add("</li>\n")
    }

    // MARK: Content

    private func dateLine(_ post: Post) -> String {
        switch layout.flavour {
        case .wordpress:
            "<span class=\"posted-on\"><time class=\"entry-date published\" datetime=\"\(isoDateTime(post.date, hour: post.hour, minute: post.minute))\">\(post.dateText)</time></span>"
        case .opensid: "<span class=\"artikel-tanggal\"><i class=\"fa fa-calendar\"></i> \(post.dateText)</span>"
        case .codeigniter: "<span class=\"tanggal\">\(post.dateText)</span>"
        }
    }

    private func postSummary(_ post: Post, _ m: inout Markup) {
        m.add("<article class=\"post\">\n<h3 class=\"entry-title\">")
        m.anchor(post.path, post.title)
        m.add("</h3>\n<div class=\"entry-meta\">\(dateLine(post))</div>\n")
        m.add("<div class=\"entry-summary\"><p>\(escapeHTML(post.paragraphs[0]))</p></div>\n</article>\n")
    }

    private func home(_ m: inout Markup) {
        m.add("<section class=\"sambutan\"><h2>Selamat Datang</h2>\n")
        m.paragraph("Selamat datang di website resmi \(siteName). Website ini menyajikan informasi kegiatan, layanan dan keterbukaan informasi publik bagi masyarakat.")
        m.add("</section>\n<section class=\"berita-terbaru\"><h2>Berita Terbaru</h2>\n")
        for post in content.posts.prefix(5) { postSummary(post, &m) }
        m.add("</section>\n")
        if let links = content.inlineLinks["/"], !links.isEmpty {
            m.add("<section class=\"tautan-cepat\"><h2>Tautan Cepat</h2><ul>\n")
            for link in links {
                m.add("<li>")
                m.anchor(link.path, link.label)
                m.add("</li>\n")
            }
            m.add("</ul></section>\n")
        }
        if isPortal {
            // The portal links every institution's home: cross-host links that all resolve locally.
            for (type, heading) in [(InstitutionType.opd, "Perangkat Daerah"), (.kecamatan, "Kecamatan"), (.kelurahan, "Kelurahan")] {
                m.add("<section class=\"direktori\"><h2>\(heading)</h2><ul>\n")
                for other in directory where other.type == type {
                    m.add("<li><a href=\"\(m.url(host: other.host, path: "/"))\">\(escapeHTML(other.name))</a></li>\n")
                }
                m.add("</ul></section>\n")
            }
        }
    }

    private func newsList(_ m: inout Markup) {
        m.add("<header class=\"page-header\"><h1 class=\"page-title\">Berita</h1></header>\n")
        for post in content.posts { postSummary(post, &m) }
    }

    private func postHead(_ post: Post) -> String {
        var head = ""
        let iso = isoDateTime(post.date, hour: post.hour, minute: post.minute)
        if content.emitsPublishedMeta {
            head += "<meta property=\"article:published_time\" content=\"\(iso)\">\n"
        }
        if content.emitsJSONLD {
            head += "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"\(post.title)\",\"datePublished\":\"\(iso)\"}</script>\n"
        }
        return head
    }

    private func postBody(_ post: Post, _ m: inout Markup) {
        m.add("<article class=\"post type-post\">\n<header class=\"entry-header\"><h1 class=\"entry-title\">\(escapeHTML(post.title))</h1>\n")
        m.add("<div class=\"entry-meta\">\(dateLine(post)) <span class=\"byline\">oleh Admin</span></div></header>\n")
        m.add("<div class=\"entry-content\">\n")
        for paragraph in post.paragraphs { m.paragraph(paragraph) }
        inlineLinks(at: post.path, &m)
        m.add("</div>\n</article>\n")
    }

    private func inlineLinks(at path: String, _ m: inout Markup) {
        for link in content.inlineLinks[path] ?? [] where link.kind != .legacy {
            m.add("<p>\(link.kind == .readAlso ? "Baca juga: " : "")")
            m.anchor(link.path, link.label)
            m.add("</p>\n")
        }
    }

    private func sectionBody(_ section: SectionPage, path: String, _ m: inout Markup) {
        m.add("<article class=\"page\">\n<h1 class=\"entry-title\">\(escapeHTML(section.label))</h1>\n<div class=\"entry-content\">\n")
        if section.status == .empty {
            // A stub: the title and a few words, well under the 20-word limit.
            let index = Int(path.utf8.reduce(0) { $0 &+ Int($1) }) % TextPool.emptyNotices.count
            m.paragraph(TextPool.emptyNotices[index])
        } else {
            for paragraph in TextPool.sectionText(section.id, institution: siteName) { m.paragraph(paragraph) }
            if section.id == .kontak {
                m.add("<p>Telepon: <a href=\"tel:+622810000000\">(0281) 000000</a><br>Surel: ")
                m.add("<a href=\"mailto:\(entry.id)@\(DistrictRoster.domain)\">\(entry.id)@\(DistrictRoster.domain)</a></p>\n")
            }
            documentList(at: path, &m)
            inlineLinks(at: path, &m)
        }
        m.add("</div>\n</article>\n")
    }

    private func documentList(at path: String, _ m: inout Markup) {
        guard let documents = content.documents[path], !documents.isEmpty else { return }
        m.add("<ul class=\"dokumen\">\n")
        for document in documents {
            m.add("<li>")
            m.anchor(document.path, "\(document.title) (PDF)")
            m.add("</li>\n")
        }
        m.add("</ul>\n")
    }

    private func article(title: String, path: String, paragraphs: [String], _ m: inout Markup) {
        m.add("<article class=\"page\">\n<h1 class=\"entry-title\">\(escapeHTML(title))</h1>\n<div class=\"entry-content\">\n")
        for paragraph in paragraphs { m.paragraph(paragraph) }
        documentList(at: path, &m)
        m.add("</div>\n</article>\n")
    }

    private func extraPages() -> [(String, String, [String])] {
        var pages: [(String, String, [String])] = []
        if let tugas = content.tugasPath {
            pages.append((tugas, "Tugas dan Fungsi", [
                "\(siteName) mempunyai tugas membantu Bupati melaksanakan urusan pemerintahan yang menjadi kewenangan daerah dan tugas pembantuan yang diberikan kepada daerah.",
                "Dalam melaksanakan tugas tersebut, kami menyelenggarakan fungsi perumusan kebijakan teknis, pelaksanaan kebijakan, evaluasi dan pelaporan, pelaksanaan administrasi, serta fungsi lain yang diberikan oleh Bupati.",
            ]))
        }
        if let dip = content.dipPath {
            pages.append((dip, "DIP", [
                "Daftar ini memuat ringkasan seluruh informasi yang dikuasai oleh badan publik kami, penanggung jawab pembuatan informasi, waktu dan tempat pembuatan, bentuk informasi yang tersedia, serta jangka waktu penyimpanannya.",
                "Daftar diperbarui secara berkala dan dapat diunduh melalui tautan di bawah ini.",
            ]))
        }
        pages.append((content.pengaduanPath, "Pengaduan", [
            "Masyarakat dapat menyampaikan pengaduan, saran dan masukan terkait pelayanan kami melalui kotak saran di kantor, telepon, surat, maupun aplikasi pengaduan pelayanan publik nasional.",
            "Setiap pengaduan dicatat, ditindaklanjuti oleh petugas yang ditunjuk, dan hasilnya disampaikan kembali kepada pelapor dalam waktu paling lama empat belas hari kerja.",
        ]))
        return pages
    }

    // MARK: Machine-readable files

    private func robots() -> String {
        layout.robots + (layout.hasSitemap ? "Sitemap: \(markedOrigin(entry.host))/sitemap.xml\n" : "")
    }

    /// Sitemap protocol 0.9. Post `lastmod` is the post's day; other pages never claim a day
    /// later than the newest post, so the sitemap agrees with the freshness ground truth.
    private func sitemap(pages: [RenderedPage]) -> String {
        let latest = content.plan.latestPostDate
        let oldest = content.posts.last?.date ?? latest
        var byPath: [String: CalendarDate] = [:]
        for post in content.posts { byPath[post.path] = post.date }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            let lastmod = page.path == "/" || page.path == layout.newsList ? latest : byPath[page.path] ?? oldest
            xml += "<url><loc>\(markedOrigin(entry.host))\(escapeHTML(page.path))</loc><lastmod>\(lastmod)</lastmod></url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// RSS 2.0. `lastBuildDate` is the audit day: another trap, it dates the feed, not the content.
    private func rss() -> String {
        let origin = markedOrigin(entry.host)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
        xml += "<title>\(escapeHTML(siteName))</title>\n<link>\(origin)/</link>\n"
        xml += "<description>Website resmi \(escapeHTML(siteName))</description>\n<language>id-ID</language>\n"
        xml += "<lastBuildDate>\(rfc822(auditDate, hour: 7, minute: 0))</lastBuildDate>\n"
        for post in content.posts.prefix(10) {
            xml += "<item><title>\(escapeHTML(post.title))</title><link>\(origin)\(post.path)</link>"
            xml += "<guid isPermaLink=\"true\">\(origin)\(post.path)</guid>"
            xml += "<pubDate>\(rfc822(post.date, hour: post.hour, minute: post.minute))</pubDate>"
            xml += "<description>\(escapeHTML(post.paragraphs[0]))</description></item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }
}
