import Foundation
import PantauCore

/// Orderings and counts every writer shares, so the HTML table, the CSV rows and the training
/// groups can never disagree about order or totals.
enum ReportModel {
    /// Institutions best first: by rank, then id, so equal ranks still give a stable order.
    static func ranked(_ report: AuditReport) -> [InstitutionReport] {
        report.institutions.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
    }

    /// Every category any institution was scored on, sorted by name: a stable column order that
    /// does not depend on dictionary iteration.
    static func categoryNames(_ report: AuditReport) -> [String] {
        Set(report.institutions.flatMap { $0.categories.keys }).sorted()
    }

    static func count(_ sections: [SectionResult], _ status: SectionStatus) -> Int {
        sections.filter { $0.status == status }.count
    }
}

/// Numbers as text, independent of the process locale.
enum NumberText {
    /// One decimal place (scores are kept to one decimal); empty for NaN or infinity.
    static func oneDecimal(_ value: Double, separator: String = ".") -> String {
        guard value.isFinite else { return "" }
        let text = String(format: "%.1f", value)
        return separator == "." ? text : text.replacingOccurrences(of: ".", with: separator)
    }
}
