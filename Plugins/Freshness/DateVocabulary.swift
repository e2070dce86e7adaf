/// The words Indonesian (and English, which WordPress themes sometimes print) dates are made of
/// (domain note §1).
enum DateVocabulary {
    /// Lowercased month names and abbreviations → month number. Old spellings (Pebruari,
    /// Nopember) predate the 1972 spelling reform and survive in templates.
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["januari", "jan", "january"],
            ["februari", "pebruari", "feb", "peb", "february"],
            ["maret", "mar", "march"],
            ["april", "apr"],
            ["mei", "may"],
            ["juni", "jun", "june"],
            ["juli", "jul", "july"],
            ["agustus", "agu", "agt", "ags", "agst", "agus", "aug", "august"],
            ["september", "sep", "sept"],
            ["oktober", "okt", "oct", "october"],
            ["november", "nopember", "nov", "nop"],
            ["desember", "des", "dec", "december"],
        ]
        for (index, spellings) in names.enumerated() {
            for spelling in spellings { table[spelling] = index + 1 }
        }
        return table
    }()

    /// Lowercased day names, long and short, Indonesian and English.
    static let weekdays: Set<String> = [
        "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        "sen", "sel", "rab", "kam", "jum", "sab", "min",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]

    /// Words written before a date that do not change it ("tanggal 5 Maret 2019", "tgl. 5/3/2019").
    static let leadingFillers: Set<String> = ["tanggal", "tgl"]

    /// Words written between a date and its time ("pukul 10.30", "jam 10:30", "at 10:30").
    static let timeFillers: Set<String> = ["pukul", "pkl", "jam", "at"]

    /// Time-zone names → minutes east of UTC. WIB/WITA/WIT are Indonesia's three zones;
    /// the others are RFC 822's (feeds from servers abroad).
    static let zones: [String: Int] = [
        "wib": 7 * 60, "wita": 8 * 60, "wit": 9 * 60,
        "z": 0, "ut": 0, "utc": 0, "gmt": 0,
        "est": -5 * 60, "edt": -4 * 60, "cst": -6 * 60, "cdt": -5 * 60,
        "mst": -7 * 60, "mdt": -6 * 60, "pst": -8 * 60, "pdt": -7 * 60,
    ]

    /// Units of relative dates ("3 hari yang lalu", "2 weeks ago").
    enum Unit {
        case sameDay, day, week, month, year
    }

    static let units: [String: Unit] = [
        "detik": .sameDay, "menit": .sameDay, "jam": .sameDay,
        "hari": .day, "minggu": .week, "pekan": .week, "bulan": .month, "tahun": .year,
        "second": .sameDay, "seconds": .sameDay, "minute": .sameDay, "minutes": .sameDay,
        "hour": .sameDay, "hours": .sameDay, "day": .day, "days": .day, "week": .week, "weeks": .week,
        "month": .month, "months": .month, "year": .year, "years": .year,
    ]

    /// "se-" forms meaning one unit: "sehari yang lalu", "seminggu yang lalu".
    static let oneUnitWords: [String: Unit] = [
        "sejam": .sameDay, "sehari": .day, "seminggu": .week, "sepekan": .week, "sebulan": .month, "setahun": .year,
    ]

    /// Words that announce a post's date: a bare "kemarin" right after one of them is the post's
    /// date, while "kemarin" in running prose ("rapat kemarin") is not.
    static let postingWords: Set<String> = [
        "dipost", "diposting", "diposkan", "diterbitkan", "dipublikasikan", "diunggah", "diupload",
        "diperbarui", "diupdate", "update", "terbit", "posted", "published", "updated", "oleh",
    ]

    /// Words that mark a copyright line ("© 2019", "Hak Cipta 01/01/2019").
    static let copyrightWords: Set<String> = ["©", "copyright", "cipta", "(c)"]
}
