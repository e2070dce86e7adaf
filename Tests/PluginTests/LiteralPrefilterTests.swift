import Foundation
import Testing
@testable import Content
@testable import PantauPattern

/// The literal pre-filter may only skip searches that cannot match: every result must equal the
/// plain ICU search's.
@Suite struct LiteralPrefilterTests {
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

    /// Page-sized texts (over 4 KB) with each text inside.
    private static let longTexts: [String] = {
        let filler = String(repeating: "Pemerintah kabupaten menyelenggarakan rapat koordinasi. ", count: 40)
        return texts.map { filler + $0 + " " + filler }
    }()

    /// One group for every pattern, each text prepared once (as a string and as bytes): every
    /// pattern's search equals plain ICU's, and so does a pattern outside the group.
    @Test func groupSearchesEqualPlainICU() throws {
        for caseSensitive in [false, true] {
            let regexes = try Self.patterns.map { try BoundedRegex($0, caseSensitive: caseSensitive) }
            let group = PatternGroup(Array(regexes.dropLast()))
            let plain = try Self.patterns.map {
                try NSRegularExpression(pattern: $0, options: caseSensitive ? [] : [.caseInsensitive])
            }
            for text in Self.texts + Self.longTexts {
                for folded in [group.prepare(text), group.prepare(utf8: Array(text.utf8))] {
                    #expect(folded.text == text)
                    for (regex, expression) in zip(regexes, plain) {
                        let expected = expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count))
                            .flatMap { Range($0.range, in: text) }.map { String(text[$0]) }
                        #expect(regex.search(folded).match == expected, "\(regex.source) on \(text)")
                        #expect(regex.search(text, folded: folded).match == expected, "\(regex.source) on \(text)")
                    }
                }
            }
        }
    }

    @Test(arguments: patterns)
    func filteredSearchesEqualPlainICU(_ pattern: String) throws {
        for caseSensitive in [false, true] {
            let regex = try BoundedRegex(pattern, caseSensitive: caseSensitive)
            let plain = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
            for text in Self.texts + Self.longTexts {
                let expected = plain.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count))
                    .flatMap { Range($0.range, in: text) }.map { String(text[$0]) }
                #expect(regex.firstMatch(in: text) == expected, "\(pattern) on \(text), case sensitive: \(caseSensitive)")
            }
        }
    }

    @Test func charactersThatFoldToASCIIDisableCaseInsensitiveFiltering() throws {
        let group = try PatternGroup([BoundedRegex("slot")])
        for text in ["ſ", "\u{212A}", "ẞ", "ﬁ", "İ", "Halo ı"] {
            #expect(group.prepare(text).foldsToASCII, "\(text)")
        }
        #expect(!group.prepare("Sejak 2019 – © Kabupaten «Sukamaju» é").foldsToASCII)
    }
}

extension LiteralPrefilterTests {
    @Test func utf16LengthIsCountedFromTheBytes() throws {
        let group = try PatternGroup([BoundedRegex("slot")])
        for text in ["", "abc", "Sejak 2019 – © «Sukamaju» é", "emoji 😀 dan 𝒜", "ſ ẞ"] {
            let folded = group.prepare(utf8: Array(text.utf8))
            #expect(folded.utf16Count == text.utf16.count, "\(text)")
            #expect(group.prepare(text).utf16Count == text.utf16.count, "\(text)")
            for limit in [0, 1, text.utf16.count - 1, text.utf16.count] where limit >= 0 {
                #expect(folded.exceeds(utf16: limit) == (text.utf16.count > limit), "\(text) over \(limit)")
            }
        }
    }
}
