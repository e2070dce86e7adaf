import Testing
@testable import PantauPattern

/// ``LiteralIndex`` finds a text's literals in one pass: held here to a plain search of each
/// literal on varied texts (ASCII, Indonesian, non-ASCII letters, page-sized, empty, ill-formed).
@Suite struct LiteralIndexTests {
    /// The non-ASCII scalars whose case mappings produce ASCII, derived from the Unicode tables:
    /// the reference for ``LiteralIndex/foldsToASCII(_:)``.
    static func foldsToASCIIByProperties(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        let properties = scalar.properties
        guard properties.changesWhenCaseMapped || properties.changesWhenCaseFolded else { return false }
        func mappings(_ scalar: Unicode.Scalar) -> [String] {
            let p = scalar.properties
            return [p.lowercaseMapping, p.uppercaseMapping, p.titlecaseMapping]
        }
        for first in mappings(scalar) {
            for mapped in first.unicodeScalars {
                if mapped.isASCII { return true }
                for second in mappings(mapped) where second.unicodeScalars.contains(where: \.isASCII) { return true }
            }
        }
        return false
    }

    @Test func theListOfScalarsFoldingToASCIIIsTheUnicodeTables() {
        var differing: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if LiteralIndex.foldsToASCII(value) != Self.foldsToASCIIByProperties(scalar) { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.map { String($0, radix: 16) })")
    }

    /// One filter per literal, so a text's answer for each literal can be read on its own.
    private static func filters(_ literals: [String], caseSensitive: Bool) -> [LiteralPrefilter] {
        literals.map { LiteralPrefilter(pattern: $0, caseSensitive: caseSensitive)! }
    }

    /// Whether `text` holds `literal`: a plain search of the (lowercased) bytes.
    private static func reference(_ text: String, _ literal: String, caseSensitive: Bool) -> Bool {
        let lower = { (bytes: [UInt8]) in bytes.map(LiteralIndex.lower) }
        let haystack = caseSensitive ? Array(text.utf8) : lower(Array(text.utf8))
        let needle = caseSensitive ? Array(literal.utf8) : lower(Array(literal.utf8))
        if !caseSensitive, text.unicodeScalars.contains(where: foldsToASCIIByProperties) { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private static let literals = ["slot", "gacor", "88", "x", "K", "hari ini", "Bonus New Member", "ini", "ini adalah",
                                   "sbobet", "lorem ipsum dolor", "jam", "tw", "AK", "a"]

    private static func check(_ texts: [String], literals: [String], caseSensitive: Bool) {
        let filters = Self.filters(literals, caseSensitive: caseSensitive)
        let group = LiteralIndex(filters)
        for text in texts {
            for folded in [FoldedText(text, index: group), FoldedText(utf8: Array(text.utf8), index: group)!] {
                for (literal, filter) in zip(literals, filters) {
                    #expect(folded.mayMatch(filter) == reference(text, literal, caseSensitive: caseSensitive),
                            "\(literal) in \(text.prefix(80)) (\(text.utf8.count) bytes), case sensitive: \(caseSensitive)")
                }
            }
        }
    }

    @Test(arguments: [false, true])
    func literalsFoundEqualAPlainSearch(caseSensitive: Bool) {
        let texts = [
            "", "a", "x", "88", "SLOT GACOR hari ini", "slo", "sslot", "Slot88", "hari  ini", "HARI INI",
            "Pemerintah Kabupaten Sukamaju – «Berita» é à ü", "jadwal vaksinasi tambahan", "ſlot", "Kelvin \u{212A}",
            "ini\u{A0}adalah", "ini adalah", "emoji 😀 dan 𝒜 lorem ipsum dolor", "tw", "ak", "AK", "straße",
            "Bonus new member", "bonus new membe",
        ]
        Self.check(texts, literals: Self.literals, caseSensitive: caseSensitive)
    }

    @Test(arguments: [false, true])
    func literalsFoundEqualAPlainSearchOnRandomAndLongTexts(caseSensitive: Bool) {
        let pieces = ["slot", "Gacor", "88", "8", " ", "  ", "hari", "ini", "INI", "adalah", "x", "K", "k", "é", "–", "ſ",
                      "bonus", "new", "member", "jam", "tw", "a", "lorem", "ipsum", "dolor", "\n", "😀", "Sukamaju", "Ini"]
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = []
        for round in 0..<400 {
            // Every tenth text is page-sized (over 4 KB).
            let count = round % 10 == 0 ? Int.random(in: 1_000...2_000, using: &generator) : Int.random(in: 0..<30, using: &generator)
            texts.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        Self.check(texts, literals: Self.literals, caseSensitive: caseSensitive)
    }

    @Test func literalsAcrossTheWholeOfALongText() {
        let filler = String(repeating: "Pemerintah kabupaten menyelenggarakan rapat koordinasi. ", count: 200)
        let texts = ["slot " + filler, filler + " slot", filler + "sl" + "ot", filler + "88", String(filler.dropLast(3)) + "gac"]
        Self.check(texts, literals: Self.literals, caseSensitive: false)
    }

    /// Ill-formed UTF-8 is read as `String(decoding:as:)` repairs it; well-formed bytes as they are.
    @Test func illFormedBytesAreRepairedFirst() throws {
        let group = try PatternGroup([BoundedRegex("slot"), BoundedRegex("gacor")])
        let samples: [[UInt8]] = [
            [0xE2] + Array("ſlot".utf8), Array("slot".utf8) + [0xFF], [0xC3], [0xED, 0xA0, 0x80] + Array("gacor".utf8),
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xC1, 0x81], [0x80] + Array("slot".utf8),
            Array("Sejak 2019 – «Sukamaju»".utf8),
        ]
        var generator = SystemRandomNumberGenerator()
        let random = (0..<500).map { _ in
            (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                [UInt8.random(in: 0...255, using: &generator), 0x73, 0x6C, 0x6F, 0x74, 0x80, 0xBF, 0xC5].randomElement(using: &generator)!
            }
        }
        for bytes in samples + random {
            let repaired = String(decoding: bytes, as: UTF8.self)
            let wellFormed = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { group.index.scan($0) != nil } == wellFormed, "\(bytes)")
            let fromBytes = group.prepare(utf8: bytes), fromString = group.prepare(repaired)
            #expect(fromBytes.text == repaired)
            #expect(fromBytes.utf16Count == repaired.utf16.count)
            #expect(fromBytes.foldsToASCII == fromString.foldsToASCII)
            for regex in try [BoundedRegex("slot"), BoundedRegex("gacor")] {
                #expect(regex.mayMatch(fromBytes) == regex.mayMatch(fromString), "\(bytes)")
                #expect(regex.search(fromBytes) == regex.search(repaired), "\(bytes)")
            }
        }
    }
}
