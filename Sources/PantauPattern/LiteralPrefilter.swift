#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Literal words every match of a pattern must contain (an AND/OR combination of them), so a text
/// lacking them is known not to match without running the regex engine.
///
/// Why: ICU's case-insensitive search folds every character of a ~30 KB page text per pattern,
/// and most pages lack a spam pattern's words; a byte search (`memchr`) rules them out an order
/// of magnitude faster. The filter only ever skips a search whose outcome is certain, so results
/// are identical with and without it.
///
/// Soundness, case-insensitive patterns: the literals are ASCII, lowercased; the text is searched
/// with its ASCII letters lowercased (``FoldedText``). A text character can match an ASCII
/// literal character under ICU's full case folding only if it is ASCII itself or one of the few
/// characters whose case mappings produce ASCII (`ſ`, `K`, `ß`, `İ`, `ﬁ`, ...); a text holding any
/// such character is not filtered (``FoldedText/bytes`` is nil).
struct LiteralPrefilter: Sendable {
    /// What a text must contain for a match to be possible.
    indirect enum Need: Sendable, CustomStringConvertible {
        /// The bytes (ASCII; lowercased for case-insensitive patterns) and the offset of the
        /// rarest of them, the one `memchr` looks for.
        case literal([UInt8], anchor: Int)
        case all([Need])
        case any([Need])

        var description: String {
            switch self {
            case .literal(let bytes, _): return String(decoding: bytes, as: UTF8.self)
            case .all(let needs): return "(" + needs.map(\.description).joined(separator: " & ") + ")"
            case .any(let needs): return "(" + needs.map(\.description).joined(separator: " | ") + ")"
            }
        }
    }

    let need: Need
    let caseSensitive: Bool
    /// `need` laid out flat for evaluation (no reference counting per node or literal).
    private let program: NeedProgram

    /// The filter for `pattern`, or nil when no literal is required of every match (or the
    /// pattern uses syntax this reader does not model: then nothing is filtered).
    init?(pattern: String, caseSensitive: Bool) {
        var parser = RequirementParser(Array(pattern.unicodeScalars), caseSensitive: caseSensitive)
        guard let need = parser.parseAll() else { return nil }
        self.need = need
        self.caseSensitive = caseSensitive
        self.program = NeedProgram(need)
    }

    /// How common a byte is in Indonesian and English page text (higher: more common), so the
    /// search anchors on a rare one and `memchr` stops less often.
    static func commonness(_ byte: UInt8) -> Int {
        let order: [UInt8] = Array(" aneiutrskmlgdpbhoyjcwfvzxq".utf8)
        if let rank = order.firstIndex(of: FoldedText.lower(byte)) { return order.count - rank }
        return 0
    }

    /// False only when `text` certainly holds no match.
    func mayMatch(_ text: FoldedText) -> Bool {
        text.withBytes(caseSensitive: caseSensitive) { program.holds(in: $0, sketch: text.sketch) } ?? true
    }

    /// True when `needle` occurs in `haystack`: `memchr` for the needle's byte at `anchor`, then a
    /// comparison of the whole needle around it.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, anchor: Int) -> Bool {
        let count = haystack.count, length = needle.count
        guard count >= length, let base = haystack.baseAddress, let n = needle.baseAddress else { return false }
        let target = Int32(needle[anchor])
        // Candidate starts run from 0 to count - length; the anchor byte sits `anchor` later.
        var position = anchor
        let lastAnchor = count - length + anchor
        while position <= lastAnchor {
            guard let found = memchr(base + position, target, lastAnchor - position + 1) else { return false }
            let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            if memcmp(base + (at - anchor), n, length) == 0 { return true }
            position = at + 1
        }
        return false
    }
}

/// A ``LiteralPrefilter/Need`` tree laid out in three flat arrays, so that evaluating it (for
/// every text, every pattern) touches no reference counts: nodes by index, each node's children
/// as a run of indices, every literal's bytes in one buffer.
private struct NeedProgram: Sendable {
    private enum Kind: UInt8 { case literal, all, any }

    private struct Node {
        var kind: Kind
        /// A literal: offset of its bytes in `bytes`; otherwise offset of its children in `children`.
        var start: Int32
        /// A literal: its length; otherwise the number of children.
        var count: Int32
        /// A literal's anchor byte offset (see ``LiteralPrefilter/Need/literal(_:anchor:)``).
        var anchor: Int32
    }

    private var nodes: [Node] = []
    private var children: [Int32] = []
    private var bytes: [UInt8] = []

    init(_ need: LiteralPrefilter.Need) {
        _ = add(need)
    }

    /// Appends `need` and its subtree; returns its node index. The root is node 0.
    private mutating func add(_ need: LiteralPrefilter.Need) -> Int32 {
        let index = Int32(nodes.count)
        switch need {
        case .literal(let literal, let anchor):
            nodes.append(Node(kind: .literal, start: Int32(bytes.count), count: Int32(literal.count), anchor: Int32(anchor)))
            bytes.append(contentsOf: literal)
        case .all(let needs), .any(let needs):
            let kind: Kind = if case .all = need { .all } else { .any }
            nodes.append(Node(kind: kind, start: 0, count: Int32(needs.count), anchor: 0))
            let ids = needs.map { add($0) }
            nodes[Int(index)].start = Int32(children.count)
            children.append(contentsOf: ids)
        }
        return index
    }

    func holds(in haystack: UnsafeBufferPointer<UInt8>, sketch: ByteSketch?) -> Bool {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                bytes.withUnsafeBufferPointer { bytes in
                    Self.evaluate(0, nodes, children, bytes, haystack, sketch)
                }
            }
        }
    }

    private static func evaluate(_ index: Int, _ nodes: UnsafeBufferPointer<Node>, _ children: UnsafeBufferPointer<Int32>,
                                 _ bytes: UnsafeBufferPointer<UInt8>, _ haystack: UnsafeBufferPointer<UInt8>,
                                 _ sketch: ByteSketch?) -> Bool {
        let node = nodes[index]
        let range = Int(node.start)..<Int(node.start + node.count)
        switch node.kind {
        case .literal:
            let literal = UnsafeBufferPointer(rebasing: bytes[range])
            if let sketch, !sketch.mayContain(literal) { return false }
            return LiteralPrefilter.contains(haystack, literal, anchor: Int(node.anchor))
        case .all:
            for child in range where !evaluate(Int(children[child]), nodes, children, bytes, haystack, sketch) { return false }
            return true
        case .any:
            for child in range where evaluate(Int(children[child]), nodes, children, bytes, haystack, sketch) { return true }
            return false
        }
    }
}

/// A text's UTF-8 bytes prepared for ``LiteralPrefilter``: computed once per text and reused by
/// every pattern that searches it.
public struct FoldedText: Sendable {
    /// The text as written (case-sensitive patterns search its UTF-8 bytes).
    let text: String
    /// The UTF-8 bytes with ASCII letters lowercased, or nil when the text holds a non-ASCII
    /// character whose case mappings produce ASCII (then case-insensitive filtering is unsound).
    let bytes: [UInt8]?
    /// The text's length in UTF-16 code units (what ``BoundedRegex`` bounds), counted on the way.
    let utf16Count: Int
    /// The text's byte pairs and triples (for texts long enough that searching costs more than
    /// the sketch).
    let sketch: ByteSketch?

    public init(_ text: String) {
        self.text = text
        var units = 0
        var ascii = true
        var source = text
        // One pass over the contiguous UTF-8 into an uninitialised array: this runs over every
        // page's whole text.
        let folded = source.withUTF8 { utf8 in
            [UInt8](unsafeUninitializedCapacity: utf8.count) { output, initialized in
                for index in 0..<utf8.count {
                    let byte = utf8[index]
                    if byte < 0x80 {
                        output[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                        units += 1
                    } else {
                        ascii = false
                        output[index] = byte
                        // A lead byte starts a scalar: one unit, two from U+10000 (4-byte sequences) on.
                        if byte >= 0xC0 { units += byte >= 0xF0 ? 2 : 1 }
                    }
                }
                initialized = utf8.count
            }
        }
        utf16Count = units
        sketch = folded.count >= ByteSketch.minimumLength ? folded.withUnsafeBufferPointer(ByteSketch.init) : nil
        bytes = ascii || !Self.holdsScalarFoldingToASCII(folded) ? folded : nil
    }

    /// Decodes only the multi-byte sequences of valid UTF-8 (a Swift string's storage) and asks
    /// ``foldsToASCII(_:)`` of each.
    private static func holdsScalarFoldingToASCII(_ utf8: [UInt8]) -> Bool {
        var index = 0
        while index < utf8.count {
            let lead = utf8[index]
            guard lead >= 0xC0 else {
                index += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard index + length <= utf8.count else { return true }
            var value = UInt32(lead) & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F)
            for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
            if let scalar = Unicode.Scalar(value), foldsToASCII(scalar) { return true }
            index += length
        }
        return false
    }

    /// Calls `body` with the bytes a pattern of that case sensitivity searches, or returns nil
    /// when filtering is unsound for this text.
    func withBytes<R>(caseSensitive: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        if caseSensitive {
            var text = text
            return text.withUTF8(body)
        }
        return bytes?.withUnsafeBufferPointer(body)
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// True for a non-ASCII scalar whose lower, upper or title case mapping, or a mapping of
    /// those (`ẞ` → `ß` → `SS`), contains an ASCII character.
    static func foldsToASCII(_ scalar: Unicode.Scalar) -> Bool {
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
}

/// Which runs of two and three adjacent bytes occur in a text (ASCII letters lowercased), set
/// in one pass: pairs exactly (65,536 bits), triples hashed into 65,536 bits. A literal holding a
/// pair or a triple the text lacks cannot occur in it, so most of a spam pattern's words
/// ("maxwin", "sbobet", "gacor") are ruled out without searching the page: in Indonesian text
/// nearly every pair of letters occurs, far from every triple. A hash collision only lets a
/// search run. Sound for case-sensitive literals too: lowering both sides keeps every occurrence.
public struct ByteSketch: Sendable {
    /// Shorter texts are searched directly: building the sketch (two 8 KB bitmaps) costs more
    /// than a few searches of a few kilobytes.
    static let minimumLength = 4_096

    private var pairs: [UInt64]
    private var triples: [UInt64]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var pairs = [UInt64](repeating: 0, count: 1024)
        var triples = [UInt64](repeating: 0, count: 1024)
        pairs.withUnsafeMutableBufferPointer { pairs in
            triples.withUnsafeMutableBufferPointer { triples in
                guard bytes.count >= 2 else { return }
                var window = UInt32(FoldedText.lower(bytes[0]))
                for index in 1..<bytes.count {
                    window = (window << 8 | UInt32(FoldedText.lower(bytes[index]))) & 0xFF_FFFF
                    let pair = Int(window & 0xFFFF)
                    pairs[pair >> 6] |= 1 << UInt64(pair & 63)
                    if index >= 2 {
                        let triple = Self.slot(window)
                        triples[triple >> 6] |= 1 << UInt64(triple & 63)
                    }
                }
            }
        }
        self.pairs = pairs
        self.triples = triples
    }

    /// A triple's bit: a multiplicative hash of its 24 bits down to 16.
    @inline(__always) private static func slot(_ triple: UInt32) -> Int {
        Int((triple &* 0x9E37_79B1) >> 16)
    }

    /// False when some pair or triple of adjacent bytes of `needle` (ASCII letters lowercased)
    /// never occurs in the text.
    func mayContain(_ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { mayContain($0) }
    }

    func mayContain(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count >= 2 else { return true }
        var window = UInt32(FoldedText.lower(needle[0]))
        for index in 1..<needle.count {
            window = (window << 8 | UInt32(FoldedText.lower(needle[index]))) & 0xFF_FFFF
            let pair = Int(window & 0xFFFF)
            if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { return false }
            if index >= 2 {
                let triple = Self.slot(window)
                if triples[triple >> 6] & (1 << UInt64(triple & 63)) == 0 { return false }
            }
        }
        return true
    }
}

/// Reads an ICU pattern far enough to know which literals every match must contain.
///
/// The result of a piece is nil ("no requirement") or what every match of it contains. Anything not modelled (inline flags, `\Q`, `\p{}`, back references, ...) makes
/// the whole pattern unfiltered.
private struct RequirementParser {
    private let chars: [Unicode.Scalar]
    private var index = 0
    /// Set on syntax this reader does not model.
    private var unsupported = false
    private let caseSensitive: Bool

    init(_ chars: [Unicode.Scalar], caseSensitive: Bool) {
        self.chars = chars
        self.caseSensitive = caseSensitive
    }

    mutating func parseAll() -> LiteralPrefilter.Need? {
        let result = parseAlternation()
        guard !unsupported, index == chars.count else { return nil }
        return result
    }

    private var current: Unicode.Scalar? { index < chars.count ? chars[index] : nil }

    /// Branches separated by `|`, up to `)` or the end.
    private mutating func parseAlternation() -> LiteralPrefilter.Need? {
        var branches: [LiteralPrefilter.Need] = []
        var everyBranchRequires = true
        while true {
            let branch = parseSequence()
            if let branch { branches.append(branch) } else { everyBranchRequires = false }
            guard current == "|" else { break }
            index += 1
        }
        guard everyBranchRequires, !branches.isEmpty else { return nil }
        return branches.count == 1 ? branches[0] : .any(branches)
    }

    private enum Atom {
        case literal(UInt8)
        /// Consumes characters but names no literal (`.`, `\s`, a class, a non-ASCII letter).
        case other
        /// Zero width (`^`, `\b`, a lookaround).
        case anchor
        case group(LiteralPrefilter.Need?)
    }

    /// Items up to `|`, `)` or the end; everything they all require.
    private mutating func parseSequence() -> LiteralPrefilter.Need? {
        var needs: [LiteralPrefilter.Need] = []
        var run: [UInt8] = []
        func closeRun() {
            if !run.isEmpty {
                let bytes = run.map { caseSensitive ? $0 : FoldedText.lower($0) }
                let anchor = bytes.indices.min {
                    LiteralPrefilter.commonness(bytes[$0]) < LiteralPrefilter.commonness(bytes[$1])
                }!
                needs.append(.literal(bytes, anchor: anchor))
            }
            run = []
        }
        while let char = current, char != "|", char != ")", !unsupported {
            let atom = parseAtom()
            guard !unsupported else { return nil }
            let minimum = parseQuantifier()
            guard !unsupported else { return nil }
            switch atom {
            case .literal(let byte):
                if let minimum {
                    // `ab+` still needs "ab"; `ab?` only "a".
                    if minimum >= 1 { run.append(byte) }
                    closeRun()
                } else {
                    run.append(byte)
                }
            case .other, .anchor:
                closeRun()
            case .group(let requirement):
                closeRun()
                if let requirement, (minimum ?? 1) >= 1 { needs.append(requirement) }
            }
        }
        closeRun()
        guard !needs.isEmpty else { return nil }
        // Longer literals first: the likeliest to be missing, so `allSatisfy` stops early.
        let ordered = needs.sorted { Self.weight($0) > Self.weight($1) }
        return ordered.count == 1 ? ordered[0] : .all(ordered)
    }

    private static func weight(_ need: LiteralPrefilter.Need) -> Int {
        switch need {
        case .literal(let bytes, _): return bytes.count
        case .all(let needs): return needs.map(weight).max() ?? 0
        case .any(let needs): return needs.map(weight).min() ?? 0
        }
    }

    private mutating func parseAtom() -> Atom {
        let char = chars[index]
        index += 1
        switch char {
        case ".":
            return .other
        case "^", "$":
            return .anchor
        case "[":
            skipClass()
            return .other
        case "(":
            return parseGroup()
        case "\\":
            return parseEscape()
        case "?", "*", "+", "{", "}", "]":
            unsupported = true
            return .other
        default:
            return char.isASCII ? .literal(UInt8(char.value)) : .other
        }
    }

    private mutating func parseGroup() -> Atom {
        var lookaround = false
        if current == "?" {
            index += 1
            switch current {
            case ":", ">":
                index += 1
            case "=", "!":
                index += 1
                lookaround = true
            case "<":
                index += 1
                if current == "=" || current == "!" {
                    index += 1
                    lookaround = true
                } else {
                    // A named group `(?<name>...)`.
                    while let c = current, c != ">" {
                        guard c.properties.isAlphabetic || c.properties.numericType != nil else { unsupported = true; return .other }
                        index += 1
                    }
                    guard current == ">" else { unsupported = true; return .other }
                    index += 1
                }
            default:
                // Inline flags (`(?i)`, `(?x)`), comments: change how the rest reads.
                unsupported = true
                return .other
            }
        }
        let requirement = parseAlternation()
        guard current == ")" else { unsupported = true; return .other }
        index += 1
        return lookaround ? .anchor : .group(requirement)
    }

    private mutating func parseEscape() -> Atom {
        guard let char = current else { unsupported = true; return .other }
        index += 1
        if "bBAzZG".unicodeScalars.contains(char) { return .anchor }
        if "sSwWdDhHvVRXnrtfae".unicodeScalars.contains(char) { return .other }
        if char.isASCII, !char.properties.isAlphabetic, char.properties.numericType == nil {
            return .literal(UInt8(char.value))
        }
        unsupported = true
        return .other
    }

    /// Skips a character class, nested classes included.
    private mutating func skipClass() {
        var depth = 1
        if current == "^" { index += 1 }
        if current == "]" { unsupported = true; return }
        while let char = current, depth > 0 {
            index += 1
            switch char {
            case "\\": index += 1
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
        }
        if depth > 0 { unsupported = true }
    }

    /// The minimum count of a quantifier after an atom, or nil when there is none.
    private mutating func parseQuantifier() -> Int? {
        guard let char = current else { return nil }
        let minimum: Int
        switch char {
        case "?", "*":
            minimum = 0
            index += 1
        case "+":
            minimum = 1
            index += 1
        case "{":
            index += 1
            var digits = ""
            while let c = current, c.properties.numericType != nil, c.isASCII {
                digits.unicodeScalars.append(c)
                index += 1
            }
            while let c = current, c != "}" {
                guard c == "," || (c.isASCII && c.properties.numericType != nil) else { unsupported = true; return nil }
                index += 1
            }
            guard current == "}", let value = Int(digits) else { unsupported = true; return nil }
            index += 1
            minimum = value
        default:
            return nil
        }
        // Lazy or possessive variants.
        if current == "?" || current == "+" { index += 1 }
        return minimum
    }
}
