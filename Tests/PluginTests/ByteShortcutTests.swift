import Foundation
import Testing
@testable import Openness
@testable import Content

/// Openness's and Content's per-page string work done by bytes, each held to the string operation
/// it replaces on varied inputs (ASCII, Indonesian, non-ASCII letters, combining marks, canonical
/// equivalents, long, empty).
@Suite struct ByteShortcutTests {
    private static let titles = [
        "", "Beranda", "Informasi Berkala – Dinas Kesehatan", "PPID | Pemerintah Kabupaten Sukamaju",
        "A – B – C", " – ", "– x –", "Berita — «Terbaru» · Sukamaju", "a ·\u{301} b", "a · \u{301}b", "a \u{387} b",
        "\u{600} – y", "a  –  b", "Profil :: Visi & Misi", "Kontak : Alamat » Peta « Lokasi", "é – ü – 😀",
        "Dinas - Kominfo - Statistik - dan - Persandian", "x\u{301} – y", "a –\u{200D} b", "🇮🇩 – 🇮🇩",
        String(repeating: "Pengumuman – ", count: 400) + "akhir",
    ]

    @Test func titlesSplitAsTheCharacterSplit() {
        for title in Self.titles {
            for separator in PageSignals.titleSeparators {
                let expected = title.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
                #expect(TitleSplit.split(title, at: separator) == expected, "\(title) at '\(separator)'")
            }
        }
    }

    @Test func titlesSplitAsTheCharacterSplitOnRandomTitles() {
        let pieces = ["a", "Informasi", " ", "–", "—", "-", "|", ":", "»", "«", "·", "\u{387}", "\u{301}", "\u{600}", "é", "😀", "\u{200D}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let title = (0..<Int.random(in: 0..<14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for separator in PageSignals.titleSeparators {
                let expected = title.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
                #expect(TitleSplit.split(title, at: separator) == expected, "\(Array(title.unicodeScalars)) at '\(separator)'")
            }
        }
    }

    private static let urls = [
        "", "https://contoh.go.id/", "https://contoh.go.id/#top", "https://contoh.go.id/ppid/?p=1#x", "#",
        "https://contoh.go.id/é#", "https://contoh.go.id/#\u{301}", "http://a.go.id/2019/02/06/slug/", "/20", "/19",
        "/2", "x/1999", "/10/", "/29", "/21", "/0", "//19", "https://contoh.go.id/page/2019", "https://contoh.go.id/€/2024/x",
    ]

    @Test func fragmentTestIsContains() {
        for url in Self.urls {
            #expect(PageSignals.holdsFragment(url) == url.contains("#"), "\(url)")
        }
    }
}

extension ByteShortcutTests {
    @Test func joinedBytesAreTheJoinedString() {
        let cases: [[String]] = [[], [""], ["", ""], ["", "abc"], ["abc", ""], ["Beranda", "Profil – «Visi»", "😀 é", ""],
                                 (0..<500).map { "Tautan nomor \($0) ke berita" }]
        for texts in cases {
            #expect(Condition.joinedUTF8(texts) == Array(texts.joined(separator: "\n").utf8), "\(texts.prefix(4))")
        }
    }
}
