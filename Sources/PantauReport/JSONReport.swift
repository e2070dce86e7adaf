import Foundation
import PantauCore

/// `report.json` (schema version 1).
///
/// The core types' synthesized `Encodable` drops nil optionals; the schema instead names every
/// key and writes `null` for an unknown value (a reader can tell "unknown" from "schema changed").
/// These mirrors encode optionals explicitly, which writes `null`. Decoding the file back into
/// ``AuditReport`` with `JSONDecoder` works unchanged (a `null` decodes as nil).
enum JSONReport {
    static func encode(_ report: AuditReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(ReportDTO(report))
    }
}

private struct ReportDTO: Encodable {
    let base: AuditReport
    init(_ base: AuditReport) { self.base = base }

    enum Keys: String, CodingKey {
        case schemaVersion, generatedAt, auditDate, tool, complete, inputProblems, summary, institutions
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(base.schemaVersion, forKey: .schemaVersion)
        try c.encode(base.generatedAt, forKey: .generatedAt)
        try c.encode(base.auditDate, forKey: .auditDate)
        try c.encode(base.tool, forKey: .tool)
        try c.encode(base.complete, forKey: .complete)
        try c.encode(base.inputProblems, forKey: .inputProblems)
        // DistrictSummary has no optionals: its synthesized encoding already names every key.
        try c.encode(base.summary, forKey: .summary)
        try c.encode(base.institutions.map(InstitutionDTO.init), forKey: .institutions)
    }
}

private struct InstitutionDTO: Encodable {
    let base: InstitutionReport
    init(_ base: InstitutionReport) { self.base = base }

    enum Keys: String, CodingKey {
        case id, name, type, url, score, band, rank, activity, reachable, unreachableReason, pagesCrawled
        case latestContent, categories, sections, brokenLinks, findings
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(base.id, forKey: .id)
        try c.encode(base.name, forKey: .name)
        try c.encode(base.type, forKey: .type)
        try c.encode(base.url, forKey: .url)
        try c.encode(base.score, forKey: .score)
        try c.encode(base.band, forKey: .band)
        try c.encode(base.rank, forKey: .rank)
        try c.encode(base.activity, forKey: .activity)
        try c.encode(base.reachable, forKey: .reachable)
        try c.encode(base.unreachableReason, forKey: .unreachableReason)
        try c.encode(base.pagesCrawled, forKey: .pagesCrawled)
        try c.encode(LatestContentDTO(base.latestContent), forKey: .latestContent)
        try c.encode(base.categories, forKey: .categories)
        try c.encode(base.sections.map(SectionDTO.init), forKey: .sections)
        try c.encode(base.brokenLinks.map(BrokenLinkDTO.init), forKey: .brokenLinks)
        try c.encode(base.findings.map(FindingDTO.init), forKey: .findings)
    }
}

private struct LatestContentDTO: Encodable {
    let base: LatestContent
    init(_ base: LatestContent) { self.base = base }

    enum Keys: String, CodingKey { case date, source, url }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(base.date, forKey: .date)
        try c.encode(base.source, forKey: .source)
        try c.encode(base.url, forKey: .url)
    }
}

private struct SectionDTO: Encodable {
    let base: SectionResult
    init(_ base: SectionResult) { self.base = base }

    enum Keys: String, CodingKey { case id, title, status, url, wordCount }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(base.id, forKey: .id)
        try c.encode(base.title, forKey: .title)
        try c.encode(base.status, forKey: .status)
        try c.encode(base.url, forKey: .url)
        try c.encode(base.wordCount, forKey: .wordCount)
    }
}

private struct BrokenLinkDTO: Encodable {
    let base: BrokenLinkEntry
    init(_ base: BrokenLinkEntry) { self.base = base }

    enum Keys: String, CodingKey { case url, status, error, redirectChain, referrers }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(base.url, forKey: .url)
        try c.encode(base.status, forKey: .status)
        try c.encode(base.error, forKey: .error)
        try c.encode(base.redirectChain, forKey: .redirectChain)
        try c.encode(base.referrers, forKey: .referrers)
    }
}

private struct FindingDTO: Encodable {
    let base: Finding
    init(_ base: Finding) { self.base = base }

    enum Keys: String, CodingKey { case rule, severity, message, evidence }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(base.rule, forKey: .rule)
        try c.encode(base.severity, forKey: .severity)
        try c.encode(base.message, forKey: .message)
        try c.encode(base.evidence.map(EvidenceDTO.init), forKey: .evidence)
    }
}

private struct EvidenceDTO: Encodable {
    let base: Evidence
    init(_ base: Evidence) { self.base = base }

    enum Keys: String, CodingKey { case url, snippet, xpath, date, source, status, error, redirectChain }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(base.url, forKey: .url)
        try c.encode(base.snippet, forKey: .snippet)
        try c.encode(base.xpath, forKey: .xpath)
        try c.encode(base.date, forKey: .date)
        try c.encode(base.source, forKey: .source)
        try c.encode(base.status, forKey: .status)
        try c.encode(base.error, forKey: .error)
        try c.encode(base.redirectChain, forKey: .redirectChain)
    }
}
