/// Patterns that search the same texts, whose literal pre-filters read a text in one pass
/// (``prepare(_:)``): a page's text is searched by every text pattern of every content rule, an
/// anchor text by every section's `link_text` patterns.
///
/// Any pattern searches a ``FoldedText`` correctly; one outside the group looks for its own
/// literals in the text again.
public struct PatternGroup: Sendable {
    let index: LiteralIndex

    public init(_ patterns: [BoundedRegex]) {
        index = LiteralIndex(patterns.compactMap(\.literalPrefilter))
    }

    init(index: LiteralIndex) { self.index = index }

    /// `text` with the group's literals found in it.
    public func prepare(_ text: String) -> FoldedText {
        FoldedText(text, index: index)
    }

    /// The same as `prepare(String(decoding: utf8, as: UTF8.self))`, without building the string
    /// unless an engine must read it (well-formed UTF-8 is read as it is; anything else is repaired
    /// first, as that initializer repairs it).
    public func prepare(utf8: [UInt8]) -> FoldedText {
        FoldedText(utf8: utf8, index: index) ?? FoldedText(String(decoding: utf8, as: UTF8.self), index: index)
    }
}

/// A text prepared for the literal pre-filters of a ``PatternGroup``: which of the group's
/// literals it holds, found once for every pattern that searches it.
public struct FoldedText: Sendable {
    /// The text as given: a string, or well-formed UTF-8 that becomes a string only when a
    /// regular expression engine must read it.
    private enum Source: Sendable {
        case string(String)
        case utf8([UInt8])
    }

    private let source: Source
    let index: LiteralIndex
    /// The index's literals the text holds, a bit per literal id.
    private let found: [UInt64]
    /// True when the text holds a character whose case mappings produce ASCII (`ſ`, `K`, ...):
    /// case-insensitive literals cannot rule anything out then.
    let foldsToASCII: Bool
    private let utf8Count: Int

    init(_ text: String, index: LiteralIndex) {
        var copy = text
        // A string's storage is well-formed UTF-8: the scan never declines it.
        let scan = copy.withUTF8 { index.scan($0) }!
        source = .string(text)
        self.index = index
        found = scan.found
        foldsToASCII = scan.foldsToASCII
        utf8Count = copy.utf8.count
    }

    /// Nil when `utf8` is not well-formed.
    init?(utf8: [UInt8], index: LiteralIndex) {
        guard let scan = utf8.withUnsafeBufferPointer({ index.scan($0) }) else { return nil }
        source = .utf8(utf8)
        self.index = index
        found = scan.found
        foldsToASCII = scan.foldsToASCII
        utf8Count = utf8.count
    }

    /// The text.
    public var text: String {
        switch source {
        case .string(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The text's length in UTF-16 code units (what ``BoundedRegex`` bounds).
    var utf16Count: Int {
        switch source {
        case .string(let text):
            return text.utf16.count
        case .utf8(let bytes):
            // Well-formed: one unit per scalar (every byte but continuation bytes), two from U+10000 on.
            var units = 0
            for byte in bytes where byte & 0xC0 != 0x80 { units += byte >= 0xF0 ? 2 : 1 }
            return units
        }
    }

    /// True when the text is longer than `limit` UTF-16 code units (never more units than bytes,
    /// so short texts are not counted).
    func exceeds(utf16 limit: Int) -> Bool {
        utf8Count > limit && utf16Count > limit
    }

    /// Whether `prefilter` allows a match in this text, or nil when it is not one of the group's.
    func mayMatch(_ prefilter: LiteralPrefilter) -> Bool? {
        index.mayMatch(prefilter, found: found)
    }
}
