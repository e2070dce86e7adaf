import Foundation
import PantauCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the report files could not be written.
public enum ReportWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output directory does not exist and could not be made.
    case cannotCreateDirectory(path: String, reason: String)
    /// A temporary file could not be written (disk full, no permission).
    case cannotWrite(path: String, reason: String)
    /// A finished temporary file could not be renamed into place.
    case cannotRename(from: String, to: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason): "cannot create directory \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .cannotRename(let from, let to, let reason): "cannot rename \(from) to \(to): \(reason)"
        }
    }
}

/// Renders an ``AuditReport`` as the four report files.
///
/// - `report.json`: the whole report for programs (schema version 1, every optional key present,
///   `null` when unknown), UTF-8.
/// - `report.html`: one self-contained page for people, in ``ReportOptions/language``.
/// - `scorecards.csv`: one row per institution, in rank order.
/// - `findings.csv`: one row per finding per evidence item.
///
/// The CSV files follow RFC 4180 (CRLF record ends, quoted fields with doubled quotes, a header
/// row), are UTF-8 without a byte-order mark, and neutralise spreadsheet formulas in text cells
/// (OWASP "CSV Injection": a leading `'` before `= + - @`, tab or CR).
public enum ReportWriter {
    /// The file names ``write(_:to:options:)`` produces, in the order it returns them.
    public static let fileNames = ["report.json", "report.html", "scorecards.csv", "findings.csv"]

    /// Writes the four files into `directory`, creating it (and its parents) if needed.
    ///
    /// Every file is first written in full under a hidden temporary name in the same directory,
    /// and only when all four are written are they renamed into place (`rename(2)` is atomic
    /// within one file system): a crash or a full disk never leaves a truncated report, and an
    /// earlier report stays intact until the new one is complete.
    /// - Returns: The paths written: `directory/report.json`, `report.html`, `scorecards.csv`,
    ///   `findings.csv`, in that order.
    /// - Throws: ``ReportWriteError`` when the directory or a file cannot be written or renamed,
    ///   or the encoder's `EncodingError` (for example a score that is NaN).
    @discardableResult
    public static func write(_ report: AuditReport, to directory: String, options: ReportOptions) throws -> [String] {
        let contents: [Data] = [
            try json(report),
            Data(html(report, options: options).utf8),
            Data(scorecardsCSV(report).utf8),
            Data(findingsCSV(report).utf8),
        ]
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError.cannotCreateDirectory(path: directory, reason: "\(error)")
        }
        let base = URL(fileURLWithPath: directory)
        let finals = fileNames.map { base.appendingPathComponent($0).path }
        let token = "\(getpid())-\(UUID().uuidString)"
        let temps = fileNames.map { base.appendingPathComponent(".\($0).\(token).tmp").path }

        var written: [String] = []
        defer { for path in written { unlink(path) } }  // leftovers after a failure; renamed ones are gone
        for (data, temp) in zip(contents, temps) {
            do {
                try data.write(to: URL(fileURLWithPath: temp))
                written.append(temp)
            } catch {
                throw ReportWriteError.cannotWrite(path: temp, reason: "\(error)")
            }
        }
        for (temp, final) in zip(temps, finals) {
            guard rename(temp, final) == 0 else {
                throw ReportWriteError.cannotRename(from: temp, to: final, reason: String(cString: strerror(errno)))
            }
            written.removeAll { $0 == temp }
        }
        return finals
    }

    /// Makes sure the reports can be written to `directory` before an audit spends minutes or
    /// hours crawling: creates it (and its parents) if needed and writes and removes a probe file.
    /// - Throws: ``ReportWriteError/cannotCreateDirectory(path:reason:)`` when `directory` is a
    ///   file or cannot be made, ``ReportWriteError/cannotWrite(path:reason:)`` when it is not
    ///   writable (read-only, no permission); the reason is the system's, e.g. "Permission denied".
    public static func prepare(directory: String) throws(ReportWriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotCreateDirectory(path: directory, reason: "a file with that name exists; choose another --out")
            }
        } else if let reason = makeDirectories(directory) {
            throw .cannotCreateDirectory(path: directory, reason: reason)
        }
        let probe = URL(fileURLWithPath: directory).appendingPathComponent(".pantau-write-test.\(getpid())").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: directory, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        unlink(probe)
    }

    /// `mkdir -p` with `mkdir(2)`, so a failure carries the system's reason ("Not a directory",
    /// "Permission denied"), which Foundation's errors on Linux do not. Nil on success.
    private static func makeDirectories(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return String(cString: strerror(errno)) }
            prefix += "/"
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "a parent of it is not a directory"
        }
        return nil
    }

    /// `report.json` as UTF-8: pretty-printed, keys sorted, `/` not escaped; optional values
    /// written as `null`. Decodes back into ``AuditReport`` with `JSONDecoder`.
    /// - Throws: `EncodingError` when a number cannot be represented in JSON (NaN, infinity).
    public static func json(_ report: AuditReport) throws -> Data {
        try JSONReport.encode(report)
    }

    /// `report.html`: a self-contained page (inline CSS, one inline print script, no external
    /// resources) with the district summary, ranking, training groups and each institution.
    /// Every data string is HTML-escaped; only `http(s)` URLs become links.
    public static func html(_ report: AuditReport, options: ReportOptions) -> String {
        HTMLReport.render(report, options: options)
    }

    /// `scorecards.csv` (see ``ReportWriter``): one row per institution, rank order, category
    /// columns `category_<name>` sorted by name.
    public static func scorecardsCSV(_ report: AuditReport) -> String {
        ScorecardsCSV.render(report)
    }

    /// `findings.csv` (see ``ReportWriter``): one row per evidence item; a finding without
    /// evidence gets one row with empty evidence columns.
    public static func findingsCSV(_ report: AuditReport) -> String {
        FindingsCSV.render(report)
    }
}
