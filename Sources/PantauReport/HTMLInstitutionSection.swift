import PantauCore

/// One institution's section of `report.html`: headline, categories, sections, broken links, findings.
enum HTMLInstitutionSection {
    /// Lists longer than this fold into a `<details>` element (opened again for printing).
    static let foldAfter = 3

    static func render(_ inst: InstitutionReport, anchor: String, _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<article class=\"inst\" id=\"\(anchor)\">\n"
        h += "<h3>\(inst.rank). \(HTMLEscape.text(inst.name))</h3>\n"
        h += "<p class=\"meta\">\(HTMLEscape.text(s.type(inst.type))) · \(HTMLEscape.text(s.site)): "
            + "\(HTMLEscape.link(inst.url)) · \(HTMLEscape.text(s.pagesCrawled)): \(inst.pagesCrawled)</p>\n"
        h += "<div class=\"headline\"><span class=\"score\">\(HTMLEscape.text(ctx.score(inst.score)))</span> "
            + "\(ctx.bandBadge(inst.band)) \(ctx.activityBadge(inst.activity))"
        if !inst.reachable { h += " " + ctx.unreachableBadge() }
        h += "</div>\n"
        if !inst.reachable, let reason = inst.unreachableReason {
            h += "<p class=\"banner\">\(HTMLEscape.text(s.unreachableReason)): \(ctx.failure(reason))</p>\n"
        }
        h += latestContent(inst.latestContent, ctx)
        h += categories(inst.categories, ctx)
        h += sections(inst.sections, ctx)
        h += brokenLinks(inst.brokenLinks, ctx)
        h += findings(inst.findings, ctx)
        h += "<p class=\"noprint\"><a href=\"#ranking\">↑ \(HTMLEscape.text(s.backToRanking))</a></p>\n"
        h += "</article>\n"
        return h
    }

    private static func latestContent(_ latest: LatestContent, _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<p><strong>\(HTMLEscape.text(s.latestContent)):</strong> "
        if let date = latest.date {
            h += HTMLEscape.text(s.date(date))
        } else {
            h += "<span class=\"empty\">\(HTMLEscape.text(s.noDate))</span>"
        }
        if let source = latest.source { h += " (\(HTMLEscape.text(s.source)): \(HTMLEscape.text(source)))" }
        if let url = latest.url { h += " · " + HTMLEscape.link(url) }
        return h + "</p>\n"
    }

    private static func categories(_ scores: [String: Double], _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<h4>\(HTMLEscape.text(s.categories))</h4>\n"
        guard !scores.isEmpty else { return h + none(ctx) }
        h += "<div class=\"cats\">"
        for name in scores.keys.sorted() {
            let value = scores[name] ?? 0
            let width = NumberText.oneDecimal(min(100, max(0, value)))
            h += "<span>\(HTMLEscape.text(ctx.categoryTitle(name)))</span>"
            h += "<div class=\"bar\" role=\"presentation\"><span style=\"width:\(width)%\"></span></div>"
            h += "<span class=\"num\">\(HTMLEscape.text(ctx.score(value)))</span>"
        }
        return h + "</div>\n"
    }

    private static func sections(_ sections: [SectionResult], _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<h4>\(HTMLEscape.text(s.sections))</h4>\n"
        guard !sections.isEmpty else { return h + none(ctx) }
        h += "<div class=\"table-wrap\"><table><tbody>\n"
        for section in sections {
            h += "<tr><td>\(HTMLEscape.text(section.title))</td><td>\(ctx.sectionBadge(section.status))</td><td>"
            if let url = section.url { h += HTMLEscape.link(url) }
            h += "</td><td class=\"num\">"
            if let words = section.wordCount { h += "\(words) \(HTMLEscape.text(s.words))" }
            h += "</td></tr>\n"
        }
        return h + "</tbody></table></div>\n"
    }

    private static func brokenLinks(_ links: [BrokenLinkEntry], _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<h4>\(HTMLEscape.text(s.brokenLinks)) (\(links.count))</h4>\n"
        guard !links.isEmpty else { return h + none(ctx) }
        h += "<ul class=\"items\">\n"
        for link in links {
            h += "<li><div>\(HTMLEscape.link(link.url))</div><div class=\"sub\">"
            var facts: [String] = []
            if let status = link.status { facts.append("\(HTMLEscape.text(s.status)): \(status)") }
            if let error = link.error { facts.append("\(HTMLEscape.text(s.error)): \(ctx.failure(error))") }
            h += facts.joined(separator: " · ") + "</div>"
            if !link.redirectChain.isEmpty { h += urlList(s.redirectChain, link.redirectChain) }
            h += urlList(s.referrers, link.referrers)
            h += "</li>\n"
        }
        return h + "</ul>\n"
    }

    private static func findings(_ findings: [Finding], _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<h4>\(HTMLEscape.text(s.findings)) (\(findings.count))</h4>\n"
        guard !findings.isEmpty else { return h + none(ctx) }
        // Most severe first; the sort is stable, so rules keep their order within a severity.
        let ordered = findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
        h += "<ul class=\"items\">\n"
        for finding in ordered {
            h += "<li><div>\(ctx.severityBadge(finding.severity)) <code>\(HTMLEscape.text(finding.rule))</code></div>"
            h += "<div class=\"msg\">\(ctx.message(finding))</div>"
            if !finding.evidence.isEmpty {
                h += "<div class=\"sub\">\(HTMLEscape.text(s.evidence)):</div><ol class=\"evidence\">"
                h += finding.evidence.map { evidence($0, ctx) }.joined()
                h += "</ol>"
            }
            h += "</li>\n"
        }
        return h + "</ul>\n"
    }

    private static func evidence(_ ev: Evidence, _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<li>\(HTMLEscape.link(ev.url))"
        var facts: [String] = []
        if let status = ev.status { facts.append("\(HTMLEscape.text(s.status)): \(status)") }
        if let error = ev.error { facts.append("\(HTMLEscape.text(s.error)): \(ctx.failure(error))") }
        if let date = ev.date {
            var text = HTMLEscape.text(CalendarDate(iso: date).map { s.date($0) } ?? date)
            if let source = ev.source { text += " (\(HTMLEscape.text(s.source)): \(HTMLEscape.text(source)))" }
            facts.append(text)
        } else if let source = ev.source {
            facts.append("\(HTMLEscape.text(s.source)): \(HTMLEscape.text(source))")
        }
        if !facts.isEmpty { h += " <span class=\"sub\">· \(facts.joined(separator: " · "))</span>" }
        if let snippet = ev.snippet { h += "<blockquote>\(HTMLEscape.text(snippet))</blockquote>" }
        if let xpath = ev.xpath { h += "<div class=\"sub\"><code>\(HTMLEscape.text(xpath))</code></div>" }
        if let chain = ev.redirectChain, !chain.isEmpty { h += urlList(s.redirectChain, chain) }
        return h + "</li>"
    }

    /// A labelled numbered list of URLs, folded into `<details>` when longer than ``foldAfter``.
    private static func urlList(_ label: String, _ urls: [String]) -> String {
        let items = "<ol class=\"plain\">" + urls.map { "<li>\(HTMLEscape.link($0))</li>" }.joined() + "</ol>"
        let heading = "\(HTMLEscape.text(label)) (\(urls.count))"
        if urls.count > foldAfter {
            return "<details><summary>\(heading)</summary>\(items)</details>"
        }
        return "<div class=\"sub\">\(heading):</div>\(items)"
    }

    private static func none(_ ctx: HTMLContext) -> String {
        "<p class=\"empty\">\(HTMLEscape.text(ctx.strings.none))</p>\n"
    }
}
