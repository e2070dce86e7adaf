import PantauCore

/// How one site writes its content dates (domain note §1, forms seen on real district sites).
enum DateStyle: String, CaseIterable, Sendable {
    /// `Rabu, 6 Februari 2019`
    case weekdayLong
    /// `6 Feb 2019`
    case short
    /// `06/02/2019` (day first)
    case slashed
    /// `06-02-2019`
    case dashed
    /// `Rabu,06 Februari 2019`
    case weekdayTight
    /// `Rabu, (06/02/2019)`
    case weekdaySlashed
    /// `08 Nov 2021 12:35:39`
    case shortWithTime
    /// `Selasa, 5 Maret 2019 pukul 10.30`
    case weekdayPukul
    /// `Dipost : 13 Desember 2023` (home-grown CMSes)
    case dipost
    /// `30 Nopember tahun 2020`
    case tahun
}

/// Spelling choices a site's template made once (old `Pebruari`/`Nopember`, `Jum'at`, `Agt`).
struct DateSpelling: Sendable {
    var oldSpelling = false
    var jumatApostrophe = false
    var ahad = false
    var augustShort = "Agu"

    static let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                         "September", "Oktober", "November", "Desember"]
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    /// Index 0 is Thursday: 1970-01-01 was a Thursday.
    static let weekdaysFromThursday = ["Kamis", "Jumat", "Sabtu", "Minggu", "Senin", "Selasa", "Rabu"]

    func month(_ m: Int) -> String {
        if oldSpelling && m == 2 { return "Pebruari" }
        if oldSpelling && m == 11 { return "Nopember" }
        return Self.months[m - 1]
    }

    func shortMonth(_ m: Int) -> String { m == 8 ? augustShort : Self.shortMonths[m - 1] }

    func weekday(_ date: CalendarDate) -> String {
        let index = ((date.daysSinceEpoch % 7) + 7) % 7
        let name = Self.weekdaysFromThursday[index]
        if name == "Jumat" && jumatApostrophe { return "Jum'at" }
        if name == "Minggu" && ahad { return "Ahad" }
        return name
    }

    /// The header-bar form every page shows for the audit day: `Selasa, 1 Desember 2026`.
    func todayLine(_ date: CalendarDate) -> String {
        "\(weekday(date)), \(date.day) \(month(date.month)) \(date.year)"
    }

    func format(_ date: CalendarDate, hour: Int, minute: Int, second: Int, style: DateStyle) -> String {
        let dd = pad2(date.day), mm = pad2(date.month)
        switch style {
        case .weekdayLong: return "\(weekday(date)), \(date.day) \(month(date.month)) \(date.year)"
        case .short: return "\(date.day) \(shortMonth(date.month)) \(date.year)"
        case .slashed: return "\(dd)/\(mm)/\(date.year)"
        case .dashed: return "\(dd)-\(mm)-\(date.year)"
        case .weekdayTight: return "\(weekday(date)),\(dd) \(month(date.month)) \(date.year)"
        case .weekdaySlashed: return "\(weekday(date)), (\(dd)/\(mm)/\(date.year))"
        case .shortWithTime:
            return "\(dd) \(shortMonth(date.month)) \(date.year) \(pad2(hour)):\(pad2(minute)):\(pad2(second))"
        case .weekdayPukul:
            return "\(weekday(date)), \(date.day) \(month(date.month)) \(date.year) pukul \(pad2(hour)).\(pad2(minute))"
        case .dipost: return "Dipost : \(date.day) \(month(date.month)) \(date.year)"
        case .tahun: return "\(date.day) \(month(date.month)) tahun \(date.year)"
        }
    }
}

func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }

/// RFC 822 date as RSS 2.0 `pubDate` wants it, in WIB: `Wed, 06 Feb 2019 08:30:00 +0700`.
func rfc822(_ date: CalendarDate, hour: Int, minute: Int) -> String {
    let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let wd = days[((date.daysSinceEpoch % 7) + 7) % 7]
    return "\(wd), \(pad2(date.day)) \(months[date.month - 1]) \(date.year) \(pad2(hour)):\(pad2(minute)):00 +0700"
}

/// ISO 8601 with the WIB offset: `2019-02-06T08:30:00+07:00`.
func isoDateTime(_ date: CalendarDate, hour: Int, minute: Int) -> String {
    "\(date)T\(pad2(hour)):\(pad2(minute)):00+07:00"
}
