/// One CSV field: text (guarded against formula injection) or a number (written as is).
enum CSVField {
    case text(String)
    case number(String)
    case empty

    /// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection":
    /// `=`, `+`, `-`, `@`, tab, carriage return). A leading `'` makes the cell plain text.
    /// Compared as Unicode scalars: a combining mark after `=` makes one `Character` that a
    /// character set would miss, but a spreadsheet still sees the `=`.
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    var encoded: String {
        switch self {
        case .empty:
            return ""
        case .number(let n):
            // Numbers are produced by this module, never taken from crawled text: no guard, so a
            // spreadsheet still sees a number (a negative one included).
            return n
        case .text(let t):
            var value = t
            if let first = value.unicodeScalars.first, CSVField.formulaStarts.contains(first) { value = "'" + value }
            return CSVField.quotedIfNeeded(value)
        }
    }

    /// RFC 4180 §2: a field holding a comma, a double quote, CR or LF is enclosed in double
    /// quotes, and a double quote inside it is doubled.
    static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            // Per scalar, not per Character: a quote followed by a combining mark is still a quote.
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    static func int(_ value: Int?) -> CSVField { value.map { .number(String($0)) } ?? .empty }
    static func score(_ value: Double?) -> CSVField { value.map { .number(NumberText.oneDecimal($0)) } ?? .empty }
    static func optionalText(_ value: String?) -> CSVField { value.map { .text($0) } ?? .empty }
}

/// A CSV document: header row, then rows, CRLF after every record (RFC 4180 §2).
struct CSVTable {
    private var text = ""

    init(header: [String]) {
        append(header.map { CSVField.text($0) })
    }

    mutating func append(_ row: [CSVField]) {
        text += row.map(\.encoded).joined(separator: ",")
        text += "\r\n"
    }

    var string: String { text }
}
