import PantauCore

/// A date found in text, with the text it was read from.
public struct DateMatch: Sendable, Hashable {
    /// The day, in WIB when the text gave a time with a zone or offset (see ``IndonesianDateParser``).
    public var date: CalendarDate
    /// The matched text as written ("Rabu, 6 Februari 2019", "3 hari yang lalu").
    public var snippet: String
    /// True for dates relative to the reference day ("kemarin", "6 bulan yang lalu").
    public var isRelative: Bool
    /// True when a copyright mark or word ("©", "Copyright", "Hak Cipta") comes just before it.
    public var isCopyright: Bool

    public init(date: CalendarDate, snippet: String, isRelative: Bool = false, isCopyright: Bool = false) {
        self.date = date
        self.snippet = snippet
        self.isRelative = isRelative
        self.isCopyright = isCopyright
    }
}

/// Reads the dates Indonesian government sites write (domain note §1), plus the machine forms
/// of feeds and metadata.
///
/// Accepted forms (day, month, year always; weekday, fillers and time optional):
/// - `Rabu, 6 Februari 2019`, `Rabu,06 Februari 2019`, `6 Feb 2019`, `30 Nopember tahun 2020`,
///   `Dipost : 13 Desember 2023`, `tanggal 5 Maret 2019`; old spellings (Pebruari, Nopember),
///   short months (Agu/Agt/Ags, Sep/Sept, ...), English month names, and month-first English
///   (`February 6, 2019`);
/// - day-first numbers `06/02/2019`, `06-02-2019`, `06.02.2019`, `Rabu, (06/02/2019)`;
///   ISO `2019-02-06` and ISO date-times (`2019-02-06T10:30:00+07:00`, `...Z`);
/// - RFC 822 (RSS `pubDate`): `Wed, 06 Feb 2019 03:00:00 +0000`;
/// - a time after the date: `08 Nov 2021 12:35:39`, `pukul 10.30`, `10:30 WIB`;
/// - relative: `3 hari yang lalu`, `2 minggu yang lalu`, `6 bulan yang lalu`, `1 tahun yang lalu`,
///   `sehari yang lalu`, `kemarin`, `baru saja`, `2 days ago`.
///
/// Days are WIB days (UTC+7, the districts' zone): a date with a time *and* a zone or offset
/// (`+0000`, `Z`, `WITA` = UTC+8, `WIT` = UTC+9) is converted to the WIB day; a date without
/// one is taken as written. Impossible dates (31 Februari) and years outside 1990...2100 are
/// rejected. Two-digit years are not accepted (`06/02/19` is ambiguous).
public struct IndonesianDateParser: Sendable {
    /// The day relative dates count back from (the audit date).
    public var referenceDate: CalendarDate

    /// Years a content date may have; anything else is a template placeholder or a typo.
    public static let plausibleYears = 1990...2100

    public init(referenceDate: CalendarDate) {
        self.referenceDate = referenceDate
    }

    /// Parses a string that is one date (a feed's `pubDate`, a `datetime` attribute, JSON-LD
    /// `datePublished`): the first date in it, bare relative words included.
    public func parse(_ text: String) -> CalendarDate? {
        Scanner(bytes: Array(text.utf8), reference: referenceDate, bareRelativeWords: true).matches(limit: 1).first?.date
    }

    /// Every date in a longer text, in order, with the snippet each was read from.
    ///
    /// In running text a bare `kemarin` or `baru saja` only counts right after a posting word
    /// ("Diposting kemarin") or before a time ("kemarin 10:30"): in prose it means the day
    /// before the *story*, not before the audit.
    public func findDates(in text: String) -> [DateMatch] {
        Scanner(bytes: Array(text.utf8), reference: referenceDate, bareRelativeWords: false).matches(limit: .max)
    }
}

/// One pass over the tokens of a text.
private struct Scanner {
    let bytes: [UInt8]
    let tokens: [DateToken]
    let reference: CalendarDate
    let bareRelativeWords: Bool

    init(bytes: [UInt8], reference: CalendarDate, bareRelativeWords: Bool) {
        self.bytes = bytes
        self.tokens = DateTokenizer.tokens(bytes)
        self.reference = reference
        self.bareRelativeWords = bareRelativeWords
    }

    /// A match before it is turned into a ``DateMatch``: token range and the day.
    private struct Hit {
        var first: Int
        var end: Int // one past the last token
        var date: CalendarDate
        var relative: Bool
    }

    func matches(limit: Int) -> [DateMatch] {
        var results: [DateMatch] = []
        var i = 0
        while i < tokens.count && results.count < limit {
            if let hit = match(at: i) {
                let start = tokens[hit.first].start
                let end = tokens[hit.end - 1].end
                results.append(DateMatch(date: hit.date, snippet: String(decoding: bytes[start..<end], as: UTF8.self),
                                         isRelative: hit.relative, isCopyright: isCopyright(before: hit.first)))
                i = hit.end
            } else {
                i += 1
            }
        }
        return results
    }

    // MARK: Absolute dates

    private func match(at i: Int) -> Hit? {
        if let hit = relative(at: i) { return hit }
        var j = i
        // Optional weekday ("Rabu,", "Wed,"), opening parenthesis and filler word.
        if let word = tokens[j].word, DateVocabulary.weekdays.contains(word) {
            j += 1
            if j < tokens.count, tokens[j].isMark(0x2C) || tokens[j].isMark(0x2E) { j += 1 }
        }
        if j < tokens.count, tokens[j].isMark(0x28) { j += 1 }
        if j < tokens.count, let word = tokens[j].word, DateVocabulary.leadingFillers.contains(word) {
            j += 1
            if j < tokens.count, tokens[j].isMark(0x2E) || tokens[j].isMark(0x3A) { j += 1 }
        }
        guard j < tokens.count else { return nil }
        guard var hit = numeric(at: j) ?? dayMonthYear(at: j) ?? monthDayYear(at: j) else { return nil }
        hit.first = i
        // A closing parenthesis belongs to the quote ("Rabu, (06/02/2019)").
        if hit.end < tokens.count, tokens[hit.end].isMark(0x29), tokens[i..<hit.end].contains(where: { $0.isMark(0x28) }) {
            hit.end += 1
        }
        return hit
    }

    /// `06/02/2019`, `06-02-2019`, `06.02.2019` (day first) and `2019-02-06` (ISO, year first).
    private func numeric(at i: Int) -> Hit? {
        guard i + 4 < tokens.count, let a = tokens[i].number, let b = tokens[i + 2].number, let c = tokens[i + 4].number,
              case .mark(let separator) = tokens[i + 1].kind, tokens[i + 3].isMark(separator),
              separator == 0x2F || separator == 0x2D || separator == 0x2E,
              !tokens[i + 1].spaced, !tokens[i + 2].spaced, !tokens[i + 3].spaced, !tokens[i + 4].spaced else {
            return nil
        }
        // Not part of a longer number chain (an IP address, a phone number, a version).
        if i > 0, !tokens[i].spaced, case .mark = tokens[i - 1].kind, i > 1, tokens[i - 2].number != nil { return nil }
        if i + 6 < tokens.count, tokens[i + 5].isMark(separator), !tokens[i + 5].spaced, tokens[i + 6].number != nil,
           !tokens[i + 6].spaced { return nil }
        let year: Int, month: Int, day: Int
        if a.digits == 4, b.digits <= 2, c.digits <= 2, separator != 0x2E {
            (year, month, day) = (a.value, b.value, c.value)
        } else if a.digits <= 2, b.digits <= 2, c.digits == 4 {
            (year, month, day) = (c.value, b.value, a.value)
        } else {
            return nil
        }
        return finish(year: year, month: month, day: day, first: i, next: i + 5)
    }

    /// `6 Februari 2019`, `30 Nopember tahun 2020`, `06 Feb. 2019`, `6 Februari, 2019`.
    private func dayMonthYear(at i: Int) -> Hit? {
        guard let day = tokens[i].number, day.digits <= 2 else { return nil }
        var j = i + 1
        if j < tokens.count, tokens[j].isMark(0x2E) { j += 1 } // "6. Februari"
        guard j < tokens.count, let word = tokens[j].word, let month = DateVocabulary.months[word] else { return nil }
        j += 1
        j = skipMonthTail(j)
        guard j < tokens.count, let year = tokens[j].number, year.digits == 4 else { return nil }
        return finish(year: year.value, month: month, day: day.value, first: i, next: j + 1)
    }

    /// `February 6, 2019` (English, month first).
    private func monthDayYear(at i: Int) -> Hit? {
        guard let word = tokens[i].word, let month = DateVocabulary.months[word] else { return nil }
        var j = i + 1
        if j < tokens.count, tokens[j].isMark(0x2E) { j += 1 }
        guard j < tokens.count, let day = tokens[j].number, day.digits <= 2 else { return nil }
        j += 1
        if j < tokens.count, tokens[j].isMark(0x2C) { j += 1 }
        guard j < tokens.count, let year = tokens[j].number, year.digits == 4 else { return nil }
        return finish(year: year.value, month: month, day: day.value, first: i, next: j + 1)
    }

    /// Skips what may sit between month and year: "Feb." and "Februari," and "tahun".
    private func skipMonthTail(_ start: Int) -> Int {
        var j = start
        if j < tokens.count, tokens[j].isMark(0x2E) || tokens[j].isMark(0x2C) { j += 1 }
        if j < tokens.count, tokens[j].word == "tahun" { j += 1 }
        return j
    }

    /// Validates the day, then reads an optional time and zone after it.
    private func finish(year: Int, month: Int, day: Int, first: Int, next: Int) -> Hit? {
        guard IndonesianDateParser.plausibleYears.contains(year),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        guard let time = time(at: next) else {
            return Hit(first: first, end: next, date: date, relative: false)
        }
        guard let offset = time.offsetMinutes else {
            return Hit(first: first, end: time.end, date: date, relative: false)
        }
        let seconds = Double(date.daysSinceEpoch) * 86_400 + Double(time.secondsOfDay - offset * 60)
        return Hit(first: first, end: time.end, date: CalendarDate(unixTime: seconds, utcOffsetHours: 7), relative: false)
    }

    // MARK: Times

    private struct TimeOfDay {
        var secondsOfDay: Int
        var offsetMinutes: Int?
        var end: Int
    }

    /// `10:30`, `12:35:39`, `10.30` after optional `,`/`-`/`pukul`/`T`, then an optional zone.
    private func time(at start: Int) -> TimeOfDay? {
        var j = start
        guard j < tokens.count else { return nil }
        if tokens[j].isMark(0x2C) || tokens[j].isMark(0x2D) || tokens[j].isMark(0x7C) { j += 1 }
        if j < tokens.count, let word = tokens[j].word, DateVocabulary.timeFillers.contains(word) || (word == "t" && !tokens[j].spaced) {
            j += 1
            if j < tokens.count, tokens[j].isMark(0x2E) || tokens[j].isMark(0x3A) { j += 1 }
        }
        guard j + 2 < tokens.count, let hour = tokens[j].number, hour.digits <= 2, hour.value < 24,
              case .mark(let separator) = tokens[j + 1].kind, separator == 0x3A || separator == 0x2E,
              !tokens[j + 1].spaced, !tokens[j + 2].spaced,
              let minute = tokens[j + 2].number, minute.digits == 2, minute.value < 60 else { return nil }
        var seconds = hour.value * 3600 + minute.value * 60
        j += 3
        if j + 1 < tokens.count, tokens[j].isMark(separator), !tokens[j].spaced, let second = tokens[j + 1].number,
           second.digits == 2, second.value <= 60, !tokens[j + 1].spaced {
            seconds += second.value
            j += 2
            // Fractions of a second ("10:30:00.000+07:00").
            if j + 1 < tokens.count, tokens[j].isMark(0x2E), !tokens[j].spaced, tokens[j + 1].number != nil, !tokens[j + 1].spaced {
                j += 2
            }
        }
        let (offset, end) = zone(at: j)
        return TimeOfDay(secondsOfDay: seconds, offsetMinutes: offset, end: end)
    }

    /// `+0700`, `-05:00`, `+07`, `Z`, `GMT`, `WIB`, `WITA`, `WIT`.
    private func zone(at j: Int) -> (Int?, Int) {
        guard j < tokens.count else { return (nil, j) }
        if let word = tokens[j].word, let minutes = DateVocabulary.zones[word] {
            if word == "z" && tokens[j].spaced { return (nil, j) }
            return (minutes, j + 1)
        }
        guard tokens[j].isMark(0x2B) || tokens[j].isMark(0x2D), j + 1 < tokens.count,
              let digits = tokens[j + 1].number, !tokens[j + 1].spaced else { return (nil, j) }
        let sign = tokens[j].isMark(0x2D) ? -1 : 1
        if digits.digits == 4 {
            return (sign * ((digits.value / 100) * 60 + digits.value % 100), j + 2)
        }
        if digits.digits == 2 {
            if j + 3 < tokens.count, tokens[j + 2].isMark(0x3A), let minutes = tokens[j + 3].number, minutes.digits == 2 {
                return (sign * (digits.value * 60 + minutes.value), j + 4)
            }
            return (sign * digits.value * 60, j + 2)
        }
        return (nil, j)
    }

    // MARK: Relative dates

    private func relative(at i: Int) -> Hit? {
        guard let word = tokens[i].word else {
            // "3 hari yang lalu", "2 days ago"
            guard let count = tokens[i].number, count.digits <= 4, i + 1 < tokens.count,
                  let unitWord = tokens[i + 1].word, let unit = DateVocabulary.units[unitWord],
                  let end = agoSuffix(at: i + 2) else { return nil }
            return Hit(first: i, end: end, date: back(count.value, unit), relative: true)
        }
        if let unit = DateVocabulary.oneUnitWords[word], let end = agoSuffix(at: i + 1) {
            return Hit(first: i, end: end, date: back(1, unit), relative: true)
        }
        let bare: (days: Int, end: Int)?
        if word == "kemarin" || word == "yesterday" {
            bare = (1, i + 1)
        } else if word == "baru", i + 1 < tokens.count, tokens[i + 1].word == "saja" {
            bare = (0, i + 2)
        } else if word == "hari", i + 1 < tokens.count, tokens[i + 1].word == "ini" {
            bare = (0, i + 2)
        } else {
            bare = nil
        }
        guard let bare else { return nil }
        var end = bare.end
        let timed = time(at: end)
        if let timed { end = timed.end }
        guard bareRelativeWords || timed != nil || followsPostingWord(i) else { return nil }
        return Hit(first: i, end: end, date: reference.adding(days: -bare.days), relative: true)
    }

    /// "yang lalu", "lalu", "ago": returns the index after it.
    private func agoSuffix(at j: Int) -> Int? {
        guard j < tokens.count, let word = tokens[j].word else { return nil }
        if word == "lalu" || word == "ago" { return j + 1 }
        if word == "yang", j + 1 < tokens.count, tokens[j + 1].word == "lalu" { return j + 2 }
        return nil
    }

    private func followsPostingWord(_ i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && j >= i - 4 {
            if let word = tokens[j].word, word != "pada" { return DateVocabulary.postingWords.contains(word) }
            j -= 1 // skip ":", "," and "pada" ("Diposting pada: kemarin")
        }
        return false
    }

    private func back(_ count: Int, _ unit: DateVocabulary.Unit) -> CalendarDate {
        switch unit {
        case .sameDay: return reference // hours and minutes: the audit day (its time of day is unknown)
        case .day: return reference.adding(days: -count)
        case .week: return reference.adding(days: -7 * count)
        case .month: return monthsBack(count)
        case .year: return monthsBack(12 * count)
        }
    }

    /// The same day of the month `count` months earlier, clamped to the month's length.
    private func monthsBack(_ count: Int) -> CalendarDate {
        let total = reference.year * 12 + (reference.month - 1) - count
        let year = total / 12
        let month = total % 12 + 1
        let day = min(reference.day, CalendarDate.daysIn(month: month, year: year))
        return CalendarDate(year: year, month: month, day: day) ?? reference
    }

    // MARK: Context

    private func isCopyright(before first: Int) -> Bool {
        var j = first - 1
        while j >= 0 && j >= first - 4 {
            switch tokens[j].kind {
            case .word(let word) where DateVocabulary.copyrightWords.contains(word):
                return true
            case .mark(0x28) where j + 2 < tokens.count && tokens[j + 1].word == "c" && tokens[j + 2].isMark(0x29):
                return true
            default:
                j -= 1
            }
        }
        return false
    }
}
