import Foundation
import Testing
@testable import Content
@testable import PantauPattern

/// The literal pre-filter may only skip searches that cannot match: every result must equal the
/// plain ICU search's.
@Suite struct LiteralPrefilterTests {
    @Test func byteSketchRulesOutOnlyAbsentRuns() {
        let text = Array("Rapat koordinasi SLOT".utf8)
        let pairs = text.withUnsafeBufferPointer(ByteSketch.init)
        #expect(pairs.mayContain(Array("slot".utf8)))
        #expect(pairs.mayContain(Array("Koor".utf8)))
        #expect(!pairs.mayContain(Array("gacor".utf8)))
        #expect(!pairs.mayContain(Array("tk".utf8)))
        #expect(pairs.mayContain(Array("x".utf8)), "one byte has no pair to rule out")
        // A literal whose every pair occurs is still ruled out by a triple that does not:
        // "anak ikan" holds "an", "na" but never "nan".
        let short = Array("anak ikan".utf8).withUnsafeBufferPointer(ByteSketch.init)
        #expect(short.mayContain(Array("ikan".utf8)))
        #expect(short.mayContain(Array("ANAK".utf8)))
        #expect(!short.mayContain(Array("anan".utf8)))
    }

    private func literals(_ pattern: String, caseSensitive: Bool = false) -> String? {
        LiteralPrefilter(pattern: pattern, caseSensitive: caseSensitive)?.need.description
    }

    @Test func requiredLiteralsOfTypicalPatterns() {
        #expect(literals("\\bslot\\s*gacor\\b") == "(gacor & slot)")
        #expect(literals("(judi|togel)\\s+(online|bola)") == "((judi | togel) & (online | bola))")
        #expect(literals("\\b(slot\\s*gacor|maxwin|slot\\s*88)\\b") == "((gacor & slot) | maxwin | (slot & 88))")
        #expect(literals("^(Hello World!|sample page)(\\s+[-–—|:].*)?$") == "(hello world! | sample page)")
        #expect(literals("Just another WordPress site", caseSensitive: true) == "Just another WordPress site")
        #expect(literals("welcome to wordpress\\. this") == "welcome to wordpress. this")
        #expect(literals("colou?r") == "(colo & r)")
        #expect(literals("ab+c") == "(ab & c)")
        #expect(literals("togel(\\s+online)?") == "togel")
        #expect(literals("(?:abc){2}x") == "(abc & x)")
    }

    @Test(arguments: ["a|", "(a)?", "x*", ".+", "(?i)slot", "\\Qslot\\E", "\\p{L}+", "(a)\\1", "[abc]", "(?=slot)",
                      "\\x41", "^$"])
    func patternsWithoutAModelledRequirementAreNotFiltered(_ pattern: String) {
        #expect(literals(pattern) == nil, "\(pattern)")
    }

    private static let patterns = [
        "\\b(slot\\s*gacor|maxwin|bonus\\s+new\\s+member|deposit\\s+pulsa)\\b",
        "(judi|togel)\\s+(online|bola)",
        "lorem ipsum dolor",
        "strasse",
        "kilo",
        "file",
        "^(hello world!|halaman contoh)(\\s+[-–—|:].*)?$",
        "i\\b",
    ]

    private static let texts = [
        "Pemerintah kabupaten mengajak warga menjauhi judi online.",
        "SLOT GACOR hari ini", "Slot   Gacor", "ſlot gacor", "maxwın", "Bonus New Member 100%",
        "LOREM IPSUM DOLOR sit amet", "Lorem Ipſum dolor", "Die STRAẞE", "die straße", "Straſſe",
        "\u{212A}ilo", "ﬁle", "FILE", "İ", "Halo İ dunia", "Hello World! – Situs", "halaman contoh",
        "Kominfo blokir situs slot", "tanpa kecocokan sama sekali", "",
    ]

    @Test(arguments: patterns)
    func filteredSearchesEqualPlainICU(_ pattern: String) throws {
        for caseSensitive in [false, true] {
            let regex = try BoundedRegex(pattern, caseSensitive: caseSensitive)
            let plain = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
            // Long texts too: past ByteSketch.minimumLength the byte sketch rules literals out.
            let filler = String(repeating: "Pemerintah kabupaten menyelenggarakan rapat koordinasi. ", count: 40)
            let long = Self.texts.map { filler + $0 + " " + filler }
            #expect(long.allSatisfy { $0.utf8.count >= ByteSketch.minimumLength })
            for text in Self.texts + long {
                let expected = plain.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count))
                    .flatMap { Range($0.range, in: text) }.map { String(text[$0]) }
                #expect(regex.firstMatch(in: text) == expected, "\(pattern) on \(text), case sensitive: \(caseSensitive)")
            }
        }
    }

    @Test func charactersThatFoldToASCIIDisableCaseInsensitiveFiltering() {
        #expect(FoldedText("ſ").bytes == nil)
        #expect(FoldedText("\u{212A}").bytes == nil)
        #expect(FoldedText("ẞ").bytes == nil)
        #expect(FoldedText("ﬁ").bytes == nil)
        #expect(FoldedText("İ").bytes == nil)
        #expect(FoldedText("Sejak 2019 – © Kabupaten «Sukamaju» é").bytes.map { String(decoding: $0, as: UTF8.self) }
                == "sejak 2019 – © kabupaten «sukamaju» é")
    }
}

extension LiteralPrefilterTests {
    @Test func utf16LengthIsCountedWhileFolding() {
        for text in ["", "abc", "Sejak 2019 – © «Sukamaju» é", "emoji 😀 dan 𝒜", "ſ ẞ"] {
            #expect(FoldedText(text).utf16Count == text.utf16.count, "\(text)")
        }
    }
}
