/// A minimal RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.
/// Returns nil on malformed input (a stray quote, a bare LF or CR outside quotes, no final CRLF).
enum CSVReader {
    static func parse(_ text: String) -> [[String]]? {
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var quoted = false
        var fieldStarted = false
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    quoted = false
                    i += 1
                    // After a closing quote only a separator or record end may follow.
                    guard i == scalars.count || scalars[i] == "," || scalars[i] == "\r" else { return nil }
                    continue
                }
                field.append(c)
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard !fieldStarted else { return nil }
                quoted = true
                fieldStarted = true
                i += 1
            case ",":
                row.append(String(field))
                field = String.UnicodeScalarView()
                fieldStarted = false
                i += 1
            case "\r":
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else { return nil }
                row.append(String(field))
                rows.append(row)
                row = []
                field = String.UnicodeScalarView()
                fieldStarted = false
                i += 2
            case "\n":
                return nil
            default:
                field.append(c)
                fieldStarted = true
                i += 1
            }
        }
        guard !quoted, row.isEmpty, field.isEmpty else { return nil }
        return rows
    }
}
