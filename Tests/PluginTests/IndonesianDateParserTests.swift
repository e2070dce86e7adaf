import PantauCore
import Testing
@testable import Freshness

@Suite("IndonesianDateParser")
struct IndonesianDateParserTests {
    static let audit = CalendarDate(year: 2026, month: 11, day: 29)!
    let parser = IndonesianDateParser(referenceDate: IndonesianDateParserTests.audit)

    private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// The forms of domain note §1 (and feeds, metadata), each with the day it names.
    static let forms: [(String, String)] = [
        ("Rabu, 6 Februari 2019", "2019-02-06"),
        ("6 Feb 2019", "2019-02-06"),
        ("06/02/2019", "2019-02-06"),
        ("06-02-2019", "2019-02-06"),
        ("06.02.2019", "2019-02-06"),
        ("Rabu,06 Februari 2019", "2019-02-06"),
        ("Rabu, (06/02/2019)", "2019-02-06"),
        ("08 Nov 2021 12:35:39", "2021-11-08"),
        ("Selasa, 5 Maret 2019 pukul 10.30", "2019-03-05"),
        ("Selasa, 5 Maret 2019 pukul 10.30 WIB", "2019-03-05"),
        ("Dipost : 13 Desember 2023", "2023-12-13"),
        ("30 Nopember tahun 2020", "2020-11-30"),
        ("1 Pebruari 2020", "2020-02-01"),
        ("17 Agu 2024", "2024-08-17"),
        ("17 Agt 2024", "2024-08-17"),
        ("17 Ags 2024", "2024-08-17"),
        ("17 Agustus 2024", "2024-08-17"),
        ("3 Sept 2024", "2024-09-03"),
        ("3 Sep. 2024", "2024-09-03"),
        ("12 Okt 2022", "2022-10-12"),
        ("24 Des 2022", "2022-12-24"),
        ("2 Mei 2023", "2023-05-02"),
        ("Jum'at, 7 Juli 2023", "2023-07-07"),
        ("Ahad, 9 Juli 2023", "2023-07-09"),
        ("tanggal 5 Maret 2019", "2019-03-05"),
        ("February 6, 2019", "2019-02-06"),
        ("6 February 2019", "2019-02-06"),
        ("October 12, 2022", "2022-10-12"),
        ("2019-02-06", "2019-02-06"),
        ("2019-02-06T10:30:00+07:00", "2019-02-06"),
        ("2019-02-06T03:00:00+00:00", "2019-02-06"),
        ("2019-02-06T20:00:00+00:00", "2019-02-07"),    // 03:00 WIB the next day
        ("2019-02-06T20:00:00Z", "2019-02-07"),
        ("2019-02-06T20:00:00.000Z", "2019-02-07"),
        ("2019-02-06T20:00:00+0000", "2019-02-07"),
        ("2019-02-06T00:30:00+09:00", "2019-02-05"),    // WIT midnight is 22:30 WIB the day before
        ("2019-02-06 20:00:00", "2019-02-06"),          // no offset: local time as written
        ("6 Februari 2019 00:30 WIT", "2019-02-05"),
        ("6 Februari 2019 00:30 WITA", "2019-02-05"),
        ("6 Februari 2019 23:30 WIB", "2019-02-06"),
        ("Wed, 06 Feb 2019 03:00:00 +0000", "2019-02-06"),
        ("Wed, 06 Feb 2019 20:00:00 +0000", "2019-02-07"),
        ("Wed, 06 Feb 2019 20:00:00 GMT", "2019-02-07"),
        ("Tue, 05 Feb 2019 23:00:00 -0500", "2019-02-06"),
    ]

    @Test(arguments: forms)
    func parsesForm(_ text: String, _ expected: String) {
        #expect(parser.parse(text) == day(expected), "\(text)")
    }

    static let relative: [(String, String)] = [
        ("3 hari yang lalu", "2026-11-26"),
        ("1 hari lalu", "2026-11-28"),
        ("sehari yang lalu", "2026-11-28"),
        ("2 minggu yang lalu", "2026-11-15"),
        ("seminggu yang lalu", "2026-11-22"),
        ("6 bulan yang lalu", "2026-05-29"),
        ("sebulan yang lalu", "2026-10-29"),
        ("1 tahun yang lalu", "2025-11-29"),
        ("5 jam yang lalu", "2026-11-29"),
        ("kemarin", "2026-11-28"),
        ("baru saja", "2026-11-29"),
        ("2 days ago", "2026-11-27"),
    ]

    @Test(arguments: relative)
    func parsesRelative(_ text: String, _ expected: String) {
        #expect(parser.parse(text) == day(expected), "\(text)")
    }

    @Test func monthsBackClampToTheMonthsLength() {
        let parser = IndonesianDateParser(referenceDate: day("2026-05-31"))
        #expect(parser.parse("3 bulan yang lalu") == day("2026-02-28"))
    }

    @Test(arguments: ["31 Februari 2019", "30/02/2019", "29 Feb 2019", "32 Januari 2020", "06/13/2019", "2019-13-01",
                      "Februari 2019", "2019", "06/02/19", "6 Foo 2019", "1 Januari 1970", "", "hari"])
    func rejectsNonDates(_ text: String) {
        #expect(parser.parse(text) == nil, "\(text)")
    }

    @Test func leapDayIsValid() {
        #expect(parser.parse("29 Februari 2024") == day("2024-02-29"))
    }

    @Test func findsEveryDateWithItsSnippet() {
        let text = """
        Diposting oleh admin, Rabu, 6 Februari 2019 pukul 10.30 WIB. Rapat diikuti 25 peserta. \
        Pengumuman lanjutan (06/03/2019) dan agenda 17 Agt 2019. Telepon 0281-891-234.
        """
        let found = parser.findDates(in: text)
        #expect(found.map(\.snippet) == ["Rabu, 6 Februari 2019 pukul 10.30 WIB", "(06/03/2019)", "17 Agt 2019"])
        #expect(found.map(\.date) == [day("2019-02-06"), day("2019-03-06"), day("2019-08-17")])
        #expect(found.allSatisfy { !$0.isRelative && !$0.isCopyright })
    }

    @Test func numbersThatAreNotDatesAreIgnored() {
        #expect(parser.findDates(in: "Versi 1.2.3.2019, IP 10.10.10.2019, NIP 19/02/2019/01").isEmpty)
        #expect(parser.findDates(in: "Anggaran Rp 2.500.000 untuk 12 kegiatan tahun 2019").isEmpty)
    }

    @Test func copyrightDatesAreMarked() {
        let found = parser.findDates(in: "© 01/01/2019 Pemerintah Kabupaten. Berita 5 Maret 2019")
        #expect(found.map(\.isCopyright) == [true, false])
        #expect(parser.findDates(in: "Hak Cipta 1 Januari 2020")[0].isCopyright)
    }

    @Test func bareRelativeWordsNeedContextInRunningText() {
        #expect(parser.findDates(in: "Rapat yang digelar kemarin berjalan lancar").isEmpty)
        #expect(parser.findDates(in: "Hari ini Bupati meresmikan pasar").isEmpty)
        #expect(parser.findDates(in: "Diposting pada: kemarin").map(\.date) == [day("2026-11-28")])
        #expect(parser.findDates(in: "kemarin 10:30").map(\.date) == [day("2026-11-28")])
        let ago = parser.findDates(in: "Admin · 3 hari yang lalu")
        #expect(ago.map(\.snippet) == ["3 hari yang lalu"])
        #expect(ago.first?.isRelative == true)
    }

    @Test func weekdayMingguIsNotTheUnitMinggu() {
        #expect(parser.findDates(in: "Minggu, 29 November 2026").map(\.date) == [day("2026-11-29")])
        #expect(parser.findDates(in: "Minggu, 29 November 2026").first?.isRelative == false)
    }
}
