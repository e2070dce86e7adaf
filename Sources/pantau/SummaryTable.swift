import Foundation
import PantauCore

/// The short plain-text table printed after an audit.
enum SummaryTable {
    static func render(_ report: AuditReport) -> String {
        let header = ["#", "institution", "type", "score", "band", "activity", "latest", "sections", "broken"]
        var rows: [[String]] = [header]
        for item in report.institutions {
            let missing = item.sections.filter { $0.status != .present }.count
            rows.append([
                String(item.rank), item.id, item.type.rawValue, String(format1(item.score)), item.band,
                item.activity.rawValue, item.reachable ? (item.latestContent.date?.description ?? "-") : "unreachable",
                missing == 0 ? "ok" : "\(missing) missing/empty", String(item.brokenLinks.count),
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        let groups = ActivityClass.allCases.map { "\($0.rawValue): \(report.summary.activityGroups[$0.rawValue]?.count ?? 0)" }
        lines.append("")
        lines.append("\(report.institutions.count) institutions, average score \(format1(report.summary.averageScore)), "
            + groups.joined(separator: ", ") + ", \(report.summary.brokenLinkCount) broken links")
        return lines.joined(separator: "\n")
    }

    private static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
