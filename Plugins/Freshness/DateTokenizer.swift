/// Splits text into the tokens dates are written with: numbers, words and single punctuation
/// marks, each with its UTF-8 byte range so a match can quote the text it came from.
struct DateToken {
    enum Kind: Equatable {
        /// A run of ASCII digits: its value (capped) and its digit count.
        case number(Int, digits: Int)
        /// A run of letters (non-ASCII bytes count as letters), lowercased; empty when longer
        /// than any date word (no date word has more than 9 letters).
        case word(String)
        /// One punctuation byte.
        case mark(UInt8)
    }

    var kind: Kind
    /// Byte offsets into the UTF-8 text.
    var start: Int
    var end: Int
    /// True when white space separates this token from the previous one.
    var spaced: Bool

    var number: (value: Int, digits: Int)? {
        if case .number(let value, let digits) = kind { return (value, digits) }
        return nil
    }

    var word: String? {
        if case .word(let word) = kind { return word }
        return nil
    }

    func isMark(_ byte: UInt8) -> Bool { kind == .mark(byte) }
}

enum DateTokenizer {
    static func tokens(_ bytes: [UInt8]) -> [DateToken] {
        var tokens: [DateToken] = []
        tokens.reserveCapacity(bytes.count / 4)
        var i = 0
        var spaced = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                spaced = true
                i += 1
                continue
            }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { // U+00A0 NO-BREAK SPACE
                spaced = true
                i += 2
                continue
            }
            let start = i
            if isDigit(b) {
                var value = 0
                while i < bytes.count, isDigit(bytes[i]) {
                    if value < 1_000_000 { value = value * 10 + Int(bytes[i] - 0x30) }
                    i += 1
                }
                tokens.append(DateToken(kind: .number(value, digits: i - start), start: start, end: i, spaced: spaced))
            } else if isLetter(b) {
                while i < bytes.count {
                    if isLetter(bytes[i]) {
                        i += 1
                    } else if bytes[i] == 0x27, i + 1 < bytes.count, isLetter(bytes[i + 1]) {
                        i += 1 // "Jum'at"
                    } else {
                        break
                    }
                }
                let length = i - start
                let word = length <= 12 ? String(decoding: bytes[start..<i], as: UTF8.self).lowercased() : ""
                tokens.append(DateToken(kind: .word(word), start: start, end: i, spaced: spaced))
            } else {
                i += 1
                tokens.append(DateToken(kind: .mark(b), start: start, end: i, spaced: spaced))
            }
            spaced = false
        }
        return tokens
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }
}
