import PantauCore

/// `scorecards.csv`: one row per institution, in rank order, for spreadsheets.
///
/// Columns: rank, id, name, type, url, score, band, activity, latest_content_date,
/// latest_content_source, one `category_<name>` column per category (sorted by name; empty when
/// the institution has no score there), sections_present, sections_empty, sections_missing,
/// broken_links, pages_crawled, reachable (`true`/`false`). Scores have one decimal, `.` separated.
enum ScorecardsCSV {
    static func render(_ report: AuditReport) -> String {
        let categories = ReportModel.categoryNames(report)
        var table = CSVTable(header: ["rank", "id", "name", "type", "url", "score", "band", "activity",
                                      "latest_content_date", "latest_content_source"]
                                 + categories.map { "category_" + $0 }
                                 + ["sections_present", "sections_empty", "sections_missing", "broken_links",
                                    "pages_crawled", "reachable"])
        for inst in ReportModel.ranked(report) {
            var row: [CSVField] = [
                .int(inst.rank), .text(inst.id), .text(inst.name), .text(inst.type.rawValue), .text(inst.url),
                .score(inst.score), .text(inst.band), .text(inst.activity.rawValue),
                .optionalText(inst.latestContent.date?.description), .optionalText(inst.latestContent.source),
            ]
            row += categories.map { CSVField.score(inst.categories[$0]) }
            row += [
                .int(ReportModel.count(inst.sections, .present)),
                .int(ReportModel.count(inst.sections, .empty)),
                .int(ReportModel.count(inst.sections, .missing)),
                .int(inst.brokenLinks.count), .int(inst.pagesCrawled),
                .number(inst.reachable ? "true" : "false"),
            ]
            table.append(row)
        }
        return table.string
    }
}
