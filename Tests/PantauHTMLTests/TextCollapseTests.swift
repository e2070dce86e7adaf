import Testing
@testable import PantauHTML

/// ``TextPieces`` collapses a page's text straight into its bytes: held here to a plain reference
/// (split at white space, join with one space) on varied pieces, and the document's byte
/// accessors to its strings.
@Suite struct TextCollapseTests {
    private static let spaces: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0C}", "\u{A0}"]

    /// The reference: every piece's scalars, a break as a space, split at white space, joined by one space.
    private static func reference(_ pieces: [String?]) -> String {
        let joined = pieces.map { $0 ?? " " }.joined()
        return joined.unicodeScalars.split(whereSeparator: spaces.contains)
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }

    /// `pieces` as an arena and its marks (nil: a word break).
    private static func collapse(_ pieces: [String?]) -> [UInt8] {
        var arena: [UInt8] = []
        var marks = TextPieces()
        for piece in pieces {
            guard let piece else { marks.breakWord(); continue }
            let start = arena.count
            arena.append(contentsOf: piece.utf8)
            marks.add(start..<arena.count)
        }
        return marks.utf8(in: arena)
    }

    @Test func collapsedBytesEqualTheReference() {
        let cases: [[String?]] = [
            [], [""], [" "], [nil], ["a"], [" a "], ["a", nil, "b"], ["a", "b"], ["a ", " b"], ["\u{A0}x\u{A0}\u{A0}y\u{A0}"],
            ["Selamat datang di  Kabupaten\nSukamaju", nil, nil, "Berita – «Terbaru»", "\t\r\n"],
            ["Dinas Kominfo", nil, "Pelayanan Informasi Publik é à ü 😀", nil],
        ]
        for pieces in cases {
            #expect(Self.collapse(pieces) == Array(Self.reference(pieces).utf8), "\(pieces)")
        }
    }

    @Test func collapsedBytesEqualTheReferenceOnRandomAndLongPieces() {
        let alphabet: [String] = ["a", "b", "é", " ", " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "x", "Sukamaju", "informasi",
                                  "publik", "–", "😀", "Ä"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<1_000 {
            // Every twentieth page is over 4 KB.
            let count = round % 20 == 0 ? Int.random(in: 1_000...1_500, using: &generator) : Int.random(in: 0..<12, using: &generator)
            let pieces: [String?] = (0..<count).map { _ in
                guard Int.random(in: 0..<6, using: &generator) > 0 else { return nil }
                let length = Int.random(in: 0..<8, using: &generator)
                return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            }
            let collapsed = Self.collapse(pieces)
            #expect(collapsed == Array(Self.reference(pieces).utf8), "\(pieces)")
            if round % 20 == 0 { #expect(collapsed.count >= 4_096) }
        }
    }

    @Test func byteAccessorsEqualTheTreeWalk() {
        let pages = [
            "<html><head><title>T</title></head><body><nav>Menu</nav><main><p>Isi  halaman\n utama</p></main></body></html>",
            "<html><body><p>Pemerintah&nbsp;Kabupaten  «Sukamaju» é</p><script>x()</script></body></html>",
            "<html><body></body></html>",
            "<p>tanpa body, teks dari pohon</p>",
            "<html><body>" + String(repeating: "<p>Pengumuman hasil seleksi.</p>\n", count: 200) + "</body></html>",
        ]
        for html in pages {
            // The tree walk of a second document is the reference; the bytes come first, the
            // strings after them.
            let tree = HTMLDocument(html: html, url: "https://contoh.go.id/").treeAnswers
            let document = HTMLDocument(html: html, url: "https://contoh.go.id/")
            #expect(document.visibleTextUTF8() == Array(tree.visibleText.utf8), "\(html)")
            #expect(document.contentTextUTF8() == Array(tree.contentText.utf8), "\(html)")
            #expect(document.visibleText() == tree.visibleText && document.contentText() == tree.contentText, "\(html)")
        }
    }
}
