import PantauCore

/// `findings.csv`: one row per evidence item of every finding, institutions in rank order.
///
/// Columns: institution_id, institution_name, rule, severity, message, url, status, error, date,
/// source, snippet. A finding without evidence still gets one row, with the evidence columns empty,
/// so no finding is lost from the sheet.
enum FindingsCSV {
    static func render(_ report: AuditReport) -> String {
        var table = CSVTable(header: ["institution_id", "institution_name", "rule", "severity", "message", "url",
                                      "status", "error", "date", "source", "snippet"])
        for inst in ReportModel.ranked(report) {
            for finding in inst.findings {
                let head: [CSVField] = [.text(inst.id), .text(inst.name), .text(finding.rule),
                                        .text(finding.severity.rawValue), .text(finding.message)]
                if finding.evidence.isEmpty {
                    table.append(head + Array(repeating: .empty, count: 6))
                }
                for ev in finding.evidence {
                    table.append(head + [.text(ev.url), .int(ev.status), .optionalText(ev.error),
                                         .optionalText(ev.date), .optionalText(ev.source),
                                         .optionalText(ev.snippet)])
                }
            }
        }
        return table.string
    }
}
