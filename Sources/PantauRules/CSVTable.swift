import PantauYAML

/// A CSV file (RFC 4180: comma-separated, `"` quotes, `""` for a quote inside quotes, fields may
/// span lines inside quotes) whose every field remembers where it starts.
struct CSVTable {
    struct Field {
        var text: String
        var location: SourceLocation
    }

    /// Records in file order, blank lines left out; the first is the header.
    var records: [[Field]] = []

    /// - Throws: ``YAMLError`` at the opening quote of a quoted field that never closes, or at a
    ///   character after a closing quote.
    init(text: String, file: String) throws(YAMLError) {
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        var line = 1
        var column = 1
        var record: [Field] = []

        func location() -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

        while index <= characters.count {
            let start = location()
            var text = ""
            if index < characters.count, characters[index] == "\"" {
                index += 1; column += 1
                var closed = false
                while index < characters.count {
                    let c = characters[index]
                    index += 1
                    if c == "\"" {
                        column += 1
                        if index < characters.count, characters[index] == "\"" {
                            text.append("\""); index += 1; column += 1
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        text.append(c)
                        // "\r\n" is one Character in Swift.
                        if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += 1 }
                    }
                }
                guard closed else { throw YAMLError("quoted field is never closed", at: start) }
                if index < characters.count, characters[index] != ",", !characters[index].isNewline {
                    throw YAMLError("unexpected character after a closing quote; quote the whole field", at: location())
                }
            } else {
                while index < characters.count, characters[index] != ",", !characters[index].isNewline {
                    text.append(characters[index]); index += 1; column += 1
                }
            }
            record.append(Field(text: text, location: start))
            if index < characters.count, characters[index] == "," {
                index += 1; column += 1
                continue
            }
            // End of record: a newline or the end of the text.
            let isBlank = record.count == 1 && record[0].location.column == column  // nothing consumed
            if !isBlank { records.append(record) }
            record = []
            if index >= characters.count { break }
            index += 1; line += 1; column = 1
        }
    }
}
