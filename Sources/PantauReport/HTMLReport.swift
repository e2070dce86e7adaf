import PantauCore

/// `report.html`: one self-contained page for people (district staff, printed for meetings).
///
/// Order: title, district summary, ranking table, training groups, one section per institution.
/// All data is escaped by ``HTMLEscape``; labels come from ``Strings``.
enum HTMLReport {
    static func render(_ report: AuditReport, options: ReportOptions) -> String {
        let ctx = HTMLContext(options: options)
        let s = ctx.strings
        let ranked = ReportModel.ranked(report)
        let anchors = HTMLAnchors.make(for: ranked)
        let title = options.districtName.map { ctx.fill(s.titleWithDistrict, ["district": $0]) }
            ?? s.titleWithoutDistrict

        var h = """
        <!DOCTYPE html>
        <html lang="\(s.htmlLang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(HTMLStyle.contentSecurityPolicy)">
        <title>\(HTMLEscape.text(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        <script>\(HTMLStyle.printScript)</script>
        </head>
        <body>
        <main>
        <header id="top">
        <h1>\(HTMLEscape.text(title))</h1>
        <p class="meta">\(HTMLEscape.text(s.auditDate)): <strong>\(HTMLEscape.text(s.date(report.auditDate)))</strong></p>
        </header>

        """
        if !report.complete {
            h += "<p class=\"banner\" role=\"alert\">\(HTMLEscape.text(s.incompleteRun))</p>\n"
        }
        if !report.inputProblems.isEmpty {
            h += "<div class=\"banner\"><strong>\(HTMLEscape.text(s.inputProblems))</strong><ul>"
            h += report.inputProblems.map { "<li>\(HTMLEscape.text($0))</li>" }.joined()
            h += "</ul></div>\n"
        }
        h += summary(report, ranked: ranked, ctx)
        h += rankingTable(ranked, anchors: anchors, ctx)
        h += trainingGroups(ranked, anchors: anchors, ctx)
        h += "<section>\n<h2>\(HTMLEscape.text(s.institutionDetails))</h2>\n"
        for (inst, anchor) in zip(ranked, anchors) {
            h += HTMLInstitutionSection.render(inst, anchor: anchor, ctx)
        }
        h += "</section>\n"
        let footer = ctx.fill(s.footer, ["tool": report.tool, "generatedAt": report.generatedAt])
        h += "<footer>\(HTMLEscape.text(footer))</footer>\n</main>\n</body>\n</html>\n"
        return h
    }

    private static func summary(_ report: AuditReport, ranked: [InstitutionReport], _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        let unreachable = ranked.filter { !$0.reachable }.count
        func stat(_ value: String, _ label: String) -> String {
            "<div class=\"stat\"><b>\(HTMLEscape.text(value))</b><span>\(HTMLEscape.text(label))</span></div>"
        }
        var h = "<section id=\"summary\">\n<h2>\(HTMLEscape.text(s.summary))</h2>\n<div class=\"stats\">"
        h += stat(ctx.score(report.summary.averageScore), s.averageScore)
        h += stat(String(ranked.count), s.institutionsAudited)
        h += stat(String(unreachable), s.unreachableCount)
        h += stat(String(report.summary.brokenLinkCount), s.brokenLinksTotal)
        h += "</div>\n"

        // Known bands best first, always shown (a zero is news too); then any custom bands.
        let counts = report.summary.bandCounts
        let bands = Strings.bandOrder + counts.keys.filter { !Strings.bandOrder.contains($0) }.sorted()
        h += "<div class=\"dist\"><span class=\"label\">\(HTMLEscape.text(s.bandDistribution))</span>"
        h += bands.map { "\(ctx.bandBadge($0)) <span class=\"num\">\(counts[$0] ?? 0)</span>" }
            .joined(separator: " ")
        h += "</div>\n"

        h += "<div class=\"dist\"><span class=\"label\">\(HTMLEscape.text(s.activityDistribution))</span>"
        h += ActivityClass.allCases.map { activity in
            "\(ctx.activityBadge(activity)) <span class=\"num\">\(ranked.filter { $0.activity == activity }.count)</span>"
        }.joined(separator: " ")
        h += "</div>\n"
        h += "<p class=\"guide\">\(HTMLEscape.text(s.readingGuide))</p>\n</section>\n"
        return h
    }

    private static func rankingTable(_ ranked: [InstitutionReport], anchors: [String], _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        func th(_ label: String, numeric: Bool = false, hint: String? = nil) -> String {
            let cls = numeric ? " class=\"num\"" : ""
            let title = hint.map { " title=\"\(HTMLEscape.text($0))\"" } ?? ""
            return "<th scope=\"col\"\(cls)\(title)>\(HTMLEscape.text(label))</th>"
        }
        var h = "<section id=\"ranking\">\n<h2>\(HTMLEscape.text(s.ranking))</h2>\n"
        h += "<div class=\"table-wrap\"><table>\n<thead><tr>"
        h += th(s.rankColumn, numeric: true) + th(s.institutionColumn) + th(s.typeColumn)
            + th(s.scoreColumn, numeric: true) + th(s.bandColumn) + th(s.activityColumn)
            + th(s.latestContentColumn) + th(s.sectionsGapColumn, numeric: true, hint: s.sectionsGapHint)
            + th(s.brokenLinksColumn, numeric: true)
        h += "</tr></thead>\n<tbody>\n"
        for (inst, anchor) in zip(ranked, anchors) {
            let lacking = inst.sections.filter { $0.status != .present }.count
            let latest = inst.latestContent.date.map { s.shortDate($0) } ?? "—"
            h += "<tr>"
            h += "<td class=\"num\">\(inst.rank)</td>"
            h += "<td><a href=\"#\(anchor)\">\(HTMLEscape.text(inst.name))</a>"
            if !inst.reachable { h += " " + ctx.unreachableBadge() }
            h += "</td>"
            h += "<td>\(HTMLEscape.text(s.type(inst.type)))</td>"
            h += "<td class=\"num\"><strong>\(HTMLEscape.text(ctx.score(inst.score)))</strong></td>"
            h += "<td>\(ctx.bandBadge(inst.band))</td>"
            h += "<td>\(ctx.activityBadge(inst.activity))</td>"
            h += "<td class=\"nowrap\">\(HTMLEscape.text(latest))</td>"
            h += "<td class=\"num\">\(lacking)/\(inst.sections.count)</td>"
            h += "<td class=\"num\">\(inst.brokenLinks.count)</td>"
            h += "</tr>\n"
        }
        h += "</tbody>\n</table></div>\n</section>\n"
        return h
    }

    private static func trainingGroups(_ ranked: [InstitutionReport], anchors: [String], _ ctx: HTMLContext) -> String {
        let s = ctx.strings
        var h = "<section id=\"training\">\n<h2>\(HTMLEscape.text(s.trainingGroups))</h2>\n"
        h += "<p class=\"meta\">\(HTMLEscape.text(s.trainingIntro))</p>\n<div class=\"groups\">\n"
        for activity in ActivityClass.allCases {
            let members = zip(ranked, anchors).filter { $0.0.activity == activity }
            h += "<div class=\"group\"><h3>\(ctx.activityBadge(activity)) <span class=\"num\">\(members.count)</span></h3>"
            if members.isEmpty {
                h += "<p class=\"empty\">\(HTMLEscape.text(s.none))</p>"
            } else {
                h += "<ol>"
                h += members.map { inst, anchor in
                    "<li><a href=\"#\(anchor)\">\(HTMLEscape.text(inst.name))</a> "
                        + "<span class=\"sub\">\(HTMLEscape.text(ctx.score(inst.score)))</span></li>"
                }.joined()
                h += "</ol>"
            }
            h += "</div>\n"
        }
        h += "</div>\n</section>\n"
        return h
    }
}
